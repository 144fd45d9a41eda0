// One webhook delivery over HTTP(S): POST the event's JSON, signed, to the address the SSRF
// check returned (webhook-target.ts), never to a fresh DNS answer (rebinding), while the URL's
// host still names the request (Host header, TLS SNI and certificate check). No redirect is
// followed (a 3xx is a failure), the receiver has WEBHOOK_TIMEOUT_MS for its whole answer, and
// only the status is read: the body is discarded unread. 2xx = delivered.
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { SIGNATURE_HEADER, signWebhook } from '../domain/webhook-signature.ts';
import { WEBHOOK_ID_HEADER, WEBHOOK_TIMEOUT_MS, type DeliveryOutcome, type WebhookEvent } from '../domain/webhooks.ts';
import type { WebhookTarget } from './webhook-target.ts';

export interface WebhookPost {
  target: WebhookTarget;
  event: WebhookEvent;
  secret: string;
  /** Signing time (the signature's timestamp), ms. */
  now: number;
  timeoutMs?: number;
}

/** A lookup that answers the checked address whatever it is asked, in both of Node's calling conventions. */
const pinnedLookup = (address: string): LookupFunction => {
  const family = isIP(address) === 6 ? 6 : 4;
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as unknown as LookupFunction;
};

/**
 * Posts one event and says what came of it, in words fit for the shop's dashboard and the logs
 * ("HTTP 500", "timed out after 10 s", "connection refused"): never a body, never a secret.
 * @example await postWebhook({ target, event, secret, now: Date.now() }) // { ok: true }
 */
export const postWebhook = async ({ target, event, secret, now, timeoutMs = WEBHOOK_TIMEOUT_MS }: WebhookPost): Promise<DeliveryOutcome> => {
  const body = JSON.stringify(event);
  const signature = await signWebhook(secret, body, now);
  const { url, address } = target;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<DeliveryOutcome>((resolve) => {
    let settled = false;
    const done = (outcome: DeliveryOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = client.request(
      {
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        lookup: pinnedLookup(address),
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Atelier-Webhooks/1',
          [SIGNATURE_HEADER]: signature,
          [WEBHOOK_ID_HEADER]: event.id,
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.resume();
        response.on('error', () => {});
        done(status >= 200 && status < 300 ? { ok: true } : { ok: false, error: status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}` });
        request.destroy();
      },
    );
    const timer = setTimeout(() => {
      done({ ok: false, error: `timed out after ${Math.round(timeoutMs / 100) / 10} s` });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => done({ ok: false, error: describeNetworkError(error) }));
    request.end(body);
  });
};

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
};

/** A network or TLS failure in a few words (the code, not the message, which may name addresses). */
export const describeNetworkError = (error: NodeJS.ErrnoException): string => {
  const code = error.code ?? '';
  if (NETWORK_ERRORS[code]) return NETWORK_ERRORS[code];
  if (/CERT|SSL|TLS/i.test(code)) return `TLS failed (${code})`;
  return code ? `connection failed (${code})` : 'connection failed';
};
