// Test fixture: an OctoPrint on a real socket, following its documented REST API
// (docs.octoprint.org/en/master/api/, as of OctoPrint 1.11 / 2.0):
// - "General information" › Authorization: X-Api-Key or "Authorization: Bearer"; a missing or
//   invalid key is 403.
// - "File operations" › Upload file or create folder: POST /api/files/local multipart (file,
//   select, print) → 201 {files:{local:{name,path,origin,refs}}, done, effectiveSelect,
//   effectivePrint} + Location; select/print have no effect while printing or not operational;
//   409 when it would overwrite the file being printed; 415 for types other than G-code/STL.
// - "File operations" › Issue a file command: POST /api/files/local/{path} {command:"select",
//   print} → 204; 409 when printing (or not operational) and print is true; 404 unknown file.
// - "File operations" › Retrieve a specific file's information: GET /api/files/local/{path} →
//   the file with prints {success, failure, last:{success, date, printTime}}.
// - "Job operations" › Retrieve information about the current job: GET /api/job → {job:{file},
//   progress:{completion 0–100, filepos, printTime, printTimeLeft, printTimeLeftOrigin}, state}.
// - "Printer operations" › Retrieve the current printer state: GET /api/printer → {state:{text,
//   flags}}; 409 when the printer is not operational.
// The states and progress after a job follow OctoPrint's printer/standard.py: done leaves the
// file selected with completion 100 and printTimeLeft 0; a cancel clears progress to nulls and
// logs an unsuccessful print in the file's history.
import { createHash } from 'node:crypto';
import { startFakeServer, readForm } from './fake-server.ts';
import { estimatedSeconds, PrintSim } from './print-sim.ts';
import type { FakeUpload, PrinterFake } from './printer-fake.ts';

export interface OctoPrintFake extends PrinterFake {
  apiKey: string;
  /** Forces the state text (and flags) /api/job and /api/printer report, e.g. "Finishing" or a translation; null to derive it again. */
  overrideState(text: string | null, flags?: Record<string, boolean>): void;
}

const MACHINE_CODE = /\.(gcode|gco|g)$/i;

interface FileEntry {
  bytes: Uint8Array;
  date: number;
  prints: { success: number; failure: number; last: { success: boolean; date: number; printTime: number | null } | null };
}

