// Quote arithmetic: integer cents, the shop's own machine time, max over shops. The estimate
// itself is tested in print-estimate.test.ts; here it is a hand-made fit (estimate-fixtures.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/domain/errors.ts';
import { estimatePrint, type PrintEstimate } from '../../functions/domain/print-estimate.ts';
import { QUOTE_TTL_MS, priceQuote, shopPrice } from '../../functions/domain/quote.ts';
import { cube20, handFit } from './estimate-fixtures.ts';
import { T0, MINUTE, shop } from './fixtures.ts';

const fit = handFit();
// shopPrice is arithmetic on an estimate: the old model's figures for the cube, kept.
const estimate: PrintEstimate = { extrudedMm3: 3136, grams: 3.88864, layers: 100, seconds: 592 };
const cheap = shop({ id: 'cheap', rates: { PLA: { perKgCents: 6000, perHourCents: 200 } }, setupFeeCents: 300 });
// cheap: 3.88864 × 6 + 592 / 3600 × 200 = 23.33 + 32.89 = 56.22 → 56 cents a piece.
const dear = shop({ id: 'dear', rates: { PLA: { perKgCents: 10000, perHourCents: 400 } }, setupFeeCents: 100 });
// priceQuote estimates the cube with the hand fit: 4.12672 g and 592 s (estimate-fixtures.ts), so
// cheap: 24.76 + 32.89 = 57.65 → 58 cents a piece; dear: 41.27 + 65.78 = 107.04 → 107 cents.
// (Before the fitted model: 3.88864 g, 56 and 105 cents.)

describe('shopPrice', () => {
  it('rounds the unit price to whole cents and charges setup once', () => {
    const price = shopPrice(estimate, cheap, 'PLA', 3);

    expect(price).toEqual({ setupFeeCents: 300, unitCents: 56, totalCents: 300 + 3 * 56 });
  });

  it('refuses rates that are not whole cents', () => {
    const fractional = shop({ rates: { PLA: { perKgCents: 60.5, perHourCents: 200 } } });

    expect(() => shopPrice(estimate, fractional, 'PLA', 1)).toThrow(/whole cents/);
  });

  it("charges the hours on the shop's own machine time: reference time / speed factor", () => {
    const fast = shop({ ...cheap, speedFactor: 2 });
    const slow = shop({ ...cheap, speedFactor: 0.5 });

    // 23.33 + 592 / 2 / 3600 × 200 = 23.33 + 16.44 = 39.78 → 40; slow: 23.33 + 65.78 = 89.11 → 89.
    expect(shopPrice(estimate, fast, 'PLA', 1).unitCents).toBe(40);
    expect(shopPrice(estimate, slow, 'PLA', 1).unitCents).toBe(89);
    expect(shopPrice(estimate, shop({ ...cheap, speedFactor: 1 }), 'PLA', 1).unitCents).toBe(56);
  });

  it.each([0, 0.2, 4.5, Number.NaN])('refuses a stored speed factor of %f', (speedFactor) => {
    expect(() => shopPrice(estimate, shop({ ...cheap, speedFactor }), 'PLA', 1)).toThrow(/speed factor must be a number from 0.25 to 4/);
  });
});

