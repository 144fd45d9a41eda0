// Moonraker (Klipper) behind the Printer interface, following moonraker.readthedocs.io:
// external_api/file_manager "File upload" (POST /server/files/upload multipart: file, root
// gcodes, print, checksum → 201 {item:{path}, print_started}) and "Get GCode Metadata"
// (GET /server/files/metadata?filename= → estimated_time); external_api/printer "Start a print
// job" (POST /printer/print/start?filename=) and "Query printer object status"
// (GET /printer/objects/query?webhooks&print_stats&virtual_sdcard); external_api/introduction
// "Basic Print Status" (webhooks.state must be "ready"; print_stats.state standby, printing,
// paused, complete, cancelled, error; the ETA from progress and estimated_time). Answers are
// wrapped in {result}; errors are {error:{code,message}}; 503 while Klippy is not connected.
// Auth: optional X-Api-Key (external_api/authorization), 401 when refused.
//
// Start is guarded: Klipper's SDCARD_PRINT_FILE refuses while a file is printing ("SD busy")
// but not while one is paused (it would replace the paused job), so start() reads the state
// first and refuses with busy (status 409, Moonraker itself has no such answer) unless Klippy
// is ready and nothing is printing or paused.
// An upload with print=true while printing stores the file and answers print_started false.
import { createHash } from 'node:crypto';
import type { Printer, PrinterPhase, PrinterSettings, PrinterStatus, UploadedFile } from './printer.ts';
import { PrinterError } from './printer.ts';
import { baseName, clipText, createPrinterHttp, errorText, num, parseJson, percentOf, secondsOf, type PrinterHttpOptions } from './printer-http.ts';

export type MoonrakerOptions = Omit<PrinterHttpOptions, 'kind' | 'url'>;

interface Objects {
  webhooks?: { state?: string; state_message?: string };
  print_stats?: { state?: string; filename?: string; message?: string; print_duration?: number };
  virtual_sdcard?: { progress?: number; is_active?: boolean };
}

const PRINT_STATES: Record<string, PrinterPhase> = {
  standby: 'idle',
  printing: 'printing',
  paused: 'paused',
  complete: 'finished',
  cancelled: 'cancelled',
  error: 'error',
};

/** Klippy's own state (webhooks.state) when it is not "ready": starting up is a wait; "error" usually means the printer board is not connected. */
const KLIPPY_STATES: Record<string, PrinterPhase> = { startup: 'busy', error: 'offline', shutdown: 'error' };

/** Moonraker wraps most answers in {result}; uploads are not wrapped. */
const unwrap = <T>(body: unknown): T => (body && typeof body === 'object' && 'result' in body ? (body as { result: T }).result : (body as T));

