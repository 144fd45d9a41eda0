// The HTTP API as typed methods. Every failure becomes an ApiError carrying the server's
// problem+json, so forms can show `errors` by field. Same origin; no credentials beyond
// the order token header and the shop's Bearer key.
import { ApiError } from './api-error.ts';
import type { JobFiles, OrderRequest, ProblemBody, PublicOrderView, Quote, QuoteRequest, RejectReason, ShopOrderView, ShopStatus, ShopWebhook, WebhookState } from './types.ts';

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

  async orderFiles(id: string, token: string): Promise<{ stl: string; expiresAt: number }> {
    const files = await this.send<{ stl: string; expiresAt: number }>(`/orders/${encodeURIComponent(id)}/files`, { headers: { 'X-Order-Token': token } });
    return { ...files, stl: reachableLink(files.stl) };
  }

  shopJobs(key: string): Promise<{ shop: { id: string; name: string }; jobs: ShopOrderView[] }> {
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

  async jobFiles(key: string, id: string): Promise<JobFiles> {
    const files = await this.send<JobFiles>(`/shop/jobs/${encodeURIComponent(id)}/files`, { headers: bearer(key) });
    return { ...files, stl: { ...files.stl, url: reachableLink(files.stl.url) }, threeMf: { ...files.threeMf, url: reachableLink(files.threeMf.url) } };
  }

  /** The shop's webhook status (no secret), or null when it has none. */
  async shopWebhook(key: string): Promise<WebhookState | null> {
    try {
      return await this.send<WebhookState>('/shop/webhook', { headers: bearer(key) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  /** Registers or replaces the webhook; the answer carries the secret, the only time it is shown. */
  saveShopWebhook(key: string, url: string): Promise<ShopWebhook> {
    return this.send('/shop/webhook', { method: 'PUT', headers: bearer(key), body: { url } });
  }

  removeShopWebhook(key: string): Promise<void> {
    return this.send('/shop/webhook', { method: 'DELETE', headers: bearer(key) });
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
    if (response.status === 204) return undefined as T;
    if (response.ok) return (await response.json()) as T;
    throw new ApiError(response.status, await problemOf(response));
  }
}

const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** The problem body, or a stand-in when a proxy answered with something else. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A download link the server made for a loopback address (the one-machine host with no public
 * URL set) points at the origin this page came from instead, e.g. 127.0.0.1 or the machine's
 * address on the network: the same host serves /files, and the signature covers only path and query.
 */
export const reachableLink = (link: string): string => {
  try {
    const url = new URL(link, location.href);
    if (!LOOPBACK.has(url.hostname) || url.origin === location.origin || url.port !== location.port) return link;
    return `${location.origin}${url.pathname}${url.search}`;
  } catch {
    return link;
  }
};

const problemOf = async (response: Response): Promise<ProblemBody> => {
  try {
    const body = (await response.json()) as ProblemBody;
    if (body && typeof body.title === 'string') return body;
  } catch {
    // not JSON: fall through
  }
  return { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status, detail: `The server answered ${response.status}.` };
};
