// The order state machine: the legal path, every illegal step, leases, rejects and erasure.
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../functions/domain/errors.ts';
import {
  cancel,
  claim,
  erasePersonalData,
  heartbeat,
  isOpenForOffers,
  placeOrder,
  reject,
  setStatus,
  type Order,
  type OrderResult,
  type OrderState,
  type RejectReason,
  type ShopStatus,
} from '../../functions/domain/order.ts';
import { MINUTE, T0, candidates, contact, delivery, placed, quoteRecord, unwrap } from './fixtures.ts';

function errorOf(result: OrderResult): DomainError {
  if (result.ok) throw new Error(`expected an error, got state ${result.order.state}`);
  return result.error;
}

/** An order in each state, held by s1 where a shop holds it. */
function inState(state: OrderState): Order {
  const at = T0 + MINUTE;
  const claimed = unwrap(claim(placed(), 's1', at));
  switch (state) {
    case 'PLACED':
      return placed();
    case 'CLAIMED':
      return claimed;
    case 'PRINTING':
      return unwrap(setStatus(claimed, 's1', 'PRINTING', at));
    case 'PRINTED':
      return unwrap(setStatus(inState('PRINTING'), 's1', 'PRINTED', at));
    case 'SHIPPED':
      return unwrap(setStatus(inState('PRINTED'), 's1', 'SHIPPED', at, 'TRACK-1'));
    case 'DELIVERED':
      return unwrap(setStatus(inState('SHIPPED'), 's1', 'DELIVERED', at));
    case 'CANCELLED':
      return unwrap(cancel(placed(), at));
    case 'UNROUTABLE':
      return unwrap(reject(placed(['s1']), 's1', 'other', at));
  }
}