export function createMoonraker(settings: Pick<PrinterSettings, 'url' | 'apiKey'>, options: MoonrakerOptions = {}): Printer {
  const http = createPrinterHttp({ ...options, kind: 'moonraker', url: settings.url });
  const auth: Record<string, string> = settings.apiKey ? { 'x-api-key': settings.apiKey } : {};
  /** estimated_time per file (null when the slicer wrote none); a file's metadata does not change while it prints. */
  const estimates = new Map<string, number | null>();

  const estimatedTime = async (filename: string, signal?: AbortSignal): Promise<number | null> => {
    if (!estimates.has(filename)) {
      const answer = await http.exchange({ method: 'GET', path: `/server/files/metadata?filename=${encodeURIComponent(filename)}`, headers: auth, signal });
      if (answer.status === 401 || answer.status === 403) throw http.refusal(answer);
      // Metadata may be missing (unsupported slicer, extraction failed): estimate without it.
      const ok = answer.status >= 200 && answer.status < 300;
      estimates.set(filename, ok ? num(unwrap<{ estimated_time?: unknown }>(parseJson('moonraker', answer)).estimated_time) : null);
    }
    return estimates.get(filename) ?? null;
  };

  /** The objects, or null when Klippy is not connected (503). */
  const query = async (signal?: AbortSignal): Promise<{ objects: Objects | null; message: string | null }> => {
    const answer = await http.exchange({ method: 'GET', path: '/printer/objects/query?webhooks&print_stats&virtual_sdcard', headers: auth, signal });
    if (answer.status === 503) return { objects: null, message: errorText(answer.text) ?? 'Klippy is not connected' };
    if (answer.status < 200 || answer.status >= 300) throw http.refusal(answer);
    return { objects: unwrap<{ status?: Objects }>(parseJson('moonraker', answer)).status ?? {}, message: null };
  };

  const phaseOf = (objects: Objects): PrinterPhase => {
    const klippy = objects.webhooks?.state ?? 'ready';
    if (klippy !== 'ready') return KLIPPY_STATES[klippy] ?? 'offline';
    if (!objects.print_stats) return 'offline'; // "not properly configured" (Basic Print Status)
    return PRINT_STATES[objects.print_stats.state ?? ''] ?? 'busy';
  };

  return {
    kind: 'moonraker',
    url: http.base,
    async upload(name, gcode, { start, signal }): Promise<UploadedFile> {
      const form = new FormData();
      form.append('root', 'gcodes');
      form.append('print', start ? 'true' : 'false');
      form.append('checksum', createHash('sha256').update(gcode).digest('hex'));
      form.append('file', new Blob([new Uint8Array(gcode)], { type: 'application/octet-stream' }), name);
      const answer = await http.send({ method: 'POST', path: '/server/files/upload', headers: auth, body: form, signal, uploadBytes: gcode.length });
      const body = unwrap<{ item?: { path?: string }; print_started?: boolean }>(parseJson('moonraker', answer));
      const stored = body.item?.path ?? name;
      estimates.delete(stored);
      return { name: stored, started: start && body.print_started === true };
    },
    async start(name, signal) {
      const { objects, message } = await query(signal);
      if (objects === null) throw new PrinterError('moonraker', 503, message ?? 'Klippy is not connected', true);
      const klippy = objects.webhooks?.state ?? 'ready';
      if (klippy !== 'ready') {
        // Starting up, shut down or disconnected from its board: nothing can print until Klippy is ready again.
        const why = clipText(objects.webhooks?.state_message) ?? `Klippy is ${klippy}`;
        throw new PrinterError('moonraker', 409, `not starting ${name}: ${why}`, true);
      }
      const phase = phaseOf(objects);
      if (phase === 'printing' || phase === 'paused' || phase === 'busy' || phase === 'offline') {
        const what = phase === 'printing' || phase === 'paused' ? `${phase} ${clipText(objects.print_stats?.filename) ?? 'a file'}` : phase;
        throw new PrinterError('moonraker', 409, `not starting ${name}: the printer is ${what}`, true);
      }
      const answer = await http.exchange({ method: 'POST', path: `/printer/print/start?filename=${encodeURIComponent(name)}`, headers: auth, signal });
      if (answer.status >= 200 && answer.status < 300) return;
      // 503: Klippy went away; 400 "SD busy": another print started meanwhile.
      const busy = answer.status === 503 || (answer.status === 400 && /busy|printing|not ready/i.test(answer.text));
      throw http.refusal(answer, busy);
    },
    async status(signal): Promise<PrinterStatus> {
      const { objects, message } = await query(signal);
      if (objects === null) return { phase: 'offline', file: null, percent: null, secondsLeft: null, message };
      const phase = phaseOf(objects);
      const stats = objects.print_stats ?? {};
      const filename = stats.filename ? stats.filename : null;
      const progress = num(objects.virtual_sdcard?.progress);
      let secondsLeft: number | null = null;
      if ((phase === 'printing' || phase === 'paused') && filename !== null) {
        const estimate = await estimatedTime(filename, signal);
        const duration = num(stats.print_duration);
        if (estimate !== null && progress !== null) secondsLeft = estimate - progress * estimate;
        else if (duration !== null && progress !== null && progress > 0) secondsLeft = duration / progress - duration;
      }
      const klippyMessage = objects.webhooks?.state !== undefined && objects.webhooks.state !== 'ready' ? objects.webhooks.state_message : undefined;
      return {
        phase,
        file: filename === null ? null : clipText(baseName(filename)),
        percent: phase === 'finished' ? 100 : progress === null || filename === null ? null : percentOf(progress * 100),
        secondsLeft: phase === 'finished' ? 0 : secondsOf(secondsLeft),
        message: clipText(klippyMessage ?? stats.message ?? null) ?? clipText(stats.state ?? null),
      };
    },
  };
}
