// Which shop webhook events an order change produces, and their place in the order's outbox
// (the `webhooks` list beside the emails), written in the same conditional write as the change.
// Pure. The send bookkeeping (attempts, back-off, give-up, crashed attempts) is the emails'
// own (notifications.ts); the notifier (notify/webhook-deliverer.ts) sends and records.
//
// Entries are made for every candidate, whether or not the shop has a webhook: placement then
// reads no shop item, and a shop that registers (or re-enables) its webhook after the order was
// placed still hears of the windows that open later. The notifier drops an entry at send time
// when the shop has no webhook or it is disabled. At most one entry per candidate and kind (one
// per lease for lease warnings, with a heartbeat replacing the unsent one), so an item stays small.
import { attemptFailed, attemptSent, attemptStarted, entryDueAt, patchPendingIn, type Attempted, type Outbox } from './notifications.ts';
import type { Order } from './order-model.ts';
import { holderOf, offerExpired, visibleTo } from './order-visibility.ts';
import { offerVisibleAt } from './routing.ts';
import { LEASE_WARNING_MS, type WebhookEvent, type WebhookEventType } from './webhooks.ts';

/** One event for one shop. Carries no personal data: ids and times only. */
export interface WebhookEntry extends Attempted {
  /** The event id: `<order>.<type>.<shop>`, and `.<leaseUntil>` for lease warnings (one per lease). */
  id: string;
  type: WebhookEventType;
  shopId: string;
  /** When the event happens (its `created`): the window opening, the warning's time, the cancel. */
  at: number;
  /** job.lease-expiring only: the lease this warning is about; null otherwise. */
  leaseExpiresAt: number | null;
}

/** Settled lease warnings kept per order as the record (older ones are forgotten). */
export const KEPT_LEASE_WARNINGS = 3;

const OPEN_STATES = ['PLACED', 'CLAIMED'];

const entry = (id: string, type: WebhookEventType, shopId: string, at: number, leaseExpiresAt: number | null = null): WebhookEntry => ({
  id, type, shopId, at, leaseExpiresAt,
  status: 'pending', attempts: 0, nextAttemptAt: at, inFlightSince: null, sentAt: null, uncertain: 0, lastError: null,
});

/** Pending and never attempted: it can still be moved or forgotten without losing a record. */
const untouched = (e: WebhookEntry) => e.status === 'pending' && e.attempts === 0 && e.inFlightSince === null;

const eventId = (orderId: string, type: WebhookEventType, shopId: string) => `${orderId}.${type}.${shopId}`;

/**
 * The webhook entries after a change from `before` (null for a new order) to `after`:
 * - placement: `job.offered` for each candidate, due when its window opens (placedAt + i × window);
 *   a decline brings the later windows forward, so unsent ones move with it; once the order is
 *   neither PLACED nor CLAIMED (or the shop declined), unsent ones are dropped;
 * - while CLAIMED: one `job.lease-expiring` for the holder, due LEASE_WARNING_MS before the
 *   lease lapses; a heartbeat replaces the unsent one with one for the new lease;
 * - cancel: `order.cancelled`, due at once, for every candidate whose window had opened and who
 *   had not declined.
 * Returns `outbox` itself when nothing changes.
 * @example withWebhookEvents(emptyOutbox(), null, placedOrder, now).webhooks?.map((e) => e.type) // ['job.offered', …]
 */
export function withWebhookEvents(outbox: Outbox, before: Order | null, after: Order, now: number): Outbox {
  const old = outbox.webhooks ?? [];
  let list = old.map((e) => reconcile(e, after));
  if (before === null && after.state === 'PLACED') {
    after.candidates.forEach((c, i) => list.push(entry(eventId(after.id, 'job.offered', c.shopId), 'job.offered', c.shopId, offerVisibleAt(after, i))));
  }
  list = withLeaseWarning(list, after);
  if (after.state === 'CANCELLED' && before !== null && before.state !== 'CANCELLED') {
    after.candidates.forEach((c, i) => {
      const id = eventId(after.id, 'order.cancelled', c.shopId);
      if (offerVisibleAt(after, i) <= now && !declined(after, c.shopId) && !list.some((e) => e.id === id)) list.push(entry(id, 'order.cancelled', c.shopId, now));
    });
  }
  const changed = list.length !== old.length || list.some((e, i) => e !== old[i]);
  return changed ? { ...outbox, webhooks: list } : outbox;
}

const declined = (order: Order, shopId: string) => order.declined.some((d) => d.shopId === shopId);

/** An unsent offer moved to its (possibly earlier) window, or dropped once it cannot apply. */
function reconcile(e: WebhookEntry, after: Order): WebhookEntry {
  if (e.type !== 'job.offered' || e.status !== 'pending') return e;
  if (!OPEN_STATES.includes(after.state) || declined(after, e.shopId)) return { ...e, status: 'dropped', inFlightSince: null, lastError: `no longer offered (${after.state.toLowerCase()})` };
  if (!untouched(e)) return e;
  const index = after.candidates.findIndex((c) => c.shopId === e.shopId);
  const at = index < 0 ? e.at : offerVisibleAt(after, index);
  return at === e.at ? e : { ...e, at, nextAttemptAt: at };
}