const STATES: OrderState[] = ['PLACED', 'CLAIMED', 'PRINTING', 'PRINTED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'UNROUTABLE'];
const STATUSES: ShopStatus[] = ['PRINTING', 'PRINTED', 'SHIPPED', 'DELIVERED'];
const NEXT: Partial<Record<OrderState, ShopStatus>> = { CLAIMED: 'PRINTING', PRINTING: 'PRINTED', PRINTED: 'SHIPPED', SHIPPED: 'DELIVERED' };
const HELD: OrderState[] = ['CLAIMED', 'PRINTING', 'PRINTED', 'SHIPPED', 'DELIVERED'];
const NOW = T0 + 2 * MINUTE;

describe('the legal path', () => {
  it('goes PLACED → CLAIMED → PRINTING → PRINTED → SHIPPED → DELIVERED, then erasure', () => {
    const steps: ((o: Order) => OrderResult)[] = [
      (o) => claim(o, 's1', T0 + 1 * MINUTE),
      (o) => heartbeat(o, 's1', T0 + 10 * MINUTE),
      (o) => setStatus(o, 's1', 'PRINTING', T0 + 12 * MINUTE),
      (o) => setStatus(o, 's1', 'PRINTED', T0 + 90 * MINUTE),
      (o) => setStatus(o, 's1', 'SHIPPED', T0 + 120 * MINUTE, '  1Z999AA10123456784 '),
      (o) => setStatus(o, 's1', 'DELIVERED', T0 + 3000 * MINUTE),
      (o) => erasePersonalData(o, T0 + 4000 * MINUTE),
    ];

    const orders = steps.reduce<Order[]>((acc, step) => [...acc, unwrap(step(acc[acc.length - 1]))], [placed()]);

    const last = orders[orders.length - 1];
    expect(orders.map((o) => o.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(orders.map((o) => o.state)).toEqual(['PLACED', 'CLAIMED', 'CLAIMED', 'PRINTING', 'PRINTED', 'SHIPPED', 'DELIVERED', 'DELIVERED']);
    expect(last.history).toEqual([
      { state: 'PLACED', at: T0 },
      { state: 'CLAIMED', at: T0 + 1 * MINUTE, by: 's1' },
      { state: 'PRINTING', at: T0 + 12 * MINUTE, by: 's1' },
      { state: 'PRINTED', at: T0 + 90 * MINUTE, by: 's1' },
      { state: 'SHIPPED', at: T0 + 120 * MINUTE, by: 's1' },
      { state: 'DELIVERED', at: T0 + 3000 * MINUTE, by: 's1' },
    ]);
    expect(orders[5].tracking).toBe('1Z999AA10123456784');
    expect(last.tracking).toBeNull();
    expect(last.updatedAt).toBe(T0 + 4000 * MINUTE);
    expect(last).toMatchObject({ contact: null, delivery: null, erasedAt: T0 + 4000 * MINUTE });
  });

  it('claims with a 15-minute lease that a heartbeat extends', () => {
    const claimed = unwrap(claim(placed(), 's1', T0));

    const beaten = unwrap(heartbeat(claimed, 's1', T0 + 14 * MINUTE));

    expect(claimed.claim).toEqual({ shopId: 's1', leaseUntil: T0 + 15 * MINUTE });
    expect(beaten.claim).toEqual({ shopId: 's1', leaseUntil: T0 + 29 * MINUTE });
    expect(beaten.history).toEqual(claimed.history);
  });

  it('takes a custom lease length', () => {
    const claimed = unwrap(claim(placed(), 's1', T0, 2 * MINUTE));

    expect(claimed.claim?.leaseUntil).toBe(T0 + 2 * MINUTE);
  });
});

describe('every step from every state', () => {
  const cases = STATES.flatMap((state) => STATUSES.map((status) => [state, status] as const));

  it.each(cases)('setStatus from %s to %s is legal only one step forward, for the holder', (state, status) => {
    const order = inState(state);

    const result = setStatus(order, 's1', status, NOW, 'TRACK-2');

    if (NEXT[state] === status) {
      expect(unwrap(result).state).toBe(status);
    } else {
      expect(errorOf(result).code).toBe(HELD.includes(state) ? 'invalid_transition' : 'forbidden');
    }
  });

  it.each(STATES)('claim by s1 from %s', (state) => {
    const result = claim(inState(state), 's1', NOW);

    if (state === 'PLACED' || state === 'CLAIMED') expect(unwrap(result).state).toBe('CLAIMED');
    // s1 holds the job in the later held states; a job nobody holds is no longer on offer.
    else expect(errorOf(result).code).toBe(HELD.includes(state) ? 'invalid_transition' : 'forbidden');
  });

  it.each(STATES)('heartbeat by s1 from %s', (state) => {
    const result = heartbeat(inState(state), 's1', NOW);

    if (['CLAIMED', 'PRINTING', 'PRINTED'].includes(state)) expect(unwrap(result).claim?.leaseUntil).toBe(NOW + 15 * MINUTE);
    else expect(errorOf(result).code).toBe(HELD.includes(state) ? 'invalid_transition' : 'forbidden');
  });

  it.each(STATES)('reject by s1 from %s', (state) => {
    const result = reject(inState(state), 's1', 'printer_busy', NOW);

    // (UNROUTABLE here is s1's own decline: declining again is "already declined".)
    const refusal = HELD.includes(state) ? 'invalid_transition' : state === 'UNROUTABLE' ? 'conflict' : 'forbidden';
    if (state === 'PLACED' || state === 'CLAIMED') expect(unwrap(result).declined.map((d) => d.shopId)).toEqual(['s1']);
    else expect(errorOf(result).code).toBe(refusal);
  });

  it.each(STATES)('cancel from %s', (state) => {
    const result = cancel(inState(state), NOW);

    if (state === 'PLACED') expect(unwrap(result).state).toBe('CANCELLED');
    else expect(errorOf(result).code).toBe('invalid_transition');
  });

  it.each(STATES)('erasePersonalData from %s', (state) => {
    const result = erasePersonalData(inState(state), NOW);

    if (['SHIPPED', 'DELIVERED', 'CANCELLED', 'UNROUTABLE'].includes(state)) {
      expect(unwrap(result)).toMatchObject({ contact: null, delivery: null, erasedAt: NOW });
    } else {
      expect(errorOf(result).code).toBe('invalid_transition');
    }
  });

  it('bumps version and updatedAt on every successful step and never changes its input', () => {
    for (const state of STATES) {
      const order = inState(state);
      const before = JSON.stringify(order);
      const attempts = [
        claim(order, 's1', NOW),
        heartbeat(order, 's1', NOW),
        reject(order, 's1', 'other', NOW),
        cancel(order, NOW),
        erasePersonalData(order, NOW),
        ...STATUSES.map((s) => setStatus(order, 's1', s, NOW, 'T')),
      ];

      for (const next of attempts.filter((r) => r.ok).map(unwrap)) {
        expect(next.version).toBe(order.version + 1);
        expect(next.updatedAt).toBe(NOW);
      }
      expect(JSON.stringify(order)).toBe(before);
    }
  });
});

describe('claims between shops', () => {
  it('gives 409 to a second offered shop while the lease is live', () => {
    const claimed = unwrap(claim(placed(), 's1', T0 + 11 * MINUTE));

    const result = claim(claimed, 's2', T0 + 12 * MINUTE);

    expect(errorOf(result).code).toBe('conflict');
  });

  it('lets another offered shop take over exactly when the lease lapses', () => {
    const claimed = unwrap(claim(placed(), 's1', T0 + 11 * MINUTE));
    const lapse = T0 + 26 * MINUTE;

    const early = claim(claimed, 's2', lapse - 1);
    const taken = unwrap(claim(claimed, 's2', lapse));

    expect(errorOf(early).code).toBe('conflict');
    expect(taken.claim).toEqual({ shopId: 's2', leaseUntil: lapse + 15 * MINUTE });
    expect(taken.history.at(-1)).toEqual({ state: 'CLAIMED', at: lapse, by: 's2' });
  });

  it('leaves the old holder with nothing once taken over', () => {
    const claimed = unwrap(claim(placed(), 's1', T0));
    const taken = unwrap(claim(claimed, 's2', T0 + 20 * MINUTE));

    expect(errorOf(setStatus(taken, 's1', 'PRINTING', T0 + 21 * MINUTE)).code).toBe('forbidden');
    expect(errorOf(heartbeat(taken, 's1', T0 + 21 * MINUTE)).code).toBe('forbidden');
    expect(errorOf(claim(taken, 's1', T0 + 21 * MINUTE)).code).toBe('conflict');
  });

  it('lets a holder whose lease lapsed carry on while nobody took over', () => {
    const claimed = unwrap(claim(placed(), 's1', T0));

    const printing = unwrap(setStatus(claimed, 's1', 'PRINTING', T0 + 60 * MINUTE));

    expect(printing.state).toBe('PRINTING');
  });

  it('stops caring about the lease once PRINTING', () => {
    const printing = unwrap(setStatus(unwrap(claim(placed(), 's1', T0)), 's1', 'PRINTING', T0 + MINUTE));

    const takeover = claim(printing, 's2', T0 + 120 * MINUTE);
    const printed = setStatus(printing, 's1', 'PRINTED', T0 + 180 * MINUTE);

    // Held by s1 whatever its progress: the offered s2 hears "claimed by another shop", not the state.
    expect(errorOf(takeover).code).toBe('conflict');
    expect(errorOf(takeover).message).not.toContain('PRINTING');
    expect(unwrap(printed).state).toBe('PRINTED');
  });

  it('refuses a shop that is not a candidate, or not offered yet', () => {
    const order = placed();

    expect(errorOf(claim(order, 'stranger', T0 + 60 * MINUTE)).code).toBe('forbidden');
    expect(errorOf(claim(order, 's2', T0 + 10 * MINUTE - 1)).code).toBe('forbidden');
    expect(unwrap(claim(order, 's2', T0 + 10 * MINUTE)).claim?.shopId).toBe('s2');
  });

  it('lets the holder claim again to renew, without a history entry', () => {
    const claimed = unwrap(claim(placed(), 's1', T0));

    const again = unwrap(claim(claimed, 's1', T0 + 5 * MINUTE));

    expect(again.claim?.leaseUntil).toBe(T0 + 20 * MINUTE);
    expect(again.history).toHaveLength(claimed.history.length);
  });
});

describe('setStatus details', () => {
  const printed = () => inState('PRINTED');

  it.each([[undefined], [''], ['   '], ['x'.repeat(201)]])('needs a tracking string to ship (got %j)', (tracking) => {
    const result = setStatus(printed(), 's1', 'SHIPPED', NOW, tracking);

    expect(errorOf(result).code).toBe('invalid');
    expect(errorOf(result)).toMatchObject({ errors: [expect.objectContaining({ field: 'tracking' })] });
  });

  it('refuses an unknown status', () => {
    const result = setStatus(inState('CLAIMED'), 's1', 'LOST' as ShopStatus, NOW);

    expect(errorOf(result).code).toBe('invalid');
  });

  it('refuses repeating the current state', () => {
    const result = setStatus(inState('PRINTING'), 's1', 'PRINTING', NOW);

    expect(errorOf(result)).toMatchObject({ code: 'invalid_transition', from: 'PRINTING', to: 'PRINTING' });
  });
});

describe('reject and re-routing', () => {
  it('passes a rejected job to the next candidate at once, and ends UNROUTABLE when all decline', () => {
    const first = unwrap(claim(placed(), 's1', T0 + MINUTE));

    const afterS1 = unwrap(reject(first, 's1', 'printer_busy', T0 + 2 * MINUTE));
    const s2Claims = unwrap(claim(afterS1, 's2', T0 + 2 * MINUTE));
    const afterS2 = unwrap(reject(s2Claims, 's2', 'material_unavailable', T0 + 3 * MINUTE));
    const s3Claims = unwrap(claim(afterS2, 's3', T0 + 3 * MINUTE));
    const last = unwrap(reject(s3Claims, 's3', 'cannot_print', T0 + 4 * MINUTE));

    expect(afterS1).toMatchObject({ state: 'PLACED', claim: null });
    expect(afterS1.history.at(-1)).toEqual({ state: 'PLACED', at: T0 + 2 * MINUTE, by: 's1' });
    expect(afterS2.state).toBe('PLACED');
    expect(last).toMatchObject({ state: 'UNROUTABLE', claim: null });
    expect(last.declined).toEqual([
      { shopId: 's1', reason: 'printer_busy', at: T0 + 2 * MINUTE },
      { shopId: 's2', reason: 'material_unavailable', at: T0 + 3 * MINUTE },
      { shopId: 's3', reason: 'cannot_print', at: T0 + 4 * MINUTE },
    ]);
    expect(last.history.at(-1)).toEqual({ state: 'UNROUTABLE', at: T0 + 4 * MINUTE, by: 's3' });
    expect(isOpenForOffers(last)).toBe(false);
  });

  it('records an offered non-holder declining without changing state', () => {
    const order = placed();

    const next = unwrap(reject(order, 's1', 'other', T0 + MINUTE));

    expect(next.state).toBe('PLACED');
    expect(next.history).toEqual(order.history);
    expect(next.version).toBe(order.version + 1);
  });

  it('does not take a live claim away when another shop declines', () => {
    const claimed = unwrap(claim(placed(), 's1', T0 + 11 * MINUTE));

    const live = reject(claimed, 's2', 'printer_busy', T0 + 12 * MINUTE);
    const lapsed = unwrap(reject(claimed, 's2', 'printer_busy', T0 + 30 * MINUTE));

    expect(errorOf(live).code).toBe('conflict');
    expect(lapsed).toMatchObject({ state: 'CLAIMED', claim: { shopId: 's1' } });
  });

  it('refuses declining twice, declining unoffered, strangers and unknown reasons', () => {
    const declined = unwrap(reject(placed(), 's1', 'other', T0));

    expect(errorOf(reject(declined, 's1', 'other', T0 + 1)).code).toBe('conflict');
    expect(errorOf(reject(placed(), 's3', 'other', T0 + 19 * MINUTE)).code).toBe('forbidden');
    expect(errorOf(reject(placed(), 'stranger', 'other', T0)).code).toBe('forbidden');
    expect(errorOf(reject(placed(), 's1', 'bored' as RejectReason, T0)).code).toBe('invalid');
  });

  it('refuses a declined shop a claim', () => {
    const declined = unwrap(reject(placed(), 's1', 'other', T0));

    expect(errorOf(claim(declined, 's1', T0 + MINUTE)).code).toBe('forbidden');
  });
});

describe('erasure', () => {
  it('keeps the first erasure time when repeated', () => {
    const once = unwrap(erasePersonalData(inState('DELIVERED'), T0 + 100 * MINUTE));

    const twice = unwrap(erasePersonalData(once, T0 + 200 * MINUTE));

    expect(twice.erasedAt).toBe(T0 + 100 * MINUTE);
    expect(twice.version).toBe(once.version + 1);
  });

  it('can erase an order that was never routable', () => {
    const order = unwrap(placeOrder(quoteRecord(), contact, delivery, [], 'order-2', T0));

    const erased = unwrap(erasePersonalData(order, T0 + 1));

    expect(erased).toMatchObject({ contact: null, delivery: null, state: 'UNROUTABLE' });
  });

  it('keeps the job itself after erasure', () => {
    const erased = unwrap(erasePersonalData(inState('SHIPPED'), NOW));

    expect(erased).toMatchObject({ state: 'SHIPPED', priceCents: 600 });
    // The carrier's tracking page shows the recipient: the number is personal data too.
    expect(erased.tracking).toBeNull();
    expect(erased.candidates.map((c) => c.shopId)).toEqual(candidates('s1', 's2', 's3').map((c) => c.shopId));
  });
});

describe('erasure and location', () => {
  it('keeps shop distances only to the nearest 10 km, so they cannot locate the customer', () => {
    const shipped = inState('SHIPPED');
    const precise = { ...shipped, candidates: shipped.candidates.map((c, i) => ({ ...c, distanceKm: 3.37 + i * 6.1 })) };

    const erased = unwrap(erasePersonalData(precise, NOW));

    expect(erased.candidates.map((c) => c.distanceKm)).toEqual(precise.candidates.map((c) => Math.round(c.distanceKm / 10) * 10));
    expect(erased.candidates.every((c) => c.distanceKm % 10 === 0)).toBe(true);
  });
});

describe('reject with a note', () => {
  it('keeps the shop\'s note, trimmed and at most 500 characters', () => {
    const order = placed();
    const first = order.candidates[0].shopId;

    const declined = unwrap(reject(order, first, 'other', T0 + MINUTE, `  ${'x'.repeat(600)}  `));

    expect(declined.declined).toEqual([{ shopId: first, reason: 'other', at: T0 + MINUTE, note: 'x'.repeat(500) }]);
    expect(unwrap(reject(order, first, 'printer_busy', T0 + MINUTE)).declined[0]).not.toHaveProperty('note');
  });
});
