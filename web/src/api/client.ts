// The HTTP API as typed methods. Every failure becomes an ApiError carrying the server's
// problem+json, so forms can show `errors` by field. Same origin; no credentials beyond
// the order token header and the shop's Bearer key.
import { ApiError } from './api-error.ts';
import type { JobFiles, OrderRequest, ProblemBody, PublicOrderView, Quote, QuoteRequest, RejectReason, ShopOrderView, ShopStatus } from './types.ts';

export interface PlacedOrder {
  id: string;
  token: string;
  orderUrl: string;
  order: PublicOrderView;
}

interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export class ApiClient {
  constructor(private readonly base = '/api') {}

  quote(request: QuoteRequest): Promise<Quote> {
    return this.send('/quotes', { method: 'POST', body: request, timeoutMs: 120_000 });
  }

  /** The same idempotency key for a retry returns the first order instead of a second one. */
  placeOrder(request: OrderRequest, idempotencyKey: string): Promise<PlacedOrder> {
    return this.send('/orders', { method: 'POST', body: request, headers: { 'Idempotency-Key': idempotencyKey } });
  }

  order(id: string, token: string): Promise<PublicOrderView> {
    return this.send(`/orders/${encodeURIComponent(id)}`, { headers: { 'X-Order-Token': token } });
  }

  cancelOrder(id: string, token: string): Promise<PublicOrderView> {
    return this.send(`/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST', headers: { 'X-Order-Token': token } });
  }

  erasePersonalData(id: string, token: string): Promise<PublicOrderView> {
    return this.send(`/orders/${encodeURIComponent(id)}/personal-data`, { method: 'DELETE', headers: { 'X-Order-Token': token } });
  }

  orderFiles(id: string, token: string): Promise<{ stl: string; expiresAt: number }> {
    return this.send(`/orders/${encodeURIComponent(id)}/files`, { headers: { 'X-Order-Token': token } });
  }

  shopJobs(key: string): Promise<{ jobs: ShopOrderView[] }> {
    return this.send('/shop/jobs', { headers: bearer(key) });
  }

  claimJob(key: string, id: string): Promise<ShopOrderView> {
    return this.send(`/shop/jobs/${encodeURIComponent(id)}/claim`, { method: 'POST', headers: bearer(key) });
  }

  heartbeatJob(key: string, id: string): Promise<ShopOrderView> {
    return this.send(`/shop/jobs/${encodeURIComponent(id)}/heartbeat`, { method: 'POST', headers: bearer(key) });
  }

  setJobStatus(key: string, id: string, status: ShopStatus, tracking?: string): Promise<ShopOrderView> {
    return this.send(`/shop/jobs/${encodeURIComponent(id)}/status`, { method: 'POST', headers: bearer(key), body: tracking ? { status, tracking } : { status } });
  }

  rejectJob(key: string, id: string, reason: RejectReason): Promise<{ id: string; rejected: true; reason: RejectReason }> {
    return this.send(`/shop/jobs/${encodeURIComponent(id)}/reject`, { method: 'POST', headers: bearer(key), body: { reason } });
  }

  jobFiles(key: string, id: string): Promise<JobFiles> {
    return this.send(`/shop/jobs/${encodeURIComponent(id)}/files`, { headers: bearer(key) });
  }

  private async send<T>(path: string, { method = 'GET', body, headers = {}, timeoutMs = 30_000 }: RequestOptions): Promise<T> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: abort.signal,
      });
    } catch (error) {
      throw abort.signal.aborted ? ApiError.timeout(error) : ApiError.offline(error);
    } finally {
      clearTimeout(timer);
    }
    if (response.ok) return (await response.json()) as T;
    throw new ApiError(response.status, await problemOf(response));
  }
}

const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** The problem body, or a stand-in when a proxy answered with something else. */
const problemOf = async (response: Response): Promise<ProblemBody> => {
  try {
    const body = (await response.json()) as ProblemBody;
    if (body && typeof body.title === 'string') return body;
  } catch {
    // not JSON: fall through
  }
  return { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status, detail: `The server answered ${response.status}.` };
};
