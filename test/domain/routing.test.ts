// Candidate ranking (open, capable, near, nearest first) and offer timing that widens with time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../functions/domain/geohash.ts';
import {
  DEFAULT_ROUTING_RADIUS_KM,
  OFFER_WINDOW_MS,
  lastOfferVisibleAt,
  offerVisibleAt,
  rankCandidates,
  routingCell,
  routingCells,
} from '../../functions/domain/routing.ts';
import { MINUTE, PARIS, T0, shop } from './fixtures.ts';

const part = { material: 'PLA' as const, size: { x: 100, y: 100, z: 100 } };

/** A shop `km` north of Paris (1° of latitude ≈ 111.2 km). */
function northOfParis(id: string, km: number, overrides = {}) {
  return shop({ id, lat: PARIS.lat + km / 111.195, lon: PARIS.lon, ...overrides });
}

describe('rankCandidates', () => {
  it('offers a two-colour job only to shops that declare two filaments or more', () => {
    const shops = [northOfParis('single', 1), northOfParis('legacy', 2, { colours: undefined }), northOfParis('mmu', 4, { colours: 2 }), northOfParis('ams', 6, { colours: 4 })];

    expect(rankCandidates(shops, PARIS, { ...part, colours: 2 }).map((c) => c.shopId)).toEqual(['mmu', 'ams']);
    expect(rankCandidates(shops, PARIS, { ...part, colours: 1 }).map((c) => c.shopId)).toEqual(['single', 'legacy', 'mmu', 'ams']);
  });

  it('sorts by great-circle distance, nearest first', () => {
    const shops = [northOfParis('far', 20), northOfParis('near', 2), northOfParis('mid', 9)];

    const ranked = rankCandidates(shops, PARIS, part);

    expect(ranked.map((c) => c.shopId)).toEqual(['near', 'mid', 'far']);
    expect(ranked[0].distanceKm).toBeCloseTo(2, 2);
    expect(ranked[2].distanceKm).toBeCloseTo(20, 2);
  });

  it('drops closed shops, shops that cannot make the part, and shops beyond maxKm', () => {
    const shops = [
      northOfParis('ok', 5),
      northOfParis('closed', 1, { open: false }),
      northOfParis('no-pla', 1, { materials: ['PETG'] }),
      northOfParis('too-small', 1, { buildVolume: { x: 100, y: 100, z: 99 } }),
      northOfParis('too-far', DEFAULT_ROUTING_RADIUS_KM + 1),
    ];

    const ranked = rankCandidates(shops, PARIS, part);

    expect(ranked.map((c) => c.shopId)).toEqual(['ok']);
  });

  it('includes a shop exactly at maxKm', () => {
    const edge = northOfParis('edge', 12);
    const maxKm = haversineKm(PARIS, edge);

    expect(rankCandidates([edge], PARIS, part, { maxKm })).toHaveLength(1);
    expect(rankCandidates([edge], PARIS, part, { maxKm: maxKm - 1e-9 })).toHaveLength(0);
  });

  it('breaks distance ties by shop id whatever the input order', () => {
    const twins = [northOfParis('b', 3), northOfParis('a', 3), northOfParis('c', 3)];

    const forward = rankCandidates(twins, PARIS, part);
    const backward = rankCandidates([...twins].reverse(), PARIS, part);

    expect(forward.map((c) => c.shopId)).toEqual(['a', 'b', 'c']);
    expect(backward).toEqual(forward);
  });

  it('returns at most 5 by default, or the given limit', () => {
    const shops = Array.from({ length: 8 }, (_, i) => northOfParis(`s${i}`, i + 1));

    expect(rankCandidates(shops, PARIS, part).map((c) => c.shopId)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(rankCandidates(shops, PARIS, part, { limit: 2 }).map((c) => c.shopId)).toEqual(['s0', 's1']);
  });

  it('does not modify the shops it is given', () => {
    const shops = Object.freeze([northOfParis('b', 4), northOfParis('a', 1)]);

    rankCandidates(shops, PARIS, part);

    expect(shops.map((s) => s.id)).toEqual(['b', 'a']);
  });
});

describe('routing cells', () => {
  it('indexes by a precision-4 cell', () => {
    expect(routingCell(PARIS)).toBe('u09t');
  });

  it('finds the cell of every shop within the routing radius of a customer', () => {
    const setup = fc.record({
      lat: fc.double({ min: -70, max: 70, noNaN: true }),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
      dLat: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
      dLon: fc.double({ min: -0.6, max: 0.6, noNaN: true }),
    });
    fc.assert(
      fc.property(setup, ({ lat, lon, dLat, dLon }) => {
        const customer = { lat, lon };
        const at = { lat: lat + dLat, lon: ((lon + dLon + 540) % 360) - 180 };
        fc.pre(haversineKm(customer, at) <= DEFAULT_ROUTING_RADIUS_KM);

        const cells = routingCells(customer);

        expect(cells).toContain(routingCell(at));
      }),
    );
  });
});

describe('offerVisibleAt', () => {
  const order = { placedAt: T0, candidates: [{ shopId: 's1' }, { shopId: 's2' }, { shopId: 's3' }], declined: [] };

  it('offers candidate i at placedAt + i × 10 minutes', () => {
    const times = [0, 1, 2].map((i) => offerVisibleAt(order, i));

    expect(OFFER_WINDOW_MS).toBe(10 * MINUTE);
    expect(times).toEqual([T0, T0 + 10 * MINUTE, T0 + 20 * MINUTE]);
  });

  it('uses the window stored on the order, or the one given', () => {
    expect(offerVisibleAt({ ...order, offerWindowMs: MINUTE }, 2)).toBe(T0 + 2 * MINUTE);
    expect(offerVisibleAt(order, 2, 3 * MINUTE)).toBe(T0 + 6 * MINUTE);
  });

  it('moves everyone behind a declined candidate up one slot', () => {
    const declined = { ...order, declined: [{ shopId: 's1' }] };

    expect(offerVisibleAt(declined, 1)).toBe(T0);
    expect(offerVisibleAt(declined, 2)).toBe(T0 + 10 * MINUTE);
  });
});

describe('lastOfferVisibleAt', () => {
  const ids = ['s1', 's2', 's3', 's4'];
  const schedule = (declined: string[]) => ({ placedAt: T0, candidates: ids.map((shopId) => ({ shopId })), declined: declined.map((shopId) => ({ shopId })) });

  it('is when the last undeclined candidate starts to see the job', () => {
    expect(lastOfferVisibleAt(schedule([]))).toBe(T0 + 30 * MINUTE);
    expect(lastOfferVisibleAt(schedule(['s4']))).toBe(T0 + 20 * MINUTE);
    expect(lastOfferVisibleAt(schedule(['s1']))).toBe(T0 + 20 * MINUTE);
    expect(lastOfferVisibleAt(schedule(['s1', 's2', 's3']))).toBe(T0);
    expect(lastOfferVisibleAt({ ...schedule([]), offerWindowMs: MINUTE })).toBe(T0 + 3 * MINUTE);
  });

  it('is null when every candidate declined, or there are none', () => {
    expect(lastOfferVisibleAt(schedule(ids))).toBeNull();
    expect(lastOfferVisibleAt({ placedAt: T0, candidates: [], declined: [] })).toBeNull();
  });

  it('never moves later when one more candidate declines', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(ids), fc.constantFrom(...ids), (declined, more) => {
        const before = lastOfferVisibleAt(schedule(declined));
        const after = lastOfferVisibleAt(schedule([...declined, more]));
        if (before === null) return after === null;
        return after === null || after <= before;
      }),
    );
  });
});
