// Which changes produce which emails, and the outbox bookkeeping: once per kind, none without
// an address or after the customer stopped them, pending ones dropped on erasure, back-off
// doubling to a cap, give-up after MAX_SEND_ATTEMPTS, crashed attempts counted.
import { describe, expect, it } from 'vitest';
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  dueEntries,
  emptyOutbox,
  IN_FLIGHT_TIMEOUT_MS,
  markFailed,
  markSent,
  MAX_SEND_ATTEMPTS,
  nextDueAt,
  notificationsFor,
  startAttempt,
  stopNotifications,
  withNotifications,
} from '../../functions/domain/notifications.ts';
import { cancel, claim, erasePersonalData, offerExpiresAt, reject, setStatus } from '../../functions/domain/order.ts';
import { recordExpiry } from '../../functions/domain/order-expiry.ts';
import { OFFER_EXPIRY_MS } from '../../functions/domain/order-model.ts';
import { MINUTE, placed, T0, unwrap } from './fixtures.ts';

describe('notificationsFor', () => {
  it('names each state the customer hears about that the change appended, and not PRINTED', () => {
    const order = placed();
    const claimed = unwrap(claim(order, 's1', T0 + MINUTE));
    const printing = unwrap(setStatus(claimed, 's1', 'PRINTING', T0 + 2 * MINUTE));
    const printed = unwrap(setStatus(printing, 's1', 'PRINTED', T0 + 3 * MINUTE));
    const shipped = unwrap(setStatus(printed, 's1', 'SHIPPED', T0 + 4 * MINUTE, 'T-1'));

    expect(notificationsFor(null, order)).toEqual(['placed']);
    expect(notificationsFor(order, claimed)).toEqual(['claimed']);
    expect(notificationsFor(claimed, printing)).toEqual(['printing']);
    expect(notificationsFor(printing, printed)).toEqual([]);
    expect(notificationsFor(printed, shipped)).toEqual(['shipped']);
    expect(notificationsFor(order, unwrap(cancel(order, T0 + MINUTE)))).toEqual(['cancelled']);
    // A heartbeat-like change with no history entry produces nothing.
    expect(notificationsFor(claimed, unwrap(claim(claimed, 's1', T0 + 2 * MINUTE)))).toEqual([]);
  });

  it('gives "unroutable" when the last candidate declines and when an expired offer is recorded', () => {
    let order = placed(['s1']);
    const declined = unwrap(reject(order, 's1', 'printer_busy', T0 + MINUTE));
    expect(notificationsFor(order, declined)).toEqual(['unroutable']);

    order = placed(['s1', 's2']);
    const late = offerExpiresAt(order)!;
    expect(late).toBeGreaterThanOrEqual(T0 + OFFER_EXPIRY_MS);
    expect(unwrap(recordExpiry(order, late - 1))).toBe(order);
    const expired = unwrap(recordExpiry(order, late));
    expect(expired.state).toBe('UNROUTABLE');
    expect(notificationsFor(order, expired)).toEqual(['unroutable']);
  });
});

describe('withNotifications', () => {
  it('adds one pending entry per new kind, never the same kind twice', () => {
    const order = placed();
    const first = withNotifications(emptyOutbox(), null, order, T0);
    expect(first.entries).toEqual([expect.objectContaining({ id: `${order.id}.placed`, kind: 'placed', status: 'pending', attempts: 0, nextAttemptAt: T0 })]);
    // A second claim (after a lapsed lease) tells the customer nothing new.
    const claimed = unwrap(claim(order, 's1', T0 + MINUTE));
    const once = withNotifications(first, order, claimed, T0 + MINUTE);
    const again = withNotifications(once, order, claimed, T0 + 2 * MINUTE);
    expect(once.entries.map((e) => e.kind)).toEqual(['placed', 'claimed']);
    expect(again).toBe(once);
  });

  it('adds nothing without an address, and nothing after the customer stopped the mails', () => {
    const order = { ...placed(), contact: { name: 'A', email: '  ' } };
    expect(withNotifications(emptyOutbox(), null, order, T0)).toEqual(emptyOutbox());
    const stopped = stopNotifications(withNotifications(emptyOutbox(), null, placed(), T0), T0 + 1);
    expect(stopped.entries.map((e) => e.status)).toEqual(['dropped']);
    expect(stopped.stoppedAt).toBe(T0 + 1);
    const later = placed();
    expect(withNotifications(stopped, later, unwrap(cancel(later, T0 + 2)), T0 + 2)).toBe(stopped);
  });

  it('drops every pending entry in the write that erases the address', () => {
    const order = placed();
    const cancelled = unwrap(cancel(order, T0 + MINUTE));
    const outbox = withNotifications(withNotifications(emptyOutbox(), null, order, T0), order, cancelled, T0 + MINUTE);
    const sentFirst = markSent(startAttempt(outbox, `${order.id}.placed`, T0 + 2), `${order.id}.placed`, T0 + 3);
    const erased = unwrap(erasePersonalData(cancelled, T0 + 2 * MINUTE));

    const after = withNotifications(sentFirst, cancelled, erased, T0 + 2 * MINUTE);

    expect(after.entries.map((e) => e.status)).toEqual(['sent', 'dropped']);
    expect(nextDueAt(after)).toBeNull();
    expect(JSON.stringify(after)).not.toContain('ada@example.org');
  });
});

describe('sending bookkeeping', () => {
  const one = () => withNotifications(emptyOutbox(), null, placed(), T0);

  it('backs off 30 s, 60 s, 120 s … up to an hour, and gives up after MAX_SEND_ATTEMPTS', () => {
    let outbox = one();
    const id = outbox.entries[0].id;
    const delays: number[] = [];
    let now = T0;
    for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) {
      expect(dueEntries(outbox, now).map((e) => e.id)).toEqual([id]);
      outbox = markFailed(startAttempt(outbox, id, now), id, now, '451 busy');
      delays.push(outbox.entries[0].nextAttemptAt - now);
      now = outbox.entries[0].nextAttemptAt;
    }
    expect(delays.slice(0, 4)).toEqual([BACKOFF_BASE_MS, 2 * BACKOFF_BASE_MS, 4 * BACKOFF_BASE_MS, 8 * BACKOFF_BASE_MS]);
    expect(Math.max(...delays)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
    expect(outbox.entries[0]).toMatchObject({ status: 'failed', attempts: MAX_SEND_ATTEMPTS, lastError: '451 busy' });
    expect(dueEntries(outbox, now + BACKOFF_MAX_MS)).toEqual([]);
  });

  it('treats an attempt with no outcome as lost after IN_FLIGHT_TIMEOUT_MS, and counts the retry as uncertain', () => {
    let outbox = one();
    const id = outbox.entries[0].id;
    outbox = startAttempt(outbox, id, T0);
    expect(dueEntries(outbox, T0 + IN_FLIGHT_TIMEOUT_MS - 1)).toEqual([]);
    expect(nextDueAt(outbox)).toBe(T0 + IN_FLIGHT_TIMEOUT_MS);
    outbox = markSent(startAttempt(outbox, id, T0 + IN_FLIGHT_TIMEOUT_MS), id, T0 + IN_FLIGHT_TIMEOUT_MS + 1);
    expect(outbox.entries[0]).toMatchObject({ status: 'sent', attempts: 2, uncertain: 1, inFlightSince: null });
    // Recording twice changes nothing: only pending entries are patched.
    expect(markSent(outbox, id, T0 + 9 * MINUTE)).toEqual(outbox);
  });
});
