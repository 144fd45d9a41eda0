// Which emails an order change produces, and the outbox that carries them from the write that
// changed the order to the notifier that sends them. Pure: the store writes the outbox in the
// same conditional write as the order (one item, so no transaction is needed).
import type { Order, OrderState } from './order-model.ts';
import { isOpenForOffers, offerExpiresAt } from './order-visibility.ts';
import type { WebhookEntry } from './webhook-outbox.ts';

/** One email per kind, at most once per order. */
export type NotificationKind = 'placed' | 'claimed' | 'printing' | 'shipped' | 'delivered' | 'cancelled' | 'unroutable';

/** The states the customer hears about; PRINTED is a shop's step with nothing to tell. */
const KIND_OF_STATE: Readonly<Partial<Record<OrderState, NotificationKind>>> = Object.freeze({
  PLACED: 'placed',
  CLAIMED: 'claimed',
  PRINTING: 'printing',
  SHIPPED: 'shipped',
  DELIVERED: 'delivered',
  CANCELLED: 'cancelled',
  UNROUTABLE: 'unroutable',
});

/**
 * pending: to be sent from nextAttemptAt on; sent: handed to the mail server (recorded);
 * dropped: never to be sent (the customer stopped the mails or erased the address);
 * failed: given up after MAX_SEND_ATTEMPTS.
 */
export type OutboxStatus = 'pending' | 'sent' | 'dropped' | 'failed';

/** The send bookkeeping every outbox entry has, email or webhook (see the attempt functions below). */
export interface Attempted {
  id: string;
  status: OutboxStatus;
  /** Send attempts started (recorded before the send). */
  attempts: number;
  nextAttemptAt: number;
  /** When an attempt was started and its outcome not yet recorded; a restart finding it may send a duplicate. */
  inFlightSince: number | null;
  sentAt: number | null;
  /** Attempts whose outcome was never recorded (crash, lost reply): each may have delivered a copy. */
  uncertain: number;
  /** The last failure, as the server put it (SMTP code and text, HTTP status; never an address). */
  lastError: string | null;
}

/** One email to send. Never holds the address: the notifier reads it from the order when it sends. */
export interface OutboxEntry extends Attempted {
  /** `<order id>.<kind>`: also the email's Message-ID, so a resent copy is recognisably the same mail. */
  id: string;
  kind: NotificationKind;
  created: number;
}

/** What the order item carries beside the order: the entries (sent ones stay, as the record) and the opt-out. */
export interface Outbox {
  entries: OutboxEntry[];
  /** When the customer asked for no more mails about this order. */
  stoppedAt: number | null;
  /** Shop webhook deliveries (domain/webhook-outbox.ts); absent on items from before webhooks. */
  webhooks?: WebhookEntry[];
}

/** Tries before an entry is given up: with BACKOFF_MS doubling from 30 s, the last is ~2 h after the first. */
export const MAX_SEND_ATTEMPTS = 9;
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
/** An attempt with no recorded outcome this long is treated as lost (the sender crashed). */
export const IN_FLIGHT_TIMEOUT_MS = 5 * 60_000;

export const emptyOutbox = (): Outbox => ({ entries: [], stoppedAt: null });

/** The customer's address, if the order has one (absent once erased, or never given). */
export const recipientOf = (order: Order): string | null => {
  const email = order.contact?.email?.trim() ?? '';
  return email.length > 0 ? email : null;
};

/**
 * The kinds of email a change from `before` (null for a new order) to `after` produces: one
 * per state the customer hears about that the change appended to the history.
 * @example notificationsFor(placed, claimed) // ['claimed']
 */
export function notificationsFor(before: Order | null, after: Order): NotificationKind[] {
  const added = after.history.slice(before?.history.length ?? 0);
  return added.map((h) => KIND_OF_STATE[h.state]).filter((k): k is NotificationKind => k !== undefined);
}

/**
 * The outbox after a change: new entries for the kinds this change produces that the order has
 * not had yet (a second claim after a lapsed lease tells the customer nothing new), unless the
 * order has no address or the customer stopped the mails. Once the address is gone (erasure),
 * every pending entry is dropped in the same write. Returns `outbox` itself when nothing changes.
 */
export function withNotifications(outbox: Outbox, before: Order | null, after: Order, now: number): Outbox {
  if (recipientOf(after) === null) return dropPending(outbox);
  if (outbox.stoppedAt !== null) return outbox;
  const had = new Set(outbox.entries.map((e) => e.kind));
  const fresh = notificationsFor(before, after).filter((kind) => !had.has(kind) && (had.add(kind), true));
  if (fresh.length === 0) return outbox;
  return { ...outbox, entries: [...outbox.entries, ...fresh.map((kind) => newEntry(after.id, kind, now))] };
}

const newEntry = (orderId: string, kind: NotificationKind, now: number): OutboxEntry => ({
  id: `${orderId}.${kind}`,
  kind,
  created: now,
  status: 'pending',
  attempts: 0,
  nextAttemptAt: now,
  inFlightSince: null,
  sentAt: null,
  uncertain: 0,
  lastError: null,
});

