// The one way the printer adapters talk HTTP: every call has a time limit (timeout.ts
// `deadline`, body included), redirects are never followed (a 3xx is an error: a printer that
// redirects is misconfigured or is not the printer), an unreachable host or a timeout is a
// PrinterError with status 0, any other non-2xx is a PrinterError carrying the printer's own
// words, trimmed to 200 characters. Adapters add their auth headers and their busy rule.
import { deadline, DEFAULT_TIMEOUTS, formatLimit } from '../timeout.ts';
import { PrinterError, type PrinterKind } from './printer.ts';

/** Printer-supplied text is shown to people and stored: never more than this. */
export const PRINTER_TEXT_MAX = 200;

export interface PrinterHttpOptions {
  kind: PrinterKind;
  url: string;
  fetch?: typeof fetch;
  /** Limit per call other than an upload (default 15 s). */
  timeoutMs?: number;
  /** Base limit per upload, plus 1 s per 100 KB sent (default 30 s). */
  uploadTimeoutMs?: number;
}

export interface PrinterRequest {
  method: string;
  /** Path and query, starting with "/". */
  path: string;
  headers?: Record<string, string>;
  body?: BodyInit;
  signal?: AbortSignal;
  /** Bytes being uploaded: switches to the upload limit. */
  uploadBytes?: number;
}

export interface PrinterAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** Collapses whitespace, drops HTML tags, cuts to 200 characters. */
export function clipText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  return text.length > PRINTER_TEXT_MAX ? `${text.slice(0, PRINTER_TEXT_MAX - 1)}…` : text;
}

/** The readable part of an error body: Moonraker {error:{message}}, OctoPrint {error}, PrusaLink {title,text}, or the text itself. */
export function errorText(body: string): string | null {
  try {
    const data = JSON.parse(body) as Record<string, unknown>;
    const error = data.error as Record<string, unknown> | string | undefined;
    if (typeof error === 'string') return clipText(error);
    if (error && typeof error.message === 'string') return clipText(error.message);
    if (typeof data.text === 'string') return clipText(typeof data.title === 'string' ? `${data.title.replace(/[.:\s]+$/, '')}: ${data.text}` : data.text);
    if (typeof data.message === 'string') return clipText(data.message);
  } catch {
    // not JSON: the text as it came
  }
  return clipText(body);
}

/** Printer answers are small JSON documents; anything bigger is not the printer API (a wrong URL). */
export const ANSWER_MAX_BYTES = 1_000_000;

/** The body as text, or null (and the rest left unread) when it is over ANSWER_MAX_BYTES. */
async function readCapped(response: Response): Promise<string | null> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > ANSWER_MAX_BYTES) return null; // leaving the loop cancels the stream
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface PrinterHttp {
  readonly base: string;
  /** One call; answers only 2xx, throws PrinterError for everything else. */
  send(request: PrinterRequest): Promise<PrinterAnswer>;
  /** Like send, but hands back non-2xx answers too (for auth challenges and status-specific rules). */
  exchange(request: PrinterRequest): Promise<PrinterAnswer>;
  /** The PrinterError for a non-2xx answer. */
  refusal(answer: PrinterAnswer, busy?: boolean): PrinterError;
}

export function createPrinterHttp(options: PrinterHttpOptions): PrinterHttp {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUTS.printerMs;
  const uploadTimeoutMs = options.uploadTimeoutMs ?? DEFAULT_TIMEOUTS.printerUploadMs;
  const kind = options.kind;

  const exchange = async (request: PrinterRequest): Promise<PrinterAnswer> => {
    const ms = request.uploadBytes === undefined ? timeoutMs : uploadTimeoutMs + Math.ceil(request.uploadBytes / 100_000) * 1000;
    const limit = deadline(ms, request.signal);
    const what = `${request.method} ${request.path.split('?')[0]}`;
    try {
      const response = await doFetch(`${base}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: limit.signal,
      });
      const text = await readCapped(response);
      if (text === null) {
        throw new PrinterError(kind, response.status, `${what}: the answer is over ${ANSWER_MAX_BYTES} bytes, not a printer API answer (check the printer URL)`);
      }
      if (response.status >= 300 && response.status < 400) {
        const location = clipText(response.headers.get('location') ?? '') ?? 'nowhere';
        throw new PrinterError(kind, response.status, `${what} redirected to ${location}; redirects are not followed (check the printer URL)`);
      }
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      if (error instanceof PrinterError) throw error;
      if (request.signal?.aborted) throw error; // the caller stopped: not the printer's fault
      if (limit.timedOut) throw new PrinterError(kind, 0, `${base}: no answer within ${formatLimit(ms)} (${what})`, false, { cause: error });
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new PrinterError(kind, 0, `${base}: ${cause?.code ?? cause?.message ?? (error as Error).message} (${what})`, false, { cause: error });
    } finally {
      limit.clear();
    }
  };

  const refusal = (answer: PrinterAnswer, busy = false) =>
    new PrinterError(kind, answer.status, errorText(answer.text) ?? `HTTP ${answer.status}`, busy);

  return {
    base,
    exchange,
    refusal,
    async send(request) {
      const answer = await exchange(request);
      if (answer.status < 200 || answer.status >= 300) throw refusal(answer);
      return answer;
    },
  };
}

/** Parses a 2xx JSON body; a body that is not JSON is the printer misbehaving, reported with its status. */
export function parseJson<T>(kind: PrinterKind, answer: PrinterAnswer): T {
  try {
    return JSON.parse(answer.text) as T;
  } catch (error) {
    throw new PrinterError(kind, answer.status, `expected JSON, got: ${clipText(answer.text) ?? 'an empty body'}`, false, { cause: error });
  }
}

/** A finite number, or null. */
export const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** 0–100 rounded to one decimal, or null. */
export const percentOf = (value: number | null): number | null =>
  value === null ? null : Math.round(Math.min(100, Math.max(0, value)) * 10) / 10;

/** Whole seconds ≥ 0, or null. */
export const secondsOf = (value: number | null): number | null => (value === null ? null : Math.max(0, Math.round(value)));

/** The last path segment: the interface names files without their folder. */
export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
