// The due index's keys: present only while the notifier has something due (a pending entry, an
// open offer that will expire), at the earliest such time; shards stable and in range; sort keys
// whose string order is time order.
import { describe, expect, it } from 'vitest';
import { emptyOutbox, notifierDueAt, withNotifications } from '../../functions/domain/notifications.ts';
import { claim, offerExpiresAt, setStatus } from '../../functions/domain/order.ts';
import { withWebhookEvents } from '../../functions/domain/webhook-outbox.ts';
import { DUE_SHARDS, dueKeys, dueShard, dueSortKey } from '../../functions/store/due-index.ts';
import { MINUTE, placed, T0, unwrap } from '../domain/fixtures.ts';

describe('due index keys', () => {
  it('follow the earliest pending entry, or the open offer\'s expiry, and vanish when nothing is due', () => {
    const order = placed();
    const outbox = withWebhookEvents(withNotifications(emptyOutbox(), null, order, T0), null, order, T0);
    expect(notifierDueAt(order, outbox)).toBe(T0);
    expect(dueKeys(order, outbox)).toEqual({ GSI3PK: `DUE#${dueShard(order.id)}`, GSI3SK: dueSortKey(T0) });
    // Nothing pending, still open: due when the offer expires (UNROUTABLE is then written down).
    expect(notifierDueAt(order, emptyOutbox())).toBe(offerExpiresAt(order));

    const printing = unwrap(setStatus(unwrap(claim(order, 's1', T0 + MINUTE)), 's1', 'PRINTING', T0 + 2 * MINUTE));
    expect(notifierDueAt(printing, emptyOutbox())).toBeNull();
    expect(dueKeys(printing, emptyOutbox())).toEqual({});
  });

  it('spread orders over every shard, always the same one per order, and sort as time', () => {
    const shards = new Set(Array.from({ length: 400 }, (_, i) => dueShard(`ord_${i}`)));
    expect([...shards].sort((a, b) => a - b)).toEqual(Array.from({ length: DUE_SHARDS }, (_, i) => i));
    expect(dueShard('ord_abc')).toBe(dueShard('ord_abc'));
    const times = [0, 999, 1_000, T0, T0 + 1, 9_999_999_999_999];
    expect(times.map(dueSortKey)).toEqual([...times.map(dueSortKey)].sort());
    expect(dueSortKey(T0)).toHaveLength(15);
  });
});