describe('priceQuote', () => {
  it('quotes the highest total among the candidates', () => {
    const quote = priceQuote(cube20, 'PLA', 3, [cheap, dear], T0, QUOTE_TTL_MS, fit);

    // cheap: 300 + 3 × 58 = 474; dear: 100 + 3 × 107 = 421.
    expect(quote.price).toEqual({ setupFeeCents: 300, unitCents: 58, totalCents: 474 });
    expect(quote.shopCount).toBe(2);
  });

  it('picks the maximum by total, so the answer depends on quantity', () => {
    const quote = priceQuote(cube20, 'PLA', 10, [cheap, dear], T0, QUOTE_TTL_MS, fit);

    // cheap: 300 + 580 = 880; dear: 100 + 1070 = 1170.
    expect(quote.price).toEqual({ setupFeeCents: 100, unitCents: 107, totalCents: 1170 });
  });

  it('does not depend on the order of the shops', () => {
    const a = priceQuote(cube20, 'PLA', 3, [cheap, dear], T0);
    const b = priceQuote(cube20, 'PLA', 3, [dear, cheap], T0);

    expect(b.price).toEqual(a.price);
  });

  it('ignores closed shops and shops that cannot make the part', () => {
    const closed = shop({ id: 'closed', open: false, rates: { PLA: { perKgCents: 99_000, perHourCents: 9_900 } } });
    const small = shop({ id: 'small', buildVolume: { x: 10, y: 10, z: 10 }, rates: { PLA: { perKgCents: 99_000, perHourCents: 9_900 } } });

    const quote = priceQuote(cube20, 'PLA', 1, [cheap, closed, small], T0, QUOTE_TTL_MS, fit);

    expect(quote.price?.totalCents).toBe(358);
    expect(quote.shopCount).toBe(1);
  });

  it('has no price when no shop can make it, but still shows the part', () => {
    const quote = priceQuote(cube20, 'TPU', 1, [cheap, dear], T0, QUOTE_TTL_MS, fit);

    expect(quote.price).toBeNull();
    expect(quote.shopCount).toBe(0);
    expect(quote.dimensionsMm).toEqual({ x: 20, y: 20, z: 20 });
    // 3.328 cm³ × 1.21 = 4.03 g (before the fitted model: 3.8 g).
    expect(quote.weightGrams).toBeCloseTo(4.0, 9);
  });

  it('shows per-piece weight to 0.1 g and time in whole seconds', () => {
    const quote = priceQuote(cube20, 'PLA', 4, [cheap], T0, QUOTE_TTL_MS, fit);

    // 4.12672 g (before the fitted model: 3.9 g); 592 s either way.
    expect(quote.weightGrams).toBe(4.1);
    expect(quote.printSeconds).toBe(592);
    expect(quote).toMatchObject({ material: 'PLA', quantity: 4, currency: 'EUR', volumeMm3: 8000, surfaceAreaMm2: 2400 });
  });

  it('expires 30 minutes after now by default, or after the given ttl', () => {
    const standard = priceQuote(cube20, 'PLA', 1, [cheap], T0);
    const short = priceQuote(cube20, 'PLA', 1, [cheap], T0, 5 * MINUTE);

    expect(QUOTE_TTL_MS).toBe(30 * MINUTE);
    expect(standard).toMatchObject({ createdAt: T0, expiresAt: T0 + 30 * MINUTE });
    expect(short.expiresAt).toBe(T0 + 5 * MINUTE);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects quantity %f', (quantity) => {
    expect(() => priceQuote(cube20, 'PLA', quantity, [cheap], T0)).toThrow(ValidationError);
  });

  it('always gives integer cents equal to setup + quantity × unit', () => {
    const rate = fc.record({ perKgCents: fc.integer({ min: 0, max: 50_000 }), perHourCents: fc.integer({ min: 0, max: 5_000 }) });
    const setup = fc.record({
      side: fc.double({ min: 1, max: 200, noNaN: true }),
      quantity: fc.integer({ min: 1, max: 500 }),
      rates: fc.array(fc.record({ rate, setupFeeCents: fc.integer({ min: 0, max: 5_000 }), speedFactor: fc.double({ min: 0.25, max: 4, noNaN: true }) }), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(setup, ({ side, quantity, rates }) => {
        const part = { volume: side ** 3, surfaceArea: 6 * side ** 2, size: [side, side, side] as const };
        const shops = rates.map((r, i) => shop({ id: `s${i}`, rates: { PLA: r.rate }, setupFeeCents: r.setupFeeCents, speedFactor: r.speedFactor, buildVolume: { x: 250, y: 250, z: 250 } }));

        const quote = priceQuote(part, 'PLA', quantity, shops, T0);

        const price = quote.price!;
        expect(Number.isSafeInteger(price.totalCents)).toBe(true);
        expect(Number.isSafeInteger(price.unitCents)).toBe(true);
        expect(price.totalCents).toBe(price.setupFeeCents + quantity * price.unitCents);
        const totals = shops.map((s) => shopPrice(estimatePrint(part, 'PLA'), s, 'PLA', quantity).totalCents);
        expect(price.totalCents).toBe(Math.max(...totals));
      }),
    );
  });
});
