// OctoPrint's documented REST API, the few calls the agent needs (docs.octoprint.org, "File
// operations" and "Job operations"): upload to local storage, select (+print) a G-code
// file, slice (+print) a model with OctoPrint's own slicer, and read the current job.
// Every call sends X-Api-Key. 409 is OctoPrint's "printer busy / not operational" answer.
// Each call has a time limit (15 s; uploads 30 s plus 1 s per 100 KB); running out of it is
// an OctoPrintError with status 0, like an unreachable OctoPrint.
import { OctoPrintError } from './errors.ts';
import { deadline, DEFAULT_TIMEOUTS, formatLimit } from './timeout.ts';

export interface UploadResult {
  /** Name and path OctoPrint stored the file under (it may sanitize the name). */
  name: string;
  path: string;
  /** Whether OctoPrint actually selected / started it (only for G-code, only when idle). */
  effectiveSelect: boolean;
  effectivePrint: boolean;
}

export interface OctoPrintJob {
  /** "Operational", "Printing", "Paused", "Offline", … */
  state: string;
  file: { name: string | null; path: string | null; origin: string | null };
}

export interface OctoPrintClient {
  upload(name: string, bytes: Uint8Array, options?: { select?: boolean; print?: boolean; userdata?: unknown; signal?: AbortSignal }): Promise<UploadResult>;
  /** POST /api/files/local/{path} {command: "select", print}: G-code only. */
  select(path: string, print: boolean, signal?: AbortSignal): Promise<void>;
  /** POST /api/files/local/{path} {command: "slice", gcode, print}: needs a slicer configured in OctoPrint. */
  slice(path: string, gcode: string, print: boolean, signal?: AbortSignal): Promise<void>;
  job(signal?: AbortSignal): Promise<OctoPrintJob>;
}

export interface OctoPrintOptions {
  url: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Limit per call other than an upload (default 15 s). */
  timeoutMs?: number;
  /** Base limit per upload, plus 1 s per 100 KB uploaded (default 30 s). */
  uploadTimeoutMs?: number;
}

/** OctoPrint's file types: which files it can print directly, which it would have to slice. */
export const isMachineCode = (name: string): boolean => /\.(gcode|gco|g)$/i.test(name);

export function createOctoPrintClient(options: OctoPrintOptions): OctoPrintClient {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUTS.octoprintMs;
  const uploadTimeoutMs = options.uploadTimeoutMs ?? DEFAULT_TIMEOUTS.octoprintUploadMs;

  /** One call; `read` takes the body while the time limit still applies. */
  const send = async <T>(
    method: string,
    path: string,
    body: BodyInit | undefined,
    json: boolean,
    read: (response: Response) => Promise<T>,
    signal: AbortSignal | undefined,
    ms = timeoutMs,
  ): Promise<T> => {
    const headers: Record<string, string> = { 'x-api-key': options.apiKey };
    if (json) headers['content-type'] = 'application/json';
    const limit = deadline(ms, signal);
    try {
      let response: Response;
      let text: string | undefined;
      try {
        response = await doFetch(`${base}${path}`, { method, headers, body, signal: limit.signal });
        if (!response.ok) text = (await response.text()).trim().slice(0, 300);
        else return await read(response);
      } catch (error) {
        if (signal?.aborted) throw error;
        if (limit.timedOut) throw new OctoPrintError(0, `${base}: no answer within ${formatLimit(ms)} (${method} ${path})`, { cause: error });
        if (error instanceof SyntaxError) throw error; // an answer, but not JSON: not a network failure
        const cause = (error as { cause?: { code?: string } }).cause;
        throw new OctoPrintError(0, `${base}: ${cause?.code ?? (error as Error).message}`, { cause: error });
      }
      throw new OctoPrintError(response.status, text || response.statusText);
    } finally {
      limit.clear();
    }
  };
  const filePath = (path: string) => `/api/files/local/${path.split('/').map(encodeURIComponent).join('/')}`;
  const command = (path: string, body: object, signal?: AbortSignal) =>
    send('POST', filePath(path), JSON.stringify(body), true, async (response) => void (await response.body?.cancel()), signal);

  return {
    async upload(name, bytes, { select = false, print = false, userdata, signal } = {}) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), name);
      if (select) form.append('select', 'true');
      if (print) form.append('print', 'true');
      if (userdata !== undefined) form.append('userdata', JSON.stringify(userdata));
      type Answer = { files?: { local?: { name?: string; path?: string } }; effectiveSelect?: boolean; effectivePrint?: boolean };
      const limitMs = uploadTimeoutMs + Math.ceil(bytes.length / 100_000) * 1000;
      const body = await send('POST', '/api/files/local', form, false, (r) => r.json() as Promise<Answer>, signal, limitMs);
      const local = body.files?.local ?? {};
      return {
        name: local.name ?? name,
        path: local.path ?? local.name ?? name,
        effectiveSelect: body.effectiveSelect === true,
        effectivePrint: body.effectivePrint === true,
      };
    },
    select: (path, print, signal) => command(path, { command: 'select', print }, signal),
    slice: (path, gcode, print, signal) => command(path, { command: 'slice', gcode, print }, signal),
    async job(signal) {
      type Answer = { state?: string; job?: { file?: Partial<OctoPrintJob['file']> } };
      const body = await send('GET', '/api/job', undefined, false, (r) => r.json() as Promise<Answer>, signal);
      const file = body.job?.file ?? {};
      return { state: body.state ?? 'Unknown', file: { name: file.name ?? null, path: file.path ?? null, origin: file.origin ?? null } };
    },
  };
}