/** The customer's opt-out: no new entries from now on, and the pending ones are dropped. */
export function stopNotifications(outbox: Outbox, now: number): Outbox {
  const dropped = dropPending(outbox);
  return { ...dropped, stoppedAt: outbox.stoppedAt ?? now };
}

function dropPending(outbox: Outbox): Outbox {
  if (!outbox.entries.some((e) => e.status === 'pending')) return outbox;
  return { ...outbox, entries: outbox.entries.map((e) => (e.status === 'pending' ? { ...e, status: 'dropped', inFlightSince: null } : e)) };
}

/** When a pending entry is due: its next attempt, or, while an attempt is in flight, when that attempt counts as lost. */
export const entryDueAt = (e: Attempted): number => (e.inFlightSince === null ? e.nextAttemptAt : e.inFlightSince + IN_FLIGHT_TIMEOUT_MS);

/** Pending email entries whose time has come, oldest first. An attempt left in flight too long counts as due. */
export function dueEntries(outbox: Outbox, now: number): OutboxEntry[] {
  return outbox.entries.filter((e) => e.status === 'pending' && now >= entryDueAt(e));
}

/** The earliest instant a pending entry (email or webhook) becomes due, or null when nothing is pending. */
export function nextDueAt(outbox: Outbox): number | null {
  const times = [...outbox.entries, ...(outbox.webhooks ?? [])].filter((e) => e.status === 'pending').map(entryDueAt);
  return times.length ? Math.min(...times) : null;
}

/**
 * When the notifier next has something to do with an order: its outbox's next due entry, or,
 * while the order is open for offers, the instant its offer expires (to write UNROUTABLE down
 * and mail it). Null when nothing will ever be due without another write.
 */
export function notifierDueAt(order: Order, outbox: Outbox): number | null {
  const times = [nextDueAt(outbox), isOpenForOffers(order) ? offerExpiresAt(order) : null].filter((t): t is number => t !== null);
  return times.length ? Math.min(...times) : null;
}

/** The wait after a failed attempt number `attempts`: BACKOFF_BASE_MS · 2^(attempts − 1), at most BACKOFF_MAX_MS. */
export const backoffAfter = (attempts: number, base: number = BACKOFF_BASE_MS): number => Math.min(base * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);

/** An entry whose attempt starts; one already in flight (a crash before its outcome) is counted as uncertain. */
export const attemptStarted = <E extends Attempted>(e: E, now: number): E => ({ ...e, attempts: e.attempts + 1, inFlightSince: now, uncertain: e.uncertain + (e.inFlightSince === null ? 0 : 1) });

/** An entry the server accepted. */
export const attemptSent = <E extends Attempted>(e: E, now: number): E => ({ ...e, status: 'sent', sentAt: now, inFlightSince: null, lastError: null });

/** An entry whose attempt failed: waits {@link backoffAfter}, or is given up after MAX_SEND_ATTEMPTS (or at once with `giveUp`). */
export const attemptFailed = <E extends Attempted>(e: E, now: number, error: string, base: number = BACKOFF_BASE_MS, giveUp = false): E => ({
  ...e,
  status: giveUp || e.attempts >= MAX_SEND_ATTEMPTS ? 'failed' : 'pending',
  nextAttemptAt: now + backoffAfter(e.attempts, base),
  inFlightSince: null,
  lastError: error.slice(0, 300),
});

/** Records that an attempt starts; an attempt already in flight (a crash before its outcome) is counted as uncertain. */
export function startAttempt(outbox: Outbox, id: string, now: number): Outbox {
  return patchPending(outbox, id, (e) => attemptStarted(e, now));
}

/** Records a delivery the mail server accepted. */
export function markSent(outbox: Outbox, id: string, now: number): Outbox {
  return patchPending(outbox, id, (e) => attemptSent(e, now));
}

/**
 * Records a failed attempt: the entry waits BACKOFF_BASE_MS · 2^(attempts − 1) (at most
 * BACKOFF_MAX_MS), or is given up after MAX_SEND_ATTEMPTS.
 * @example markFailed(outbox, id, now, '451 try later') // nextAttemptAt = now + 30 s after the first attempt
 */
export function markFailed(outbox: Outbox, id: string, now: number, error: string, base: number = BACKOFF_BASE_MS): Outbox {
  return patchPending(outbox, id, (e) => attemptFailed(e, now, error, base));
}

/** Drops one pending entry (no address to send it to any more). */
export function markDropped(outbox: Outbox, id: string): Outbox {
  return patchPending(outbox, id, (e) => ({ ...e, status: 'dropped', inFlightSince: null }));
}

/** The list with its pending entry `id` changed (emails and webhooks alike); others as they are. */
export const patchPendingIn = <E extends { id: string; status: OutboxStatus }>(list: readonly E[], id: string, change: (e: E) => E): E[] =>
  list.map((e) => (e.id === id && e.status === 'pending' ? change(e) : e));

function patchPending(outbox: Outbox, id: string, patch: (e: OutboxEntry) => OutboxEntry): Outbox {
  return { ...outbox, entries: patchPendingIn(outbox.entries, id, patch) };
}
