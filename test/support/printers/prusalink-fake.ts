// Test fixture: a PrusaLink printer on a real socket, following PrusaLink's OpenAPI document
// (github.com/prusa3d/Prusa-Link-Web, spec/openapi.yaml, "PrusaLink Web" 1.0.0-draft, 2025):
// - securitySchemes digestAuth: HTTP Digest, user "maker"; 401 with WWW-Authenticate Digest
//   realm="Printer API", nonce (no qop, as the Buddy firmware sends it; `qop: true` adds
//   qop="auth" as Prusa-Link for the Raspberry Pi does); an expired nonce is 401 stale=true.
//   With `auth: {kind: 'key'}`: X-Api-Key, a wrong key 403 "Bad X-Api-Key." and a missing one
//   401 (Prusa-Link prusa/link/web/lib/auth.py check_api_digest).
// - /api/version (GET), /api/v1/status (GET: printer.state IDLE, BUSY, PRINTING, PAUSED,
//   FINISHED, STOPPED, ERROR, ATTENTION, READY; job.id, progress, time_remaining,
//   time_printing), /api/v1/job (GET: id, state, progress, time_remaining, time_printing,
//   file.name (short 8.3 name), file.display_name (long name); 204 No Content without a job).
// - /api/v1/files/{storage}/{path}: PUT raw bytes with Content-Length, Content-Type
//   application/octet-stream, Print-After-Upload ?1/?0 and Overwrite ?1/?0 (RFC 8941
//   booleans) → 201; 409 when the file exists and Overwrite is not ?1; POST starts the print if
//   no job runs → 204, 409 otherwise, 404 for an unknown file. As Prusa-Link's
//   prusa/link/web/files.py does, a PUT with Print-After-Upload ?1 that cannot print stores the
//   file and answers 409 "Not in state to print"; a missing length is 411.
// - Errors: JSON {title, text} when the request accepts application/json, else text/plain.
// - 503 "Printer Unavailable." while the printer is not connected (prusa/link/conditions.py).
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { startFakeServer, type FakeAnswer } from './fake-server.ts';
import { estimatedSeconds, PrintSim } from './print-sim.ts';
import type { FakeUpload, PrinterFake } from './printer-fake.ts';

export type PrusaLinkAuth = { kind: 'digest'; username?: string; password: string; qop?: boolean } | { kind: 'key'; key: string };

export interface PrusaLinkFake extends PrinterFake {
  storage: string;
  /** Forces printer.state (BUSY, ATTENTION, READY, …); null to derive it from the print again. */
  overrideState(state: string | null): void;
  /** Issues a new nonce: requests still using the old one get 401 stale=true. */
  expireNonce(): void;
}

const REALM = 'Printer API';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** The Buddy firmware's short 8.3 name for a long file name (what /api/v1/job calls file.name). */
const shortName = (name: string) => {
  const dot = name.lastIndexOf('.');
  const stem = (dot > 0 ? name.slice(0, dot) : name).replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 6);
  return `${stem}~1${dot > 0 ? name.slice(dot, dot + 4).toUpperCase() : ''}`;
};

