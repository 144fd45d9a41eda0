// PrusaLink behind the Printer interface, following PrusaLink's OpenAPI document
// (github.com/prusa3d/Prusa-Link-Web, spec/openapi.yaml, "PrusaLink Web" 1.0.0):
// PUT /api/v1/files/{storage}/{path} (raw bytes; Content-Length; Print-After-Upload and
// Overwrite as RFC 8941 booleans ?1/?0 → 201; 409 Conflict), POST /api/v1/files/{storage}/{path}
// ("Start print of file if there's no print job running" → 204, 409), GET /api/v1/status
// (printer.state IDLE, BUSY, PRINTING, PAUSED, FINISHED, STOPPED, ERROR, ATTENTION, READY;
// job.progress, job.time_remaining) and GET /api/v1/job (file.name, file.display_name; 204
// when there is no job). Auth: HTTP Digest (securitySchemes digestAuth, user "maker") or, on
// older firmware, X-Api-Key; a wrong key is 401 (Buddy firmware) or 403 "Bad X-Api-Key."
// (Prusa-Link for Raspberry Pi, prusa/link/web/lib/auth.py). 503 while PrusaLink starts or
// the printer is not connected (prusa/link/conditions.py PrinterUnavailable).
//
// Storage: "usb" on the Buddy-firmware printers (MK4, XL, MINI), "local" on Prusa-Link for the
// Raspberry Pi (MK3S); settings.storage picks it. When the upload asked to print and the
// printer cannot (Prusa-Link stores the file, then answers 409 "Not in state to print"), the
// upload reports started: false and start() later says busy until the printer is free.
import type { Printer, PrinterPhase, PrinterSettings, PrinterStatus, UploadedFile } from './printer.ts';
import { digestAuthorization, parseDigestChallenge, type DigestChallenge, type DigestCredentials } from './digest-auth.ts';
import { baseName, clipText, createPrinterHttp, errorText, num, parseJson, percentOf, secondsOf, type PrinterAnswer, type PrinterHttpOptions, type PrinterRequest } from './printer-http.ts';

export type PrusaLinkOptions = Omit<PrinterHttpOptions, 'kind' | 'url'>;

const STATES: Record<string, PrinterPhase> = {
  IDLE: 'idle',
  READY: 'idle',
  BUSY: 'busy',
  PRINTING: 'printing',
  PAUSED: 'paused',
  FINISHED: 'finished',
  STOPPED: 'cancelled',
  ERROR: 'error',
  // The printer waits for someone (filament runout, crash detection, a question on its screen).
  ATTENTION: 'busy',
};

interface StatusAnswer {
  printer?: { state?: string; status_printer?: { ok?: boolean; message?: string } };
  job?: { progress?: number; time_remaining?: number };
}

interface JobAnswer {
  state?: string;
  progress?: number;
  time_remaining?: number;
  file?: { name?: string; display_name?: string };
}

const ok = (answer: PrinterAnswer) => answer.status >= 200 && answer.status < 300;