export async function startOctoPrintFake(options: { apiKey?: string } = {}): Promise<OctoPrintFake> {
  const apiKey = options.apiKey ?? 'OCTO-FAKE-KEY-0123456789ABCDEF';
  const sim = new PrintSim();
  const files = new Map<string, FileEntry>();
  const uploads: FakeUpload[] = [];
  let selected: string | null = null;
  let offline = false;
  let override: { text: string; flags?: Record<string, boolean> } | null = null;
  /** The job whose end has been written to the file history already. */
  let logged = 0;

  const logEnd = () => {
    // OctoPrint logs a finished or cancelled print into the file's history (FileManager.log_print).
    if ((sim.state !== 'finished' && sim.state !== 'cancelled' && sim.state !== 'error') || sim.file === null || logged === sim.job) return;
    const entry = files.get(sim.file);
    if (!entry) return;
    const success = sim.state === 'finished';
    entry.prints[success ? 'success' : 'failure'] += 1;
    entry.prints.last = { success, date: Date.now() / 1000, printTime: sim.elapsed };
    logged = sim.job;
  };

  const stateText = (): string => {
    if (override) return override.text;
    if (offline) return 'Offline';
    if (sim.state === 'printing') return 'Printing';
    if (sim.state === 'paused') return 'Paused';
    if (sim.state === 'error') return 'Error';
    return 'Operational';
  };
  const flags = (): Record<string, boolean> => {
    if (override?.flags) return override.flags;
    const text = stateText();
    const operational = !offline && sim.state !== 'error';
    return {
      operational,
      printing: text === 'Printing',
      paused: text === 'Paused',
      pausing: false,
      cancelling: false,
      sdReady: false,
      error: sim.state === 'error',
      ready: operational && !sim.active,
      closedOrError: offline || sim.state === 'error',
    };
  };
  const canPrint = () => !offline && !sim.active && sim.state !== 'error' && override === null;
  const startPrint = (name: string) => {
    selected = name;
    sim.start(name, estimatedSeconds(files.get(name)!.bytes));
  };

  const server = await startFakeServer(async (req, url, body) => {
    const path = decodeURIComponent(url.pathname);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if ((req.headers['x-api-key'] ?? bearer) !== apiKey) return { status: 403, body: { error: 'You don\'t have the permission to access the requested resource. It is either read-protected or not readable by the server.' } };
    logEnd();

    if (req.method === 'POST' && path === '/api/files/local') {
      const form = await readForm(req, body);
      const file = form.get('file');
      if (!(file instanceof File)) return { status: 400, body: { error: 'No file to upload and no folder to create' } };
      const name = file.name;
      if (!MACHINE_CODE.test(name) && !/\.stl$/i.test(name)) return { status: 415, body: { error: `Could not upload the file "${name}", invalid type` } };
      if (sim.active && sim.file === name) return { status: 409, body: { error: `Trying to overwrite file that is currently being printed: ${name}` } };
      const bytes = new Uint8Array(await file.arrayBuffer());
      const fields: Record<string, string> = {};
      for (const [key, value] of form.entries()) if (key !== 'file') fields[key] = String(value);
      uploads.push({ name, bytes, fields: { ...fields, sha256: createHash('sha256').update(bytes).digest('hex') } });
      files.set(name, { bytes, date: Math.floor(Date.now() / 1000), prints: { success: 0, failure: 0, last: null } });
      const wantsSelect = fields.select === 'true' || fields.print === 'true';
      const effectiveSelect = MACHINE_CODE.test(name) && wantsSelect && canPrint();
      const effectivePrint = effectiveSelect && fields.print === 'true';
      if (effectiveSelect) selected = name;
      if (effectivePrint) startPrint(name);
      const resource = `${server.url}/api/files/local/${encodeURIComponent(name)}`;
      const local = { name, path: name, display: name, origin: 'local', refs: { resource, download: `${server.url}/downloads/files/local/${encodeURIComponent(name)}` } };
      return { status: 201, body: { files: { local }, done: true, effectiveSelect, effectivePrint }, headers: { location: resource } };
    }

    if (path.startsWith('/api/files/local/')) {
      const name = path.slice('/api/files/local/'.length);
      const entry = files.get(name);
      if (!entry) return { status: 404, body: { error: `File not found on 'local': ${name}` } };
      if (req.method === 'GET') {
        return { status: 200, body: { name, path: name, display: name, origin: 'local', type: 'machinecode', size: entry.bytes.length, date: entry.date, prints: entry.prints } };
      }
      if (req.method === 'POST') {
        let command: { command?: string; print?: unknown };
        try {
          command = JSON.parse(body.toString('utf8'));
        } catch {
          return { status: 400, body: { error: 'Malformed JSON body or wrong content-type in request' } };
        }
        if (command.command !== 'select') return { status: 400, body: { error: `Unknown command ${command.command}` } };
        if (!MACHINE_CODE.test(name)) return { status: 415, body: { error: `Cannot select ${name} for printing, not a machinecode file` } };
        if (command.print === true && !canPrint()) return { status: 409, body: { error: 'Printer is already printing, cannot select a new file' } };
        if (sim.active) return { status: 409, body: { error: 'Printer is already printing, cannot select a new file' } };
        selected = name;
        if (command.print === true) startPrint(name);
        return { status: 204 };
      }
    }

    if (req.method === 'GET' && path === '/api/job') {
      const current = sim.active || sim.state !== 'idle' ? (sim.file ?? selected) : selected;
      const entry = current ? files.get(current) : undefined;
      const progress =
        sim.active ? { completion: sim.percent, filepos: Math.round((sim.percent / 100) * (entry?.bytes.length ?? 0)), printTime: Math.round(sim.elapsed), printTimeLeft: sim.secondsLeft, printTimeLeftOrigin: 'estimate' }
        : sim.state === 'finished' ? { completion: 100, filepos: entry?.bytes.length ?? 0, printTime: Math.round(sim.elapsed), printTimeLeft: 0, printTimeLeftOrigin: null }
        : { completion: null, filepos: null, printTime: null, printTimeLeft: null, printTimeLeftOrigin: null };
      return {
        status: 200,
        body: {
          job: { file: { name: current, path: current, display: current, origin: current ? 'local' : null, size: entry?.bytes.length ?? null, date: entry?.date ?? null }, estimatedPrintTime: entry ? sim.total : null, filament: null, user: current ? 'shop' : null },
          progress,
          state: stateText(),
          error: sim.state === 'error' ? sim.message : null,
        },
      };
    }

    if (req.method === 'GET' && path === '/api/printer') {
      if (offline) return { status: 409, body: { error: 'Printer is not operational' } };
      return { status: 200, body: { state: { text: stateText(), flags: flags(), error: sim.state === 'error' ? sim.message : '' } } };
    }

    return { status: 404, body: { error: 'The requested URL was not found on the server.' } };
  });

  return {
    kind: 'octoprint',
    url: server.url,
    apiKey,
    sim,
    requests: server.requests,
    uploads,
    setOffline: (value) => void (offline = value),
    overrideState: (text, flagsOverride) => void (override = text === null ? null : { text, flags: flagsOverride }),
    hang: server.hang,
    redirect: server.redirect,
    behave: server.behave,
    close: server.close,
  };
}