function digestParams(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of header.replace(/^Digest\s+/i, '').matchAll(/([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return params;
}

export async function startPrusaLinkFake(options: { auth?: PrusaLinkAuth; storage?: string } = {}): Promise<PrusaLinkFake> {
  const auth: PrusaLinkAuth = options.auth ?? { kind: 'digest', password: 'fake-printer-password' };
  const storage = options.storage ?? 'usb';
  const sim = new PrintSim();
  const files = new Map<string, { bytes: Uint8Array; m_timestamp: number }>();
  const uploads: FakeUpload[] = [];
  let nonce = randomBytes(8).toString('hex');
  const oldNonces = new Set<string>();
  let override: string | null = null;
  let connected = true;

  const fail = (req: IncomingMessage, status: number, title: string, text: string, headers: Record<string, string> = {}): FakeAnswer =>
    (req.headers.accept ?? '').includes('application/json') ? { status, body: { title, text }, headers } : { status, body: text, headers };

  const challenge = (stale = false) => {
    const qop = auth.kind === 'digest' && auth.qop ? ', qop="auth"' : '';
    return { 'www-authenticate': `Digest realm="${REALM}", nonce="${nonce}"${qop}${stale ? ', stale=true' : ''}` };
  };

  /** null when the request may proceed, else the refusal. */
  const checkAuth = (req: IncomingMessage): FakeAnswer | null => {
    if (auth.kind === 'key') {
      const key = req.headers['x-api-key'];
      if (key === undefined) return fail(req, 401, 'Unauthorized', 'Unauthorized');
      return key === auth.key ? null : { status: 403, body: 'Bad X-Api-Key.' };
    }
    const header = req.headers.authorization ?? '';
    if (!/^Digest\s/i.test(header)) return fail(req, 401, 'Unauthorized', 'Unauthorized', challenge());
    const p = digestParams(header);
    if (oldNonces.has(p.nonce)) return fail(req, 401, 'Unauthorized', 'Unauthorized', challenge(true));
    const ha1 = md5(`${auth.username ?? 'maker'}:${REALM}:${auth.password}`);
    const ha2 = md5(`${req.method}:${p.uri}`);
    const expected = p.qop ? md5(`${ha1}:${nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
    const valid = p.username === (auth.username ?? 'maker') && p.realm === REALM && p.nonce === nonce && p.uri === req.url && p.response === expected;
    return valid ? null : fail(req, 401, 'Unauthorized', 'Unauthorized', challenge());
  };

  const printerState = (): string => {
    if (override) return override;
    return { idle: 'IDLE', printing: 'PRINTING', paused: 'PAUSED', finished: 'FINISHED', cancelled: 'STOPPED', error: 'ERROR' }[sim.state];
  };
  const canPrint = () => ['IDLE', 'READY', 'FINISHED', 'STOPPED'].includes(printerState());
  const startPrint = (name: string) => sim.start(name, estimatedSeconds(files.get(name)!.bytes));
  const jobBody = () => ({
    id: sim.job,
    state: { idle: 'IDLE', printing: 'PRINTING', paused: 'PAUSED', finished: 'FINISHED', cancelled: 'STOPPED', error: 'ERROR' }[sim.state],
    progress: sim.percent,
    time_remaining: sim.active ? sim.secondsLeft : 0,
    time_printing: Math.round(sim.elapsed),
    inaccurate_estimates: false,
    file: { name: shortName(sim.file!), display_name: sim.file, path: `/${storage}`, display_path: `/${storage}`, size: files.get(sim.file!)?.bytes.length ?? 0, m_timestamp: files.get(sim.file!)?.m_timestamp ?? 0 },
  });

  const server = await startFakeServer(async (req, url, body) => {
    const refused = checkAuth(req);
    if (refused) return refused;
    if (!connected) return fail(req, 503, 'Printer Unavailable.', 'PrusaLink not finished initializing or Printer not connected.');
    const path = decodeURIComponent(url.pathname);

    if (req.method === 'GET' && path === '/api/version') {
      return { status: 200, body: { api: '2.0.0', server: '2.1.2', nozzle_diameter: 0.4, text: 'PrusaLink', hostname: 'prusa-mk4', capabilities: { 'upload-by-put': true } } };
    }
    if (req.method === 'GET' && path === '/api/v1/status') {
      const printer: Record<string, unknown> = { state: printerState(), temp_nozzle: 214.9, target_nozzle: 215, temp_bed: 59.5, target_bed: 60, axis_z: 0.2, flow: 100, speed: 100, fan_hotend: 4200, fan_print: 3000 };
      if (sim.state === 'error') printer.status_printer = { ok: false, message: sim.message };
      const job = sim.file === null ? undefined : { id: sim.job, progress: sim.percent, time_remaining: sim.active ? sim.secondsLeft : 0, time_printing: Math.round(sim.elapsed) };
      return { status: 200, body: { printer, ...(job ? { job } : {}), storage: { path: `/${storage}/`, name: storage, read_only: false } } };
    }
    if (req.method === 'GET' && path === '/api/v1/job') {
      return sim.file === null ? { status: 204 } : { status: 200, body: jobBody() };
    }

    const fileMatch = /^\/api\/v1\/files\/([^/]+)\/(.+)$/.exec(path);
    if (fileMatch) {
      const [, where, name] = fileMatch;
      if (where !== storage) return fail(req, 404, 'Not Found', `Storage ${where} not found.`);
      if (req.method === 'PUT') {
        const type = req.headers['content-type'] ?? 'application/octet-stream';
        if (!['application/octet-stream', 'text/x.gcode'].includes(type)) return fail(req, 415, 'Unsupported Media Type', 'Unsupported media type.');
        if (!(Number(req.headers['content-length']) > 0)) return fail(req, 411, 'Length Required', 'Missing Content-Length header or no content in request.');
        if (files.has(name) && req.headers.overwrite !== '?1') return fail(req, 409, 'File Already Exists', 'File already exists.');
        const bytes = new Uint8Array(body);
        files.set(name, { bytes, m_timestamp: Math.floor(Date.now() / 1000) });
        const fields: Record<string, string> = {};
        for (const header of ['content-length', 'content-type', 'print-after-upload', 'overwrite']) {
          const value = req.headers[header];
          if (typeof value === 'string') fields[header] = value;
        }
        uploads.push({ name, bytes, fields });
        if (req.headers['print-after-upload'] === '?1') {
          if (!canPrint()) return fail(req, 409, 'Not in state to print', 'Printer is not in state to print.');
          startPrint(name);
        }
        return { status: 201 };
      }
      if (req.method === 'POST') {
        if (!files.has(name)) return fail(req, 404, 'File Not Found', 'File not found.');
        if (!canPrint()) return fail(req, 409, 'Not in state to print', 'Printer is not in state to print.');
        startPrint(name);
        return { status: 204 };
      }
    }
    return fail(req, 404, 'Not Found', 'Not found.');
  });

  return {
    kind: 'prusalink',
    url: server.url,
    storage,
    sim,
    requests: server.requests,
    uploads,
    setOffline: (value) => void (connected = !value),
    overrideState: (state) => void (override = state),
    expireNonce() {
      oldNonces.add(nonce);
      nonce = randomBytes(8).toString('hex');
    },
    hang: server.hang,
    redirect: server.redirect,
    behave: server.behave,
    close: server.close,
  };
}