export function createPrusaLink(
  settings: Pick<PrinterSettings, 'url' | 'apiKey' | 'username' | 'password' | 'storage'>,
  options: PrusaLinkOptions = {},
): Printer {
  const http = createPrinterHttp({ ...options, kind: 'prusalink', url: settings.url });
  const storage = encodeURIComponent(settings.storage ?? 'usb');
  // A password means digest; a key alone is sent as X-Api-Key, and doubles as the digest
  // password if the printer answers with a digest challenge (newer Buddy firmware).
  const digestPassword = settings.password ?? settings.apiKey ?? null;
  const credentials: DigestCredentials | null = digestPassword === null ? null : { username: settings.username ?? 'maker', password: digestPassword };
  let useKey = settings.password === undefined && !!settings.apiKey;
  let challenge: DigestChallenge | null = null;
  let nonceCount = 0;

  const authorize = (request: PrinterRequest): PrinterRequest => {
    const headers = { ...request.headers };
    if (useKey) headers['x-api-key'] = settings.apiKey!;
    else if (challenge && credentials) headers.authorization = digestAuthorization(challenge, credentials, request.method, request.path, ++nonceCount);
    return { ...request, headers };
  };

  /** One call with auth; a digest challenge (first contact, a stale nonce) is answered once. */
  const call = async (request: PrinterRequest): Promise<PrinterAnswer> => {
    const answer = await http.exchange(authorize(request));
    if (answer.status !== 401 || credentials === null) return answer;
    const fresh = parseDigestChallenge(answer.headers.get('www-authenticate'));
    const answerable = fresh !== null && (challenge === null || useKey || fresh.stale || fresh.nonce !== challenge.nonce);
    if (!answerable) return answer;
    challenge = fresh;
    nonceCount = 0;
    useKey = false;
    return http.exchange(authorize(request));
  };

  const send = async (request: PrinterRequest): Promise<PrinterAnswer> => {
    const answer = await call(request);
    if (!ok(answer)) throw http.refusal(answer, answer.status === 503);
    return answer;
  };

  const filePath = (name: string) => `/api/v1/files/${storage}/${name.split('/').map(encodeURIComponent).join('/')}`;

  return {
    kind: 'prusalink',
    url: http.base,
    async upload(name, gcode, { start, signal }): Promise<UploadedFile> {
      // Get the digest challenge with a small request rather than sending the file twice.
      if (!useKey && credentials && challenge === null) await call({ method: 'GET', path: '/api/version', signal });
      const answer = await call({
        method: 'PUT',
        path: filePath(name),
        headers: { 'content-type': 'application/octet-stream', 'print-after-upload': start ? '?1' : '?0', overwrite: '?0' },
        body: new Uint8Array(gcode),
        signal,
        uploadBytes: gcode.length,
      });
      if (ok(answer)) return { name, started: start };
      if (answer.status === 409) {
        if (/exist/i.test(answer.text)) throw http.refusal(answer); // that name is taken: waiting will not help
        if (start) return { name, started: false }; // stored, but the printer is not in a state to print
        throw http.refusal(answer, true);
      }
      throw http.refusal(answer, answer.status === 503);
    },
    async start(name, signal) {
      const answer = await call({ method: 'POST', path: filePath(name), signal });
      if (ok(answer)) return;
      throw http.refusal(answer, answer.status === 409 || answer.status === 503);
    },
    async status(signal): Promise<PrinterStatus> {
      const first = await call({ method: 'GET', path: '/api/v1/status', headers: { accept: 'application/json' }, signal });
      if (first.status === 503) return { phase: 'offline', file: null, percent: null, secondsLeft: null, message: errorText(first.text) ?? 'printer not connected' };
      if (!ok(first)) throw http.refusal(first);
      const status = parseJson<StatusAnswer>('prusalink', first);
      const state = (status.printer?.state ?? '').toUpperCase();
      const phase = STATES[state] ?? 'busy';
      const jobAnswer = await send({ method: 'GET', path: '/api/v1/job', headers: { accept: 'application/json' }, signal });
      const job = jobAnswer.status === 204 || jobAnswer.text.trim() === '' ? null : parseJson<JobAnswer>('prusalink', jobAnswer);
      const fileName = job?.file?.display_name ?? job?.file?.name ?? null;
      const progress = num(job?.progress) ?? num(status.job?.progress);
      const remaining = num(job?.time_remaining) ?? num(status.job?.time_remaining);
      const running = phase === 'printing' || phase === 'paused' || state === 'ATTENTION';
      const printerMessage = status.printer?.status_printer?.ok === false ? status.printer.status_printer.message : undefined;
      return {
        phase,
        file: fileName === null ? null : clipText(baseName(fileName)),
        percent: phase === 'finished' ? 100 : percentOf(progress),
        secondsLeft: phase === 'finished' ? 0 : running ? secondsOf(remaining) : null,
        message: clipText(printerMessage ? `${state}: ${printerMessage}` : state || null),
      };
    },
  };
}
