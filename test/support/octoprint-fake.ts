// Test fixture: a small OctoPrint on a real socket that follows the documented REST API the
// agent uses (docs.octoprint.org, File operations and Job operations): X-Api-Key auth,
// multipart upload to local storage (201; 409 when overwriting the file being printed; 415
// for other types), the select and slice commands (409 while printing; select 415 on non
// G-code; slice 415 without a slicer), GET /api/job and POST /api/job start.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUpload {
  name: string;
  bytes: Uint8Array;
  sha256: string;
  /** The other form fields (select, print, userdata). */
  fields: Record<string, string>;
  contentLength: string | undefined;
}

export interface FakeOctoPrint {
  url: string;
  apiKey: string;
  uploads: FakeUpload[];
  /** Every request: method, path and the status answered. */
  log: { method: string; path: string; status: number }[];
  /** Another print runs; the next `answers` refusals because of it are 409, then it finishes. */
  busyFor(answers: number): void;
  /** What OctoPrint prints now (null when idle). */
  printing(): string | null;
  close(): Promise<void>;
}

const MACHINE_CODE = /\.(gcode|gco|g)$/i;
const MODEL = /\.stl$/i;

export async function startFakeOctoPrint(options: { apiKey?: string; slicer?: boolean } = {}): Promise<FakeOctoPrint> {
  const apiKey = options.apiKey ?? 'OCTO-TEST-KEY-0123456789';
  const slicer = options.slicer ?? true;
  const files = new Map<string, Uint8Array>();
  const uploads: FakeUpload[] = [];
  const log: FakeOctoPrint['log'] = [];
  let printing: string | null = null;
  let selected: string | null = null;
  let busyAnswersLeft = 0;

  /** True when a job runs; counts the refusal, and lets the other print finish after the last one. */
  const busyNow = (): boolean => {
    if (printing === null) return false;
    if (busyAnswersLeft > 0) {
      busyAnswersLeft -= 1;
      if (busyAnswersLeft === 0) printing = null; // that other print just finished
    }
    return true;
  };

  const readBody = async (req: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  let base = '';
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<[number, unknown?, Record<string, string>?]> => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith('/api/')) return [404, 'Not found'];
    if (req.headers['x-api-key'] !== apiKey) return [403, 'Invalid API key'];

    if (req.method === 'POST' && path === '/api/files/local') {
      const body = await readBody(req);
      const form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: new Uint8Array(body) }).formData();
      const file = form.get('file');
      if (!(file instanceof Blob) || !('name' in file)) return [400, 'No file to upload and no folder to create'];
      const name = String(file.name);
      if (!MACHINE_CODE.test(name) && !MODEL.test(name)) return [415, `Can not upload file ${name}, wrong format?`];
      if (printing === name && busyNow()) return [409, `Trying to overwrite file that is currently being printed: ${name}`];
      const bytes = new Uint8Array(await file.arrayBuffer());
      const fields: Record<string, string> = {};
      for (const [key, value] of form.entries()) if (key !== 'file') fields[key] = String(value);
      files.set(name, bytes);
      uploads.push({ name, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), fields, contentLength: req.headers['content-length'] });
      // Only G-code is ever selected or printed after an upload, and only when idle.
      const wantsSelect = fields.select === 'true' || fields.print === 'true';
      const effectiveSelect = MACHINE_CODE.test(name) && wantsSelect && printing === null;
      const effectivePrint = effectiveSelect && fields.print === 'true';
      if (effectiveSelect) selected = name;
      if (effectivePrint) printing = name;
      const resource = `${base}/api/files/local/${name}`;
      const local = { name, path: name, type: MODEL.test(name) ? 'model' : 'machinecode', origin: 'local', refs: { resource, download: `${base}/downloads/files/local/${name}` } };
      return [201, { files: { local }, done: true, effectiveSelect, effectivePrint }, { location: resource }];
    }

    if (req.method === 'POST' && path.startsWith('/api/files/local/')) {
      const name = path.slice('/api/files/local/'.length);
      let data: { command?: string; print?: unknown; select?: unknown; gcode?: string };
      try {
        data = JSON.parse((await readBody(req)).toString('utf8'));
      } catch {
        return [400, 'Malformed JSON body in request'];
      }
      if (!files.has(name)) return [404, `File not found on 'local': ${name}`];
      const print = data.print === true;
      if (data.command === 'select') {
        if (!MACHINE_CODE.test(name)) return [415, `Cannot select ${name} for printing, not a machinecode file`];
        if (busyNow()) return [409, 'Printer is already printing, cannot select a new file'];
        selected = name;
        if (print) printing = name;
        return [204];
      }
      if (data.command === 'slice') {
        if (!slicer) return [415, `Cannot slice ${name}, no slicer available`];
        if (!MODEL.test(name)) return [415, `Cannot slice ${name}, not a model file`];
        if ((print || data.select === true) && busyNow()) return [409, 'Printer is not operational or already printing, cannot select or print after slicing'];
        const gcode = data.gcode ?? name.replace(MODEL, '.gco');
        files.set(gcode, new TextEncoder().encode(`; sliced from ${name}\nG28\n`));
        if (print || data.select === true) selected = gcode;
        if (print) printing = gcode;
        return [202, { origin: 'local', name: gcode, path: gcode, refs: { resource: `${base}/api/files/local/${gcode}` } }];
      }
      return [400, `Unknown command ${data.command}`];
    }

    if (req.method === 'GET' && path === '/api/job') {
      const current = printing ?? selected;
      return [200, {
        job: { file: { name: current, path: current, origin: current ? 'local' : null, size: current ? files.get(current)?.length ?? null : null } },
        progress: { completion: printing ? 1.5 : null },
        state: printing ? 'Printing' : 'Operational',
      }];
    }

    if (req.method === 'POST' && path === '/api/job') {
      const data = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { command?: string };
      if (data.command !== 'start') return [400, `Unknown command ${data.command}`];
      if (selected === null || busyNow()) return [409, 'Printer is not operational or already printing'];
      printing = selected;
      return [204];
    }
    return [404, 'Not found'];
  };

  const server = createServer((req, res) => {
    handle(req, res)
      .catch((error: Error) => [500, error.message] as [number, unknown])
      .then(([status, body, headers = {}]) => {
        log.push({ method: req.method ?? '', path: req.url ?? '', status });
        const json = typeof body === 'object' && body !== null;
        res.writeHead(status, { ...headers, ...(body === undefined ? {} : { 'content-type': json ? 'application/json' : 'text/html; charset=utf-8' }) });
        res.end(body === undefined ? undefined : json ? JSON.stringify(body) : String(body));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    apiKey,
    uploads,
    log,
    busyFor(answers) {
      printing = 'someone-elses-part.gcode';
      files.set(printing, new TextEncoder().encode('G28\n'));
      busyAnswersLeft = answers;
    },
    printing: () => printing,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
