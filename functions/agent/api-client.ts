// A small client for the shop half of the Atelier API (Bearer key): list, claim, heartbeat,
// status, reject, files. Heartbeat and status may carry a production report (progress,
// sliced figures). Errors come back as ApiError with the problem+json title and
// detail, and the Retry-After the server asked for. Each call has a time limit (15 s by
// default); running out of it is an ApiError with status 0, retried like an outage.
// Redirects are never followed (a 3xx is an ApiError naming where it pointed): the shop key
// goes only to the origin the shop configured.
import type { RejectReason, ShopStatus } from '../domain/order-model.ts';
import type { ShopOrderView } from '../domain/order-views.ts';
import type { ProductionReport } from '../domain/production-report.ts';
import { MAX_PROGRESS_MESSAGE } from '../domain/production.ts';
import { parseRetryAfter } from './backoff.ts';
import { ApiError } from './errors.ts';
import { deadline, DEFAULT_TIMEOUTS, formatLimit } from './timeout.ts';

/** A job as the API shows it to this shop. */
export type ShopJob = ShopOrderView;

export interface FileLink {
  /** Short-lived download link. */
  url: string;
  sha256: string;
  bytes: number;
}

export interface JobFiles {
  hash: string;
  stl: FileLink;
  threeMf: FileLink;
  expiresAt: number;
}

export interface RejectReceipt {
  id: string;
  rejected: true;
  reason: RejectReason;
}

export interface ApiClient {
  listJobs(signal?: AbortSignal): Promise<ShopJob[]>;
  getJob(id: string, signal?: AbortSignal): Promise<ShopJob>;
  claim(id: string, signal?: AbortSignal): Promise<ShopJob>;
  /** Extends the lease; `report` (progress, sliced figures) is stored with it. */
  heartbeat(id: string, signal?: AbortSignal, report?: ProductionReport): Promise<ShopJob>;
  setStatus(id: string, status: ShopStatus, tracking?: string, signal?: AbortSignal, report?: ProductionReport): Promise<ShopJob>;
  reject(id: string, reason: RejectReason, note?: string, signal?: AbortSignal): Promise<RejectReceipt>;
  files(id: string, signal?: AbortSignal): Promise<JobFiles>;
}

export interface ApiClientOptions {
  /** The Atelier site (https://atelier.example) or its API root (…/api). */
  apiUrl: string;
  shopKey: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Limit per call, answer and body included (default 15 s). */
  timeoutMs?: number;
}

/** `https://host` and `https://host/api/` both become `https://host/api`. */
export function apiRoot(apiUrl: string): string {
  const trimmed = apiUrl.replace(/\/+$/, '');
  return trimmed.endsWith('/api') ? trimmed : `${trimmed}/api`;
}

const describeNetworkError = (error: unknown): string => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
};

const toApiError = (response: Response, text: string, now: number): ApiError => {
  let problem: { title?: string; detail?: string; retryAfterSeconds?: number } = {};
  try {
    problem = JSON.parse(text) as typeof problem;
  } catch {
    problem = { detail: text.slice(0, 200) || undefined };
  }
  const fromHeader = parseRetryAfter(response.headers.get('retry-after'), now);
  const fromBody = typeof problem.retryAfterSeconds === 'number' ? problem.retryAfterSeconds * 1000 : undefined;
  return new ApiError(response.status, problem.title ?? (response.statusText || 'Error'), problem.detail, fromHeader ?? fromBody);
};

/**
 * The report's JSON fields, or nothing when it has none. The printer's message is cut to the
 * API's limit here, so a long message never costs the shop its heartbeat.
 */
export function reportBody(report: ProductionReport | undefined): ProductionReport {
  const body: ProductionReport = {};
  if (report?.progress) {
    const { message } = report.progress;
    body.progress = typeof message === 'string' && message.length > MAX_PROGRESS_MESSAGE ? { ...report.progress, message: `${message.slice(0, MAX_PROGRESS_MESSAGE - 1)}…` } : report.progress;
  }
  if (report?.sliced) body.sliced = report.sliced;
  return body;
}

const redirectRefused = (response: Response, root: string): ApiError => {
  let to = 'nowhere';
  try {
    to = new URL(response.headers.get('location') ?? '', `${root}/`).origin;
  } catch {
    to = 'an unreadable location';
  }
  return new ApiError(response.status, 'Redirect refused', `${root} redirects to ${to}; the agent follows no redirect (check apiUrl)`);
};

export function createApiClient(options: ApiClientOptions): ApiClient {
  const root = apiRoot(options.apiUrl);
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUTS.apiMs;

  const request = async <T>(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal): Promise<T> => {
    const headers: Record<string, string> = { authorization: `Bearer ${options.shopKey}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const limit = deadline(timeoutMs, signal);
    /** Ctrl-C passes through as it is; a timeout or a network failure becomes a retryable ApiError (status 0). */
    const failed = (error: unknown): unknown => {
      if (signal?.aborted) return error;
      if (limit.timedOut) return new ApiError(0, 'API timed out', `no answer from ${root} within ${formatLimit(timeoutMs)} (${method} ${path})`, undefined, { cause: error });
      return new ApiError(0, 'API unreachable', `${root}: ${describeNetworkError(error)}`, undefined, { cause: error });
    };
    try {
      let response: Response;
      let text: string;
      try {
        response = await doFetch(`${root}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: limit.signal, redirect: 'manual' });
        text = await response.text();
      } catch (error) {
        throw failed(error);
      }
      if (response.status >= 300 && response.status < 400) throw redirectRefused(response, root);
      if (!response.ok) throw toApiError(response, text, now());
      return JSON.parse(text) as T;
    } finally {
      limit.clear();
    }
  };
  const job = (id: string) => `/shop/jobs/${encodeURIComponent(id)}`;

  return {
    listJobs: async (signal) => (await request<{ jobs: ShopJob[] }>('GET', '/shop/jobs', undefined, signal)).jobs,
    getJob: (id, signal) => request('GET', job(id), undefined, signal),
    claim: (id, signal) => request('POST', `${job(id)}/claim`, undefined, signal),
    heartbeat: (id, signal, report) => {
      const body = reportBody(report);
      return request('POST', `${job(id)}/heartbeat`, Object.keys(body).length === 0 ? undefined : body, signal);
    },
    setStatus: (id, status, tracking, signal, report) =>
      request('POST', `${job(id)}/status`, { status, ...(tracking === undefined ? {} : { tracking }), ...reportBody(report) }, signal),
    reject: (id, reason, note, signal) => request('POST', `${job(id)}/reject`, note === undefined ? { reason } : { reason, note }, signal),
    files: (id, signal) => request('GET', `${job(id)}/files`, undefined, signal),
  };
}
