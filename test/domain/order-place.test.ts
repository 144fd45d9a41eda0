// Placing an order: copied quote facts, version 1, UNROUTABLE with no candidates, refusals.
import { describe, expect, it } from 'vitest';
import { placeOrder } from '../../functions/domain/order.ts';
import { T0, MINUTE, candidates, contact, deepFreeze, delivery, quoteRecord, unwrap } from './fixtures.ts';

describe('placeOrder', () => {
  it('creates a PLACED order at version 1 carrying the quote, candidates and customer', () => {
    const quote = deepFreeze(quoteRecord());

    const order = unwrap(placeOrder(quote, contact, delivery, candidates('s1', 's2'), 'order-1', T0));

    expect(order).toMatchObject({
      id: 'order-1',
      quoteId: 'quote-1',
      designId: 'name-tag',
      hash: 'a'.repeat(64),
      material: 'PLA',
      quantity: 2,
      priceCents: 600,
      currency: 'EUR',
      cell: 'u09t',
      state: 'PLACED',
      claim: null,
      declined: [],
      tracking: null,
      erasedAt: null,
      placedAt: T0,
      updatedAt: T0,
      version: 1,
      offerWindowMs: 10 * MINUTE,
    });
    expect(order.candidates.map((c) => c.shopId)).toEqual(['s1', 's2']);
    expect(order.history).toEqual([{ state: 'PLACED', at: T0 }]);
    expect(order.contact).toEqual(contact);
    expect(order.delivery).toEqual(delivery);
  });

  it('copies what it keeps, so later changes to the inputs do not leak in', () => {
    const quote = quoteRecord();
    const cands = candidates('s1');

    const order = unwrap(placeOrder(quote, { ...contact }, { ...delivery }, cands, 'order-1', T0));
    (quote.params as Record<string, unknown>).text = 'EVE';
    cands[0].shopId = 'intruder';

    expect(order.params.text).toBe('ADA');
    expect(order.candidates[0].shopId).toBe('s1');
  });

  it('is UNROUTABLE at once when no shop is a candidate', () => {
    const order = unwrap(placeOrder(quoteRecord(), contact, delivery, [], 'order-1', T0));

    expect(order.state).toBe('UNROUTABLE');
    expect(order.history.map((h) => h.state)).toEqual(['PLACED', 'UNROUTABLE']);
  });

  it('keeps a custom offer window on the order', () => {
    const order = unwrap(placeOrder(quoteRecord(), contact, delivery, candidates('s1'), 'order-1', T0, { offerWindowMs: MINUTE }));

    expect(order.offerWindowMs).toBe(MINUTE);
  });

  it('refuses an expired quote', () => {
    const quote = quoteRecord({ expiresAt: T0 });

    const result = placeOrder(quote, contact, delivery, candidates('s1'), 'order-1', T0);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('expired');
  });

  it('refuses a quote without a price', () => {
    const result = placeOrder(quoteRecord({ price: null }), contact, delivery, candidates('s1'), 'order-1', T0);

    expect(!result.ok && result.error.code).toBe('invalid');
  });

  it('throws on candidates that repeat a shop (a caller bug)', () => {
    const twice = [...candidates('s1'), ...candidates('s1')];

    expect(() => placeOrder(quoteRecord(), contact, delivery, twice, 'order-1', T0)).toThrow(RangeError);
  });
});
