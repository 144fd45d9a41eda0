// An order nobody takes moves on by itself: OFFER_EXPIRY_MS after the last candidate's offer
// time it counts as UNROUTABLE, derived at read time with no write and no timer.
import { describe, expect, it } from 'vitest';
import { OFFER_EXPIRY_MS, cancel, claim, erasePersonalData, heartbeat, publicView, reject, setStatus, shopView, visibleTo } from '../../functions/domain/order.ts';
import {
  cancellableAt,
  effectiveState,
  erasableAt,
  isOffered,
  offerExpired,
  offerExpiresAt,
} from '../../functions/domain/order-visibility.ts';
import { MINUTE, T0, placed, unwrap } from './fixtures.ts';

const HOUR = 60 * MINUTE;
/** s1, s2, s3 at T0, T0 + 10 min, T0 + 20 min: the offer expires OFFER_EXPIRY_MS after s3's. */
const EXPIRY = T0 + 20 * MINUTE + OFFER_EXPIRY_MS;
const ALL = ['s1', 's2', 's3', 'stranger'];
const seenBy = (order: Parameters<typeof visibleTo>[0], now: number) => ALL.filter((s) => visibleTo(order, s, now));

describe('offerExpired', () => {
  it('is 48 hours, long enough for a shop that polls a few times a day', () => {
    expect(OFFER_EXPIRY_MS).toBe(48 * HOUR);
  });

  it('turns true exactly OFFER_EXPIRY_MS after the last candidate is offered the job', () => {
    const order = placed();

    expect(offerExpiresAt(order)).toBe(EXPIRY);
    expect(offerExpired(order, T0)).toBe(false);
    expect(offerExpired(order, EXPIRY - 1)).toBe(false);
    expect(offerExpired(order, EXPIRY)).toBe(true);
    expect(offerExpired(order, EXPIRY + 1)).toBe(true);
    expect(effectiveState(order, EXPIRY - 1)).toBe('PLACED');
    expect(effectiveState(order, EXPIRY)).toBe('UNROUTABLE');
  });

  it('counts from the last candidate that has not declined, so declines bring it forward', () => {
    const lastDeclined = unwrap(reject(placed(), 's3', 'printer_busy', T0 + 20 * MINUTE));
    const firstDeclined = unwrap(reject(placed(), 's1', 'printer_busy', T0 + MINUTE));

    // s2 (offered at T0 + 10 min) is the last one left.
    expect(offerExpiresAt(lastDeclined)).toBe(T0 + 10 * MINUTE + OFFER_EXPIRY_MS);
    expect(offerExpired(lastDeclined, T0 + 10 * MINUTE + OFFER_EXPIRY_MS - 1)).toBe(false);
    expect(offerExpired(lastDeclined, T0 + 10 * MINUTE + OFFER_EXPIRY_MS)).toBe(true);
    // s2 and s3 move up a slot: s3 is offered at T0 + 10 min.
    expect(offerExpiresAt(firstDeclined)).toBe(T0 + 10 * MINUTE + OFFER_EXPIRY_MS);
  });

  it('expires at the decline itself when a late decline moves the schedule past its end', () => {
    const late = EXPIRY - MINUTE;
    const order = unwrap(reject(placed(), 's3', 'other', late));

    expect(offerExpiresAt(order)).toBe(late);
    expect(offerExpired(order, late)).toBe(true);
    expect(publicView(order, late).timeline.at(-1)).toEqual({ state: 'UNROUTABLE', at: late });
  });

  it('does not expire while a lease is live, and does once it lapses past the offer', () => {
    const early = unwrap(claim(placed(), 's1', T0));
    const late = unwrap(claim(placed(), 's2', EXPIRY - 5 * MINUTE));
    const leaseEnd = EXPIRY + 10 * MINUTE;

    // The lease lapsed long ago: expired like a PLACED order.
    expect(offerExpired(early, EXPIRY - 1)).toBe(false);
    expect(offerExpired(early, EXPIRY)).toBe(true);
    // Still leased at the offer's end: expired once the lease lapses.
    expect(offerExpiresAt(late)).toBe(leaseEnd);
    expect(offerExpired(late, leaseEnd - 1)).toBe(false);
    expect(offerExpired(late, leaseEnd)).toBe(true);
    // A holder that keeps its lease alive keeps the job.
    const renewed = unwrap(heartbeat(late, 's2', leaseEnd - MINUTE));
    expect(offerExpired(renewed, leaseEnd + 5 * MINUTE)).toBe(false);
  });

  it('never applies once a shop works on the job, or after cancel or UNROUTABLE', () => {
    const printing = unwrap(setStatus(unwrap(claim(placed(), 's1', T0)), 's1', 'PRINTING', T0 + MINUTE));
    const cancelled = unwrap(cancel(placed(), T0 + MINUTE));
    const unroutable = ['s1', 's2', 's3'].reduce((o, s) => unwrap(reject(o, s, 'other', T0 + 30 * MINUTE)), placed());
    const later = EXPIRY + 1000 * HOUR;

    for (const order of [printing, cancelled, unroutable]) {
      expect(offerExpiresAt(order)).toBeNull();
      expect(offerExpired(order, later)).toBe(false);
      expect(effectiveState(order, later)).toBe(order.state);
    }
  });
});

