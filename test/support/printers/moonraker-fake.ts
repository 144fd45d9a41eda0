// Test fixture: a Moonraker (Klipper) on a real socket, following moonraker.readthedocs.io
// (latest, docs/external_api/ in github.com/Arksine/moonraker):
// - introduction › HTTP API Overview: answers wrapped in {result}; errors {error:{code,message}}.
// - introduction › Basic Print Status: GET /printer/objects/query?webhooks&virtual_sdcard&
//   print_stats; webhooks.state ready/startup/shutdown/error with state_message;
//   print_stats.state standby, printing, paused, complete, cancelled, error (+ message);
//   print_stats.filename stays set after a print until the next one.
// - printer › Query printer object status (GET form) and Start a print job
//   (POST /printer/print/start?filename= → "ok"; Klipper's SDCARD_PRINT_FILE answers "SD busy",
//   a 400, while a file prints; it does not refuse while paused, it replaces the paused job).
// - file_manager › File upload: POST /server/files/upload multipart (file, root=gcodes, path,
//   checksum → 422 on mismatch, print) → 201 {item:{path,root,modified,size,permissions},
//   print_started, print_queued, action:"create_file"} + Location, not wrapped; the upload of
//   the loaded file while printing is 403 "File is loaded, upload not permitted"; print=true
//   while printing stores the file with print_started false.
// - file_manager › Get GCode Metadata: GET /server/files/metadata?filename= → {result:{...,
//   estimated_time}}, 404 when there is none.
// - authorization: X-Api-Key when the fake is given a key; refused with 401 "Unauthorized".
// - 503 "Klippy Host not connected" while Klippy is not connected (klippy_connection.py).
import { createHash } from 'node:crypto';
import { startFakeServer, readForm } from './fake-server.ts';
import { estimatedSeconds, PrintSim } from './print-sim.ts';
import type { FakeUpload, PrinterFake } from './printer-fake.ts';

export type KlippyState = 'ready' | 'startup' | 'shutdown' | 'error';

export interface MoonrakerFake extends PrinterFake {
  apiKey: string | null;
  /** Klippy's own state (webhooks.state) and its message. */
  setKlippy(state: KlippyState, message?: string): void;
}

const STATE_MESSAGES: Record<KlippyState, string> = {
  ready: 'Printer is ready',
  startup: 'Printer is not ready\nThe klippy host software is attempting to connect.',
  shutdown: 'Emergency stop triggered',
  error: "mcu 'mcu': Unable to connect",
};

