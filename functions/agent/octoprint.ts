// OctoPrint's documented REST API, the few calls the agent needs (docs.octoprint.org, "File
// operations" and "Job operations"): upload to local storage, select (+print) a G-code
// file, slice (+print) a model with OctoPrint's own slicer, and read the current job.
// Every call sends X-Api-Key. 409 is OctoPrint's "printer busy / not operational" answer.
import { OctoPrintError } from './errors.ts';

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
}

/** OctoPrint's file types: which files it can print directly, which it would have to slice. */
export const isMachineCode = (name: string): boolean => /\.(gcode|gco|g)$/i.test(name);

export function createOctoPrintClient(options: OctoPrintOptions): OctoPrintClient {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;

  const send = async (method: string, path: string, body: BodyInit | undefined, json: boolean, signal?: AbortSignal): Promise<Response> => {
    const headers: Record<string, string> = { 'x-api-key': options.apiKey };
    if (json) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { method, headers, body, signal });
    } catch (error) {
      if (signal?.aborted) throw error;
      const cause = (error as { cause?: { code?: string } }).cause;
      throw new OctoPrintError(0, `${base}: ${cause?.code ?? (error as Error).message}`, { cause: error });
    }
    if (!response.ok) {
      const text = (await response.text()).trim().slice(0, 300);
      throw new OctoPrintError(response.status, text || response.statusText);
    }
    return response;
  };
  const filePath = (path: string) => `/api/files/local/${path.split('/').map(encodeURIComponent).join('/')}`;
  const command = async (path: string, body: object, signal?: AbortSignal) => {
    const response = await send('POST', filePath(path), JSON.stringify(body), true, signal);
    await response.body?.cancel();
  };

  return {
    async upload(name, bytes, { select = false, print = false, userdata, signal } = {}) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), name);
      if (select) form.append('select', 'true');
      if (print) form.append('print', 'true');
      if (userdata !== undefined) form.append('userdata', JSON.stringify(userdata));
      const response = await send('POST', '/api/files/local', form, false, signal);
      const body = (await response.json()) as {
        files?: { local?: { name?: string; path?: string } };
        effectiveSelect?: boolean;
        effectivePrint?: boolean;
      };
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
      const response = await send('GET', '/api/job', undefined, false, signal);
      const body = (await response.json()) as { state?: string; job?: { file?: Partial<OctoPrintJob['file']> } };
      const file = body.job?.file ?? {};
      return { state: body.state ?? 'Unknown', file: { name: file.name ?? null, path: file.path ?? null, origin: file.origin ?? null } };
    },
  };
}
