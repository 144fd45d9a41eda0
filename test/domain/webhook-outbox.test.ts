// Which order changes produce which shop webhook entries: offers per candidate at its window,
// moved by declines and dropped when they cannot apply; one lease warning per lease, replaced
// by a heartbeat; cancellations only to shops whose window had opened and that had not
// declined; the send-time check; the event body; the shared back-off and give-up.
import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, emptyOutbox, MAX_SEND_ATTEMPTS, nextDueAt, stopNotifications, withNotifications } from '../../functions/domain/notifications.ts';
import { cancel, claim, erasePersonalData, heartbeat, reject, setStatus, type Order } from '../../functions/domain/order.ts';
import { LEASE_MS } from '../../functions/domain/order-model.ts';
import { recordExpiry } from '../../functions/domain/order-expiry.ts';
import { OFFER_WINDOW_MS } from '../../functions/domain/routing.ts';
import {
  dueWebhooks,
  KEPT_LEASE_WARNINGS,
  markWebhookDropped,
  markWebhookFailed,
  markWebhookSent,
  offerWaitsUntil,
  startWebhookAttempt,
  webhookEventOf,
  webhookStillApplies,
  withWebhookEvents,
  type WebhookEntry,
} from '../../functions/domain/webhook-outbox.ts';
import { LEASE_WARNING_MS } from '../../functions/domain/webhooks.ts';
import { MINUTE, placed, T0, unwrap } from './fixtures.ts';

const W = OFFER_WINDOW_MS;
const place = (ids?: string[]) => {
  const order = placed(ids);
  return { order, outbox: withWebhookEvents(emptyOutbox(), null, order, T0) };
};
const step = (outbox: ReturnType<typeof emptyOutbox>, before: Order, after: Order) => withWebhookEvents(outbox, before, after, after.updatedAt);
const hooks = (outbox: ReturnType<typeof emptyOutbox>) => outbox.webhooks ?? [];
const byId = (outbox: ReturnType<typeof emptyOutbox>, id: string) => hooks(outbox).find((e) => e.id === id) as WebhookEntry;

describe('withWebhookEvents: offers', () => {
  it('makes one job.offered per candidate at placedAt + i × window, and none on later changes', () => {
    const { order, outbox } = place();
    expect(hooks(outbox).map((e) => [e.id, e.type, e.shopId, e.nextAttemptAt - T0])).toEqual([
      ['order-1.job.offered.s1', 'job.offered', 's1', 0],
      ['order-1.job.offered.s2', 'job.offered', 's2', W],
      ['order-1.job.offered.s3', 'job.offered', 's3', 2 * W],
    ]);
    expect(nextDueAt(outbox)).toBe(T0);
    expect(dueWebhooks(outbox, T0).map((e) => e.shopId)).toEqual(['s1']);
    expect(dueWebhooks(outbox, T0 + W).map((e) => e.shopId)).toEqual(['s1', 's2']);
    // The same order written again makes nothing new.
    expect(withWebhookEvents(outbox, order, order, T0)).toBe(outbox);
  });

  it('lives beside the emails: the customer stopping mails or erasing leaves the shops\' events alone', () => {
    const order = placed();
    const both = withWebhookEvents(withNotifications(emptyOutbox(), null, order, T0), null, order, T0);
    expect(both.entries.map((e) => e.kind)).toEqual(['placed']);
    expect(hooks(both)).toHaveLength(3);
    const stopped = stopNotifications(both, T0 + 1);
    expect(stopped.entries[0].status).toBe('dropped');
    expect(hooks(stopped).every((e) => e.status === 'pending')).toBe(true);
  });

  it('brings later windows forward when a shop ahead declines, and drops the decliner\'s unsent offer', () => {
    const { order, outbox } = place();
    const declined = unwrap(reject(order, 's1', 'printer_busy', T0 + MINUTE));
    const after = step(outbox, order, declined);
    expect(byId(after, 'order-1.job.offered.s1').status).toBe('dropped');
    expect(byId(after, 'order-1.job.offered.s2').nextAttemptAt).toBe(T0);
    expect(byId(after, 'order-1.job.offered.s3').nextAttemptAt).toBe(T0 + W);
  });

  it('drops unsent offers once the order is cancelled, unroutable or in production, never sent ones', () => {
    const { order, outbox } = place();
    const s1Sent = markWebhookSent(startWebhookAttempt(outbox, 'order-1.job.offered.s1', T0), 'order-1.job.offered.s1', T0 + 1);
    const claimed = unwrap(claim(order, 's1', T0 + MINUTE));
    const held = step(s1Sent, order, claimed);
    // Still CLAIMED: offers wait (a lapsed lease reopens the job); the send-time check judges them.
    expect(hooks(held).filter((e) => e.type === 'job.offered').map((e) => e.status)).toEqual(['sent', 'pending', 'pending']);
    const printing = unwrap(setStatus(claimed, 's1', 'PRINTING', T0 + 2 * MINUTE));
    const after = step(held, claimed, printing);
    expect(hooks(after).filter((e) => e.type === 'job.offered').map((e) => e.status)).toEqual(['sent', 'dropped', 'dropped']);

    const expired = unwrap(recordExpiry(order, T0 + 100 * 60 * MINUTE));
    expect(expired.state).toBe('UNROUTABLE');
    expect(hooks(step(outbox, order, expired)).every((e) => e.status === 'dropped')).toBe(true);
  });
});

