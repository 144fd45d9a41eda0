// Test helper: a webhook delivery as Atelier's sender makes it (JSON body, Atelier-Signature
// from signWebhook, the id header), POSTed over a real socket, with every part overridable so
// tests can tamper, age, drop or enlarge one piece at a time.
import { signWebhook } from '../../functions/domain/webhook-signature.ts';
import { WEBHOOK_ID_HEADER, type WebhookEvent, type WebhookEventType } from '../../functions/domain/webhooks.ts';

export const TEST_WEBHOOK_SECRET = 'whsec_test-secret-0123456789abcdefghijklmnop';

let seq = 0;

/** A well-formed event for `jobId`, with a fresh id unless given. */
export function webhookEvent(type: WebhookEventType, jobId: string, extra: Partial<WebhookEvent> = {}): WebhookEvent {
  seq += 1;
  return { id: `${jobId}.${type}.${seq}`, type, created: '2026-12-05T17:00:00.000Z', shopId: 'shop_test', data: { jobId }, ...extra };
}

export interface DeliverOptions {
  secret?: string;
  /** When it is signed, ms (the listener's clock, not the wall clock). */
  signedAt: number;
  /** Sent instead of the signed body (a tampered delivery). */
  sendBody?: string;
  /** Replaces or (with null) removes headers. */
  headers?: Record<string, string | null>;
  method?: string;
  path?: string;
}

/** POSTs `body` (an event or raw text) signed with the secret; returns the status and the JSON answer. */
export async function deliver(url: string, body: WebhookEvent | string, options: DeliverOptions): Promise<{ status: number; body: any }> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'atelier-signature': await signWebhook(options.secret ?? TEST_WEBHOOK_SECRET, text, options.signedAt),
    ...(typeof body === 'string' ? {} : { [WEBHOOK_ID_HEADER]: body.id }),
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  const target = options.path ? new URL(options.path, url).href : url;
  const method = options.method ?? 'POST';
  const response = await fetch(target, { method, headers, body: method === 'GET' ? undefined : (options.sendBody ?? text) });
  const answer = await response.text();
  let parsed: unknown = answer;
  try {
    parsed = JSON.parse(answer);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
}
