// Shop webhooks (issue 12, item 4): what a shop registers, what Atelier POSTs to it, and how
// deliveries are recorded. Pure types and constants shared by the store (the shop item's
// `webhook` attribute), the notifier (delivery), the API and dashboard (registration and
// status) and the agent (`--listen`, which verifies with webhook-signature.ts). Also the pure status
// transitions (newWebhook, afterDelivery) the store applies with one conditional write.
import { base64url } from './ids.ts';

/** The events a shop can hear about. */
export type WebhookEventType =
  /** A job became visible to this shop (its offer window opened). */
  | 'job.offered'
  /** The shop holds a claimed job whose lease lapses soon without a heartbeat. */
  | 'job.lease-expiring'
  /** An order the shop was offered (and had not claimed) was cancelled by the customer. */
  | 'order.cancelled';

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = ['job.offered', 'job.lease-expiring', 'order.cancelled'];

/**
 * The JSON body of one delivery. `id` is unique per event (a retried delivery repeats it, so a
 * receiver can drop a copy it already handled). Carries no personal data: the shop fetches the
 * job through the API with its key.
 * @example { id: 'ord_x.job.offered.shop_y', type: 'job.offered', created: '2026-12-05T17:00:00.000Z', shopId: 'shop_y', data: { jobId: 'ord_x' } }
 */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  /** ISO 8601, when the event happened (not when this attempt was sent). */
  created: string;
  shopId: string;
  data: {
    jobId: string;
    /** job.lease-expiring only: when the lease lapses, ISO 8601. */
    leaseExpiresAt?: string;
  };
}

/** Header naming the event id (also in the body), so a receiver can deduplicate before parsing. */
export const WEBHOOK_ID_HEADER = 'atelier-webhook-id';

/**
 * active: deliveries succeed (or none failed yet); failing: the last deliveries failed and are
 * being retried; disabled: gave up after MAX_WEBHOOK_FAILURES failures in a row; no more
 * deliveries until the shop registers (or re-saves) its URL. The agent's polling covers the gap.
 */
export type WebhookStatus = 'active' | 'failing' | 'disabled';

/** The shop item's `webhook` attribute. */
export interface ShopWebhook {
  /** https URL (http and loopback only on the local host). */
  url: string;
  /** HMAC-SHA256 key, `whsec_` + 32 random bytes base64url. Shown to the shop once, at registration. */
  secret: string;
  registeredAt: number;
  status: WebhookStatus;
  /** Failed deliveries since the last success. */
  consecutiveFailures: number;
  lastDeliveryAt: number | null;
  lastFailureAt: number | null;
  /** The last failure in words ("HTTP 500", "timed out after 10 s", "resolves to a private address"); never a body. */
  lastError: string | null;
  disabledAt: number | null;
}

/** Deliveries that fail in a row before the webhook is disabled. */
export const MAX_WEBHOOK_FAILURES = 8;
/** How long a receiver has to answer 2xx, ms. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Sent this long before a lease lapses. */
export const LEASE_WARNING_MS = 2 * 60_000;

/** What one delivery attempt came to: 2xx in time, or a failure in words (see ShopWebhook.lastError). */
export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

/** Bytes of randomness in a webhook secret (256 bits). */
export const WEBHOOK_SECRET_BYTES = 32;
/** Every webhook secret starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/**
 * A fresh webhook secret: `whsec_` + 32 random bytes base64url (43 characters). Web Crypto only.
 * @example newWebhookSecret() // 'whsec_Xq3…' (49 characters)
 */
export function newWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + base64url(globalThis.crypto.getRandomValues(new Uint8Array(WEBHOOK_SECRET_BYTES)));
}

/**
 * A registration as it starts (and as it starts again when the shop re-saves its URL, which is
 * how a disabled webhook resumes): active, no failures, no deliveries yet.
 * @example newWebhook('https://shop.example/atelier', newWebhookSecret(), Date.now())
 */
export function newWebhook(url: string, secret: string, now: number): ShopWebhook {
  return {
    url, secret, registeredAt: now, status: 'active', consecutiveFailures: 0,
    lastDeliveryAt: null, lastFailureAt: null, lastError: null, disabledAt: null,
  };
}

/**
 * The registration after one delivery attempt. A success makes it active with no failures and
 * stamps lastDeliveryAt (lastError and lastFailureAt stay, as history). A failure counts up, makes
 * it failing and records the error; the MAX_WEBHOOK_FAILURES-th failure in a row disables it.
 * A disabled webhook is left as it is whatever the outcome (a delivery that was in flight when it
 * was disabled does not revive it: only re-saving the URL does).
 */
export function afterDelivery(webhook: ShopWebhook, outcome: DeliveryOutcome, now: number): ShopWebhook {
  if (webhook.status === 'disabled') return webhook;
  if (outcome.ok) return { ...webhook, status: 'active', consecutiveFailures: 0, lastDeliveryAt: now };
  const consecutiveFailures = webhook.consecutiveFailures + 1;
  const disabled = consecutiveFailures >= MAX_WEBHOOK_FAILURES;
  return {
    ...webhook,
    status: disabled ? 'disabled' : 'failing',
    consecutiveFailures,
    lastFailureAt: now,
    lastError: outcome.error,
    disabledAt: disabled ? now : null,
  };
}

/** A registration as shown after it was created: everything but the secret. */
export type WebhookState = Omit<ShopWebhook, 'secret'>;

/** The registration without its secret (status reads: API GET, dashboard, CLI listing). */
export function webhookState(webhook: ShopWebhook): WebhookState {
  const { secret: _secret, ...state } = webhook;
  return state;
}

/**
 * The status in one line for people (CLI listing, dashboard), times through `formatTime`.
 * @example webhookStatusText(state, (t) => new Date(t).toISOString())
 * // 'failing: 3 failed deliveries in a row, last "HTTP 500" at 2026-12-05T17:00:00.000Z'
 */
export function webhookStatusText(webhook: WebhookState, formatTime: (ms: number) => string): string {
  const n = webhook.consecutiveFailures;
  const deliveries = `${n} failed deliver${n === 1 ? 'y' : 'ies'}`;
  switch (webhook.status) {
    case 'active':
      return webhook.lastDeliveryAt === null ? 'active, no deliveries yet' : `active, last delivered ${formatTime(webhook.lastDeliveryAt)}`;
    case 'failing':
      return `failing: ${deliveries} in a row, last "${webhook.lastError ?? 'unknown error'}" at ${formatTime(webhook.lastFailureAt ?? webhook.registeredAt)}`;
    case 'disabled':
      return `disabled: gave up after ${deliveries} on ${formatTime(webhook.disabledAt ?? webhook.lastFailureAt ?? webhook.registeredAt)}: save the URL again to resume`;
  }
}