describe('withWebhookEvents: lease warnings', () => {
  it('schedules one warning LEASE_WARNING_MS before the lease lapses; a heartbeat replaces it', () => {
    const { order, outbox } = place();
    const claimed = unwrap(claim(order, 's1', T0 + MINUTE));
    const a = step(outbox, order, claimed);
    const warnings = () => hooks(b).filter((e) => e.type === 'job.lease-expiring');
    const first = hooks(a).find((e) => e.type === 'job.lease-expiring')!;
    expect(first).toMatchObject({ shopId: 's1', leaseExpiresAt: T0 + MINUTE + LEASE_MS, nextAttemptAt: T0 + MINUTE + LEASE_MS - LEASE_WARNING_MS });
    expect(first.id).toBe(`order-1.job.lease-expiring.s1.${T0 + MINUTE + LEASE_MS}`);
    const beat = unwrap(heartbeat(claimed, 's1', T0 + 5 * MINUTE));
    const b = step(a, claimed, beat);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0].leaseExpiresAt).toBe(T0 + 5 * MINUTE + LEASE_MS);
    // Printing: no lease to lose, the unsent warning goes.
    const printing = unwrap(setStatus(beat, 's1', 'PRINTING', T0 + 6 * MINUTE));
    expect(hooks(step(b, beat, printing)).filter((e) => e.type === 'job.lease-expiring')).toEqual([]);
  });

  it('keeps a sent warning as the record, adds the next lease\'s, and caps the settled ones', () => {
    let { order, outbox } = place();
    let current = unwrap(claim(order, 's1', T0 + MINUTE));
    outbox = step(outbox, order, current);
    for (let i = 0; i < KEPT_LEASE_WARNINGS + 3; i++) {
      const warning = hooks(outbox).find((e) => e.type === 'job.lease-expiring' && e.status === 'pending')!;
      outbox = markWebhookSent(startWebhookAttempt(outbox, warning.id, warning.nextAttemptAt), warning.id, warning.nextAttemptAt + 1);
      const beat = unwrap(heartbeat(current, 's1', warning.nextAttemptAt + 2));
      outbox = step(outbox, current, beat);
      current = beat;
    }
    const warnings = hooks(outbox).filter((e) => e.type === 'job.lease-expiring');
    expect(warnings.filter((e) => e.status === 'sent')).toHaveLength(KEPT_LEASE_WARNINGS);
    expect(warnings.filter((e) => e.status === 'pending')).toHaveLength(1);
    expect(new Set(warnings.map((e) => e.id)).size).toBe(warnings.length);
  });
});

describe('withWebhookEvents: cancellations', () => {
  it('tells the shops whose window had opened and that had not declined, once', () => {
    const { order, outbox } = place();
    const declined = unwrap(reject(order, 's1', 'printer_busy', T0 + MINUTE));
    // s1 declined; s2's window opened at the decline; s3's opens at T0 + W.
    const before = step(outbox, order, declined);
    const cancelled = unwrap(cancel(declined, T0 + 2 * MINUTE));
    const after = step(before, declined, cancelled);
    const told = hooks(after).filter((e) => e.type === 'order.cancelled');
    expect(told.map((e) => [e.shopId, e.nextAttemptAt])).toEqual([['s2', T0 + 2 * MINUTE]]);
    expect(byId(after, 'order-1.job.offered.s3').status).toBe('dropped');
    // Erasure afterwards changes nothing for the shops.
    const erased = unwrap(erasePersonalData(cancelled, T0 + 3 * MINUTE));
    expect(hooks(step(after, cancelled, erased)).filter((e) => e.type === 'order.cancelled')).toEqual(told);
  });
});

