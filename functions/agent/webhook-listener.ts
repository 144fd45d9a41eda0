// The agent's webhook receiver (`agent --listen [HOST:]PORT`): a small node:http server that
// takes POST /atelier/webhook only, reads at most 64 KiB, and hands the bytes to
// receiveDelivery (signature, replay window, seen ids). A new verified event goes to
// `onEvent` after the answer is sent, so Atelier's sender is never kept waiting by the agent.
// Binds 127.0.0.1 unless a host is given: the shop forwards the port or runs a tunnel to it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEvent } from '../domain/webhooks.ts';
import { REPLAY_WINDOW_MS, receiveDelivery } from './webhook-receipt.ts';
import { SeenIds } from './seen-ids.ts';

/** The one path the listener answers on. */
export const WEBHOOK_PATH = '/atelier/webhook';
/** Largest body read, bytes; Atelier's events are a few hundred. */
export const MAX_WEBHOOK_BODY = 64 * 1024;
/** Delivery ids remembered at once (oldest forgotten first). */
export const MAX_SEEN_IDS = 10_000;

export interface ListenAddress {
  host: string;
  port: number;
}

/** What happened to one request, for the agent's output and for tests. */
export type DeliveryOutcome =
  | { outcome: 'accepted'; event: WebhookEvent }
  | { outcome: 'duplicate' | 'ignored'; id: string }
  | { outcome: 'refused'; status: number; reason: string };

export interface WebhookListenerOptions {
  address: ListenAddress;
  secret: string;
  now: () => number;
  /** A new, verified event of a known type. */
  onEvent: (event: WebhookEvent) => void;
  /** Every request's outcome, accepted ones included. */
  onOutcome?: (outcome: DeliveryOutcome) => void;
  maxBodyBytes?: number;
}

export interface WebhookListener {
  /** http://host:port/atelier/webhook as bound (the port filled in when 0 was asked for). */
  url: string;
  close(): Promise<void>;
}

const answer = (res: ServerResponse, status: number, body: object, close = false, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...(close ? { connection: 'close' } : {}), ...headers });
  res.end(JSON.stringify(body));
};

/** Reads the body; null when it passes `max` bytes (the rest is not read). */
const readBody = (req: IncomingMessage, max: number): Promise<Uint8Array | null> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.pause();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(size > max ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * Starts listening; resolves once bound.
 * @example const listener = await startWebhookListener({ address: { host: '127.0.0.1', port: 8787 }, secret, now: Date.now, onEvent })
 */
export async function startWebhookListener(options: WebhookListenerOptions): Promise<WebhookListener> {
  const max = options.maxBodyBytes ?? MAX_WEBHOOK_BODY;
  const seen = new SeenIds({ ttlMs: REPLAY_WINDOW_MS, max: MAX_SEEN_IDS });
  const report = (outcome: DeliveryOutcome) => options.onOutcome?.(outcome);
  const refuse = (res: ServerResponse, status: number, reason: string, close = false, headers?: Record<string, string>) => {
    answer(res, status, { error: reason }, close, headers);
    report({ outcome: 'refused', status, reason });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if ((req.url ?? '').split('?')[0] !== WEBHOOK_PATH) return refuse(res, 404, `not found; webhooks go to ${WEBHOOK_PATH}`, true);
    if (req.method !== 'POST') return refuse(res, 405, 'only POST', true, { allow: 'POST' });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) return refuse(res, 413, `body over ${max} bytes`, true);
    const body = await readBody(req, max);
    if (!body) return refuse(res, 413, `body over ${max} bytes`, true);
    const receipt = await receiveDelivery({ headers: req.headers, body }, { secret: options.secret, now: options.now(), seen });
    if (receipt.outcome === 'refused') return refuse(res, receipt.status, receipt.reason);
    answer(res, 200, { received: true, ...(receipt.outcome === 'accepted' ? {} : { [receipt.outcome]: true }) });
    report(receipt);
    if (receipt.outcome === 'accepted') options.onEvent(receipt.event);
  };

  const server = createServer({ requestTimeout: 10_000, headersTimeout: 10_000, keepAliveTimeout: 5_000, maxHeaderSize: 16 * 1024 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 500, 'the agent failed to handle this delivery', true);
      report({ outcome: 'refused', status: 500, reason: error instanceof Error ? error.message : String(error) });
    });
  });
  server.maxConnections = 64;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.address.port, options.address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.address.host.includes(':') ? `[${options.address.host}]` : options.address.host;
  return {
    url: `http://${host}:${port}${WEBHOOK_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