describe('an expired offer', () => {
  it('is seen by no shop, and offered to none', () => {
    const order = placed();

    expect(seenBy(order, EXPIRY - 1)).toEqual(['s1', 's2', 's3']);
    expect(seenBy(order, EXPIRY)).toEqual([]);
    expect(['s1', 's2', 's3'].filter((s) => isOffered(order, s, EXPIRY))).toEqual([]);
    expect(shopView(order, 's1', EXPIRY)).toBeNull();
  });

  it('is not even seen by the shop whose lease lapsed', () => {
    const claimed = unwrap(claim(placed(), 's1', T0));

    expect(seenBy(claimed, EXPIRY - 1)).toEqual(['s1', 's2', 's3']);
    expect(seenBy(claimed, EXPIRY)).toEqual([]);
    expect(shopView(claimed, 's1', EXPIRY)).toBeNull();
  });

  it('cannot be claimed or declined by a candidate', () => {
    const order = placed();
    const lapsed = unwrap(claim(placed(), 's1', T0));

    expect(unwrap(claim(order, 's3', EXPIRY - 1)).state).toBe('CLAIMED');
    for (const [o, shop] of [[order, 's3'], [lapsed, 's2']] as const) {
      const claimed = claim(o, shop, EXPIRY);
      const declined = reject(o, shop, 'other', EXPIRY);
      expect(claimed.ok || claimed.error.code).toBe('forbidden');
      expect(declined.ok || declined.error.code).toBe('forbidden');
    }
  });

  it('may be erased and no longer cancelled', () => {
    const order = placed();

    expect([cancellableAt(order, EXPIRY - 1), erasableAt(order, EXPIRY - 1)]).toEqual([true, false]);
    expect([cancellableAt(order, EXPIRY), erasableAt(order, EXPIRY)]).toEqual([false, true]);
    const shipped = ['PRINTING', 'PRINTED'].reduce(
      (o, s) => unwrap(setStatus(o, 's1', s as 'PRINTING' | 'PRINTED', T0 + MINUTE)),
      unwrap(claim(placed(), 's1', T0)),
    );
    expect(erasableAt(shipped, EXPIRY)).toBe(false);
    expect(erasableAt(unwrap(setStatus(shipped, 's1', 'SHIPPED', T0 + 2 * MINUTE, 'T-1')), T0 + 2 * MINUTE)).toBe(true);
  });
});

describe('publicView with now', () => {
  it('shows the stored state without now, whatever the time', () => {
    const view = publicView(placed());

    expect(view).toMatchObject({ state: 'PLACED', canCancel: true, canErase: false });
    expect(view.timeline).toEqual([{ state: 'PLACED', at: T0 }]);
  });

  it('shows a live offer as PLACED', () => {
    expect(publicView(placed(), EXPIRY - 1)).toEqual(publicView(placed()));
  });

  it('shows an expired offer as UNROUTABLE, from the moment it expired, without writing it', () => {
    const order = placed();

    const view = publicView(order, EXPIRY + 5 * HOUR);

    expect(view).toMatchObject({ state: 'UNROUTABLE', canCancel: false, canErase: true, updatedAt: T0 });
    expect(view.timeline).toEqual([
      { state: 'PLACED', at: T0 },
      { state: 'UNROUTABLE', at: EXPIRY },
    ]);
    expect(order.state).toBe('PLACED');
    expect(JSON.stringify(view)).not.toMatch(/"s[123]"|candidates|declined|"claim"|"by"/);
  });

  it('dates a lapsed claim\'s expiry after both the claim and the offer', () => {
    const claimed = unwrap(claim(placed(), 's2', T0 + 47 * HOUR));

    const view = publicView(claimed, EXPIRY + HOUR);

    expect(view.state).toBe('UNROUTABLE');
    expect(view.timeline.map((t) => t.state)).toEqual(['PLACED', 'CLAIMED', 'UNROUTABLE']);
    expect(view.timeline.at(-1)).toEqual({ state: 'UNROUTABLE', at: EXPIRY });
  });

  it('is unchanged for an order a shop works on, or one that is really UNROUTABLE', () => {
    const printing = unwrap(setStatus(unwrap(claim(placed(), 's1', T0)), 's1', 'PRINTING', T0 + MINUTE));
    const unroutable = ['s1', 's2', 's3'].reduce((o, s) => unwrap(reject(o, s, 'other', T0 + 30 * MINUTE)), placed());
    const erased = unwrap(erasePersonalData(unroutable, T0 + HOUR));

    for (const order of [printing, unroutable, erased]) expect(publicView(order, EXPIRY + 1)).toEqual(publicView(order));
  });
});