describe('webhookStillApplies', () => {
  it('judges offers by visibility, warnings by the very lease, cancellations always', () => {
    const { order, outbox } = place();
    const s2 = byId(outbox, 'order-1.job.offered.s2');
    expect(webhookStillApplies(order, s2, T0 + W - 1)).toBe(false);
    expect(webhookStillApplies(order, s2, T0 + W)).toBe(true);
    const claimed = unwrap(claim(order, 's1', T0 + MINUTE));
    expect(webhookStillApplies(claimed, byId(outbox, 'order-1.job.offered.s1'), T0 + MINUTE)).toBe(false);
    expect(webhookStillApplies(claimed, s2, T0 + W)).toBe(false);
    // The lease lapsed: the job is on offer again to s2.
    expect(webhookStillApplies(claimed, s2, T0 + MINUTE + LEASE_MS)).toBe(true);

    const warning = hooks(step(outbox, order, claimed)).find((e) => e.type === 'job.lease-expiring')!;
    expect(webhookStillApplies(claimed, warning, warning.nextAttemptAt)).toBe(true);
    expect(webhookStillApplies(claimed, warning, claimed.claim!.leaseUntil)).toBe(false);
    const beat = unwrap(heartbeat(claimed, 's1', T0 + 3 * MINUTE));
    expect(webhookStillApplies(beat, warning, warning.nextAttemptAt)).toBe(false);
  });
});

describe('offerWaitsUntil', () => {
  it('holds an offer that came due under another shop\'s live claim until that lease ends, and nothing else', () => {
    const { order, outbox } = place();
    const s2 = byId(outbox, 'order-1.job.offered.s2');
    const claimed = unwrap(claim(order, 's1', T0 + MINUTE));
    expect(offerWaitsUntil(claimed, s2, T0 + W)).toBe(claimed.claim!.leaseUntil);
    expect(offerWaitsUntil(claimed, s2, claimed.claim!.leaseUntil)).toBeNull();
    expect(offerWaitsUntil(claimed, byId(outbox, 'order-1.job.offered.s1'), T0 + W)).toBeNull();
    expect(offerWaitsUntil(order, s2, T0 + W)).toBeNull();
    const printing = unwrap(setStatus(claimed, 's1', 'PRINTING', T0 + 2 * MINUTE));
    expect(offerWaitsUntil(printing, s2, T0 + W)).toBeNull();
  });
});

describe('webhook entries: body and bookkeeping', () => {
  it('builds the contract\'s event with ids and times only', () => {
    const { order, outbox } = place();
    const claimed = unwrap(claim(order, 's1', T0 + MINUTE));
    const warning = hooks(step(outbox, order, claimed)).find((e) => e.type === 'job.lease-expiring')!;
    expect(webhookEventOf('order-1', byId(outbox, 'order-1.job.offered.s2'))).toEqual({
      id: 'order-1.job.offered.s2', type: 'job.offered', created: new Date(T0 + W).toISOString(), shopId: 's2', data: { jobId: 'order-1' },
    });
    expect(webhookEventOf('order-1', warning).data).toEqual({ jobId: 'order-1', leaseExpiresAt: new Date(claimed.claim!.leaseUntil).toISOString() });
    expect(JSON.stringify(hooks(outbox))).not.toContain('ada@example.org');
  });

  it('backs off as the emails do, gives up after MAX_SEND_ATTEMPTS or at once when told, and drops with a reason', () => {
    const { outbox } = place(['s1']);
    const id = 'order-1.job.offered.s1';
    let o = markWebhookFailed(startWebhookAttempt(outbox, id, T0), id, T0, 'HTTP 500');
    expect(byId(o, id)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: T0 + BACKOFF_BASE_MS, lastError: 'HTTP 500' });
    o = markWebhookFailed(startWebhookAttempt(o, id, T0 + 1), id, T0 + 1, 'HTTP 500');
    expect(byId(o, id).nextAttemptAt).toBe(T0 + 1 + 2 * BACKOFF_BASE_MS);
    for (let i = 2; i < MAX_SEND_ATTEMPTS; i++) o = markWebhookFailed(startWebhookAttempt(o, id, T0 + i), id, T0 + i, 'HTTP 500');
    expect(byId(o, id)).toMatchObject({ status: 'failed', attempts: MAX_SEND_ATTEMPTS });
    expect(nextDueAt(o)).toBeNull();

    const once = markWebhookFailed(startWebhookAttempt(outbox, id, T0), id, T0, 'HTTP 500', undefined, true);
    expect(byId(once, id).status).toBe('failed');
    const dropped = markWebhookDropped(outbox, id, 'no webhook');
    expect(byId(dropped, id)).toMatchObject({ status: 'dropped', lastError: 'no webhook' });
  });
});
