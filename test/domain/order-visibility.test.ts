// Who sees an order when: offers widen with time, lapsed leases reopen, declines hide.
import { describe, expect, it } from 'vitest';
import { OFFER_EXPIRY_MS, cancel, claim, holderOf, isOpenForOffers, reject, setStatus, visibleTo } from '../../functions/domain/order.ts';
import { MINUTE, T0, placed, unwrap } from './fixtures.ts';

const ALL = ['s1', 's2', 's3', 'stranger'];
const seenBy = (order: Parameters<typeof visibleTo>[0], now: number) => ALL.filter((s) => visibleTo(order, s, now));

describe('visibleTo', () => {
  it('widens an unclaimed job to one more candidate every 10 minutes', () => {
    const order = placed();

    expect(seenBy(order, T0)).toEqual(['s1']);
    expect(seenBy(order, T0 + 10 * MINUTE - 1)).toEqual(['s1']);
    expect(seenBy(order, T0 + 10 * MINUTE)).toEqual(['s1', 's2']);
    expect(seenBy(order, T0 + 20 * MINUTE)).toEqual(['s1', 's2', 's3']);
    // …and stays so until the offer expires (see offer-expiry.test.ts).
    expect(seenBy(order, T0 + 20 * MINUTE + OFFER_EXPIRY_MS - 1)).toEqual(['s1', 's2', 's3']);
  });

  it('hides a live claim from everyone but the holder', () => {
    const claimed = unwrap(claim(placed(), 's2', T0 + 15 * MINUTE));

    expect(seenBy(claimed, T0 + 25 * MINUTE)).toEqual(['s2']);
  });

  it('shows a claim whose lease lapsed to every offered candidate', () => {
    const claimed = unwrap(claim(placed(), 's1', T0));

    expect(seenBy(claimed, T0 + 15 * MINUTE - 1)).toEqual(['s1']);
    expect(seenBy(claimed, T0 + 15 * MINUTE)).toEqual(['s1', 's2']);
    expect(seenBy(claimed, T0 + 20 * MINUTE)).toEqual(['s1', 's2', 's3']);
  });

  it('hides the job from a shop that declined it, and brings the next one forward', () => {
    const declined = unwrap(reject(placed(), 's1', 'printer_busy', T0 + MINUTE));

    expect(seenBy(declined, T0 + MINUTE)).toEqual(['s2']);
    expect(seenBy(declined, T0 + 10 * MINUTE)).toEqual(['s2', 's3']);
  });

  it('shows a job in progress only to its holder, and a cancelled one to nobody', () => {
    const printing = unwrap(setStatus(unwrap(claim(placed(), 's1', T0)), 's1', 'PRINTING', T0 + MINUTE));
    const cancelled = unwrap(cancel(placed(), T0 + MINUTE));

    expect(seenBy(printing, T0 + 1000 * MINUTE)).toEqual(['s1']);
    expect(seenBy(cancelled, T0 + 1000 * MINUTE)).toEqual([]);
  });
});

describe('index helpers', () => {
  it('keeps PLACED and CLAIMED orders in the open index and nothing later', () => {
    const claimed = unwrap(claim(placed(), 's1', T0));
    const printing = unwrap(setStatus(claimed, 's1', 'PRINTING', T0));

    expect([placed(), claimed, printing].map(isOpenForOffers)).toEqual([true, true, false]);
  });

  it('names the holder while a shop holds the job', () => {
    const claimed = unwrap(claim(placed(), 's1', T0));
    const released = unwrap(reject(claimed, 's1', 'other', T0 + 1));

    expect([placed(), claimed, released].map(holderOf)).toEqual([null, 's1', null]);
  });
});
