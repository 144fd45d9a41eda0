// Decides what to do with one webhook delivery the listener received: the answer (status and
// a short text) and, for a new verified event, the event. The order of checks matters: the
// signature is checked over the exact bytes received before anything in the body is parsed,
// and a delivery id is remembered only once its signature holds.
//
// Answers (the choice Stripe's and GitHub's receivers make):
//   200 accepted             a new, verified event (it takes effect)
//   200 duplicate            a verified event whose id was handled within the replay window:
//                            no effect, and 2xx so the sender stops retrying it
//   200 ignored              a verified event of a type this agent does not know (a newer server)
//   401                      signature missing, malformed, wrong, or its timestamp outside
//                            ±SIGNATURE_TOLERANCE_S (a stale or replayed capture): no effect
//   400                      verified but not a webhook event (not UTF-8, not JSON, wrong shape,
//                            id header disagrees with the body): no effect
//   415                      not application/json
import { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_S, verifyWebhook } from '../domain/webhook-signature.ts';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_ID_HEADER, type WebhookEvent, type WebhookEventType } from '../domain/webhooks.ts';
import type { SeenIds } from './seen-ids.ts';

export interface DeliveryInput {
  /** Lower-case header names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

export interface ReceiptContext {
  secret: string;
  now: number;
  seen: SeenIds;
}

export type Receipt =
  | { status: 200; outcome: 'accepted'; event: WebhookEvent }
  | { status: 200; outcome: 'duplicate' | 'ignored'; id: string }
  | { status: 400 | 401 | 415; outcome: 'refused'; reason: string };

/** How long a handled id is remembered: a signed delivery verifies for 300 s either side of its timestamp. */
export const REPLAY_WINDOW_MS = 2 * SIGNATURE_TOLERANCE_S * 1000;

const refuse = (status: 400 | 401 | 415, reason: string): Receipt => ({ status, outcome: 'refused', reason });
const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

/** The body as a WebhookEvent, or null when it is not one (checked field by field, nothing trusted). */
export function parseEvent(text: string): (Omit<WebhookEvent, 'type'> & { type: string }) | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const e = data as Partial<WebhookEvent> | null;
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return null;
  if (!isText(e.id, 200) || !isText(e.type, 100) || !isText(e.created, 40) || !isText(e.shopId, 100)) return null;
  const d = e.data as WebhookEvent['data'] | undefined;
  if (typeof d !== 'object' || d === null || !isText(d.jobId, 100)) return null;
  if (d.leaseExpiresAt !== undefined && !isText(d.leaseExpiresAt, 40)) return null;
  return { id: e.id, type: e.type, created: e.created, shopId: e.shopId, data: { jobId: d.jobId, ...(d.leaseExpiresAt ? { leaseExpiresAt: d.leaseExpiresAt } : {}) } };
}

/**
 * Checks one delivery and records its id when it is new and verified.
 * @example await receiveDelivery({ headers, body }, { secret, now: Date.now(), seen }) // { status: 200, outcome: 'accepted', event }
 */
export async function receiveDelivery(input: DeliveryInput, ctx: ReceiptContext): Promise<Receipt> {
  const type = single(input.headers['content-type']) ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) return refuse(415, 'send Content-Type: application/json');
  let text: string;
  try {
    text = utf8.decode(input.body);
  } catch {
    // Bytes that are not UTF-8 cannot be the JSON Atelier signs; decoding them would change them.
    return refuse(400, 'the body is not UTF-8');
  }
  const verdict = await verifyWebhook(ctx.secret, text, single(input.headers[SIGNATURE_HEADER]), ctx.now);
  if (!verdict.ok) {
    const why = { malformed: 'signature missing or malformed', stale: 'signature timestamp outside the replay window', mismatch: 'signature does not match' }[verdict.reason];
    return refuse(401, why);
  }
  const event = parseEvent(text);
  if (!event) return refuse(400, 'not a webhook event');
  const headerId = single(input.headers[WEBHOOK_ID_HEADER]);
  if (headerId !== undefined && headerId !== event.id) return refuse(400, `${WEBHOOK_ID_HEADER} does not match the body's id`);
  if (!ctx.seen.add(event.id, ctx.now)) return { status: 200, outcome: 'duplicate', id: event.id };
  if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(event.type)) return { status: 200, outcome: 'ignored', id: event.id };
  return { status: 200, outcome: 'accepted', event: { ...event, type: event.type as WebhookEventType } };
}