/** The lease warning the order calls for, replacing an unsent one about another lease; settled ones capped. */
function withLeaseWarning(list: WebhookEntry[], after: Order): WebhookEntry[] {
  const wanted = after.state === 'CLAIMED' && after.claim !== null ? after.claim : null;
  const wantedId = wanted ? `${eventId(after.id, 'job.lease-expiring', wanted.shopId)}.${wanted.leaseUntil}` : null;
  let next = list.filter((e) => e.type !== 'job.lease-expiring' || e.id === wantedId || !untouched(e));
  if (wanted && wantedId && !next.some((e) => e.id === wantedId)) {
    next.push(entry(wantedId, 'job.lease-expiring', wanted.shopId, wanted.leaseUntil - LEASE_WARNING_MS, wanted.leaseUntil));
  }
  const settled = next.filter((e) => e.type === 'job.lease-expiring' && e.status !== 'pending');
  if (settled.length > KEPT_LEASE_WARNINGS) {
    const forget = new Set(settled.slice(0, settled.length - KEPT_LEASE_WARNINGS));
    next = next.filter((e) => !forget.has(e));
  }
  return next.length === list.length && next.every((e, i) => e === list[i]) ? list : next;
}

/**
 * Whether an entry still says something true at send time: an offer while the shop may see the
 * job and does not hold it; a lease warning while that very lease is live and unexpired; a
 * cancellation always. An entry that no longer applies is dropped, not sent (but see
 * {@link offerWaitsUntil}).
 */
export function webhookStillApplies(order: Order, e: WebhookEntry, now: number): boolean {
  switch (e.type) {
    case 'job.offered':
      return visibleTo(order, e.shopId, now) && holderOf(order) !== e.shopId;
    case 'job.lease-expiring':
      return order.state === 'CLAIMED' && order.claim?.shopId === e.shopId && order.claim.leaseUntil === e.leaseExpiresAt && now < e.leaseExpiresAt && !offerExpired(order, now);
    case 'order.cancelled':
      return true;
  }
}

/**
 * For an offer that came due while another shop holds a live claim: the instant the job may
 * become visible to this shop again (the lease's end; a heartbeat moves it on), so the offer
 * waits for it instead of being dropped. Null when it cannot (another state, declined, this
 * shop's own claim, expired).
 */
export function offerWaitsUntil(order: Order, e: WebhookEntry, now: number): number | null {
  if (e.type !== 'job.offered' || order.state !== 'CLAIMED' || order.claim === null) return null;
  if (order.claim.shopId === e.shopId || declined(order, e.shopId) || offerExpired(order, now) || now >= order.claim.leaseUntil) return null;
  return order.claim.leaseUntil;
}

/** The JSON body's object for an entry of order `orderId`. */
export function webhookEventOf(orderId: string, e: WebhookEntry): WebhookEvent {
  return {
    id: e.id,
    type: e.type,
    created: new Date(e.at).toISOString(),
    shopId: e.shopId,
    data: { jobId: orderId, ...(e.leaseExpiresAt === null ? {} : { leaseExpiresAt: new Date(e.leaseExpiresAt).toISOString() }) },
  };
}

/** Pending webhook entries whose time has come (an attempt left in flight too long counts as due), earliest first. */
export function dueWebhooks(outbox: Outbox, now: number): WebhookEntry[] {
  return (outbox.webhooks ?? []).filter((e) => e.status === 'pending' && now >= entryDueAt(e)).sort((a, b) => entryDueAt(a) - entryDueAt(b));
}

const patch = (outbox: Outbox, id: string, change: (e: WebhookEntry) => WebhookEntry): Outbox => ({
  ...outbox,
  webhooks: patchPendingIn(outbox.webhooks ?? [], id, change),
});

/** Records that a delivery attempt starts (a previous one still in flight counts as uncertain). */
export const startWebhookAttempt = (outbox: Outbox, id: string, now: number): Outbox => patch(outbox, id, (e) => attemptStarted(e, now));

/** Records a 2xx. */
export const markWebhookSent = (outbox: Outbox, id: string, now: number): Outbox => patch(outbox, id, (e) => attemptSent(e, now));

/** Records a failed attempt: back-off as for emails; `giveUp` (the shop's webhook got disabled) ends it at once. */
export const markWebhookFailed = (outbox: Outbox, id: string, now: number, error: string, base?: number, giveUp = false): Outbox =>
  patch(outbox, id, (e) => attemptFailed(e, now, error, base, giveUp));

/** Moves an unsent entry's next attempt to `until` (no attempt is counted). */
export const deferWebhook = (outbox: Outbox, id: string, until: number): Outbox =>
  patch(outbox, id, (e) => ({ ...e, nextAttemptAt: until, inFlightSince: null }));

/** Drops a pending entry, saying why (no webhook, disabled, no longer applies). */
export const markWebhookDropped = (outbox: Outbox, id: string, reason: string): Outbox =>
  patch(outbox, id, (e) => ({ ...e, status: 'dropped', inFlightSince: null, lastError: reason }));