export async function startMoonrakerFake(options: { apiKey?: string | null; estimates?: boolean } = {}): Promise<MoonrakerFake> {
  const apiKey = options.apiKey ?? null;
  const withEstimates = options.estimates ?? true;
  const sim = new PrintSim();
  const files = new Map<string, { bytes: Uint8Array; modified: number }>();
  const uploads: FakeUpload[] = [];
  let klippy: { state: KlippyState; message: string } = { state: 'ready', message: STATE_MESSAGES.ready };
  let connected = true;

  const error = (status: number, message: string) => ({ status, body: { error: { code: status, message } } });
  const startPrint = (filename: string) => sim.start(filename, estimatedSeconds(files.get(filename)!.bytes));
  const printStats = () => ({
    filename: sim.file ?? '',
    total_duration: sim.elapsed,
    print_duration: sim.elapsed,
    filament_used: 0,
    state: { idle: 'standby', printing: 'printing', paused: 'paused', finished: 'complete', cancelled: 'cancelled', error: 'error' }[sim.state],
    message: sim.state === 'error' ? (sim.message ?? '') : '',
    info: { total_layer: null, current_layer: null },
  });

  const server = await startFakeServer(async (req, url, body) => {
    if (apiKey !== null && req.headers['x-api-key'] !== apiKey) return error(401, 'Unauthorized');
    const path = url.pathname;

    if (req.method === 'POST' && path === '/server/files/upload') {
      const form = await readForm(req, body);
      const file = form.get('file');
      if (!(file instanceof File) || !file.name.trim()) return error(400, 'Multipart filename omitted');
      const root = String(form.get('root') ?? 'gcodes');
      if (root !== 'gcodes') return error(400, `Invalid root request: ${root}`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const checksum = form.get('checksum');
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (typeof checksum === 'string' && checksum && checksum.toLowerCase() !== actual) {
        return error(422, `File checksum mismatch: expected ${checksum}, calculated ${actual}`);
      }
      const dir = String(form.get('path') ?? '').replace(/^\/+|\/+$/g, '');
      const filename = dir ? `${dir}/${file.name}` : file.name;
      const printing = connected && klippy.state === 'ready' && sim.active;
      if (printing && sim.file === filename) return error(403, 'File is loaded, upload not permitted');
      const fields: Record<string, string> = {};
      for (const [key, value] of form.entries()) if (key !== 'file') fields[key] = String(value);
      uploads.push({ name: filename, bytes, fields });
      files.set(filename, { bytes, modified: Date.now() / 1000 });
      let started = false;
      if (fields.print === 'true' && !printing && connected && klippy.state === 'ready') {
        startPrint(filename);
        started = true;
      }
      const item = { path: filename, root: 'gcodes', modified: files.get(filename)!.modified, size: bytes.length, permissions: 'rw' };
      return {
        status: 201,
        body: { item, print_started: started, print_queued: false, action: 'create_file' },
        headers: { location: `${server.url}/server/files/gcodes/${filename.split('/').map(encodeURIComponent).join('/')}` },
      };
    }

    if (req.method === 'GET' && path === '/server/files/metadata') {
      const filename = url.searchParams.get('filename') ?? '';
      const entry = files.get(filename);
      if (!entry) return error(404, `Metadata not available for <${filename}>`);
      const estimate = withEstimates ? { estimated_time: estimatedSeconds(entry.bytes), slicer: 'PrusaSlicer', slicer_version: '2.5.0' } : {};
      return { status: 200, body: { result: { size: entry.bytes.length, modified: entry.modified, uuid: 'fake', file_processors: [], ...estimate, filename } } };
    }

    // Everything below goes through Klippy.
    if (!connected) return error(503, 'Klippy Host not connected');

    if (req.method === 'GET' && path === '/printer/objects/query') {
      const status: Record<string, unknown> = {};
      const wanted = [...url.searchParams.keys()];
      if (wanted.includes('webhooks')) status.webhooks = { state: klippy.state, state_message: klippy.message };
      // Objects are only there once Klippy has loaded its config.
      if (klippy.state === 'ready' || klippy.state === 'shutdown') {
        if (wanted.includes('print_stats')) status.print_stats = printStats();
        if (wanted.includes('virtual_sdcard')) {
          status.virtual_sdcard = { file_path: sim.file ? `/home/pi/printer_data/gcodes/${sim.file}` : null, progress: sim.percent / 100, is_active: sim.state === 'printing', file_position: 0, file_size: sim.file ? (files.get(sim.file)?.bytes.length ?? 0) : 0 };
        }
      }
      return { status: 200, body: { result: { eventtime: process.uptime(), status } } };
    }

    if (req.method === 'POST' && path === '/printer/print/start') {
      const filename = url.searchParams.get('filename') ?? '';
      if (klippy.state !== 'ready') return error(400, klippy.message);
      if (sim.state === 'printing') return error(400, 'SD busy');
      if (!files.has(filename)) return error(400, `Unable to open file "${filename}"`);
      startPrint(filename); // a paused job is replaced, as Klipper does
      return { status: 200, body: { result: 'ok' } };
    }

    return error(404, 'Not Found');
  });

  return {
    kind: 'moonraker',
    url: server.url,
    apiKey,
    sim,
    requests: server.requests,
    uploads,
    setOffline: (value) => void (connected = !value),
    setKlippy: (state, message) => void (klippy = { state, message: message ?? STATE_MESSAGES[state] }),
    hang: server.hang,
    redirect: server.redirect,
    behave: server.behave,
    close: server.close,
  };
}
