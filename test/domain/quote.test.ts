// Print estimate and quote arithmetic: shell + infill grams, time, integer cents, max over shops.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/domain/errors.ts';
import { estimatePrint } from '../../functions/domain/print-estimate.ts';
import { QUOTE_TTL_MS, priceQuote, shopPrice } from '../../functions/domain/quote.ts';
import { T0, MINUTE, shop } from './fixtures.ts';

const cube20 = { volume: 8000, surfaceArea: 2400, size: [20, 20, 20] as const };

// By hand for the 20 mm cube in PLA: shell 2400 × 0.8 = 1920 mm³, infill (8000 − 1920) × 0.2
// = 1216 mm³, extruded 3136 mm³ = 3.136 cm³ × 1.24 = 3.88864 g; 100 layers;
// 3136 / 8 + 100 × 2 = 592 s.
const cheap = shop({ id: 'cheap', rates: { PLA: { perKgCents: 6000, perHourCents: 200 } }, setupFeeCents: 300 });
// cheap: 3.88864 × 6 + 592 / 3600 × 200 = 23.33 + 32.89 = 56.22 → 56 cents a piece.
const dear = shop({ id: 'dear', rates: { PLA: { perKgCents: 10000, perHourCents: 400 } }, setupFeeCents: 100 });
// dear: 38.89 + 65.78 = 104.66 → 105 cents a piece.

describe('estimatePrint', () => {
  it('adds a 0.8 mm shell and 20 % of the rest, times the density', () => {
    const e = estimatePrint(cube20, 'PLA');

    expect(e.shellMm3).toBeCloseTo(1920, 9);
    expect(e.infillMm3).toBeCloseTo(1216, 9);
    expect(e.extrudedMm3).toBeCloseTo(3136, 9);
    expect(e.grams).toBeCloseTo(3.88864, 9);
  });

  it('takes extruded volume at 8 mm³/s plus 2 s per 0.2 mm layer', () => {
    const e = estimatePrint(cube20, 'PLA');

    expect(e.layers).toBe(100);
    expect(e.seconds).toBeCloseTo(592, 9);
  });

  it('caps the shell at the volume, so a thin plate is solid', () => {
    const plate = { volume: 10_000, surfaceArea: 20_400, size: [100, 100, 1] as const };

    const e = estimatePrint(plate, 'PETG');

    expect(e.extrudedMm3).toBe(10_000);
    expect(e.infillMm3).toBe(0);
    expect(e.grams).toBeCloseTo(12.7, 9);
  });

  it.each([
    [0.6, 3],
    [0.3, 2],
    [10, 50],
    [0.2, 1],
  ])('counts %f mm of height as %i layers despite float noise', (z, layers) => {
    const e = estimatePrint({ volume: 100, surfaceArea: 400, size: [10, 10, z] }, 'PLA');

    expect(e.layers).toBe(layers);
  });

  it('uses each material density', () => {
    const pla = estimatePrint(cube20, 'PLA');
    const asa = estimatePrint(cube20, 'ASA');

    expect(asa.grams / pla.grams).toBeCloseTo(1.07 / 1.24, 12);
  });

  it('rejects a part with no volume, with the field named', () => {
    const act = () => estimatePrint({ volume: 0, surfaceArea: 10, size: [1, 1, 1] }, 'PLA');

    expect(act).toThrow(ValidationError);
    expect(act).toThrow(expect.objectContaining({ code: 'invalid', errors: [expect.objectContaining({ field: 'volume' })] }));
  });
});

describe('shopPrice', () => {
  it('rounds the unit price to whole cents and charges setup once', () => {
    const e = estimatePrint(cube20, 'PLA');

    const price = shopPrice(e, cheap, 'PLA', 3);

    expect(price).toEqual({ setupFeeCents: 300, unitCents: 56, totalCents: 300 + 3 * 56 });
  });

  it('refuses rates that are not whole cents', () => {
    const fractional = shop({ rates: { PLA: { perKgCents: 60.5, perHourCents: 200 } } });

    expect(() => shopPrice(estimatePrint(cube20, 'PLA'), fractional, 'PLA', 1)).toThrow(/whole cents/);
  });
});

describe('priceQuote', () => {
  it('quotes the highest total among the candidates', () => {
    const quote = priceQuote(cube20, 'PLA', 3, [cheap, dear], T0);

    // cheap: 300 + 3 × 56 = 468; dear: 100 + 3 × 105 = 415.
    expect(quote.price).toEqual({ setupFeeCents: 300, unitCents: 56, totalCents: 468 });
    expect(quote.shopCount).toBe(2);
  });

  it('picks the maximum by total, so the answer depends on quantity', () => {
    const quote = priceQuote(cube20, 'PLA', 10, [cheap, dear], T0);

    // cheap: 300 + 560 = 860; dear: 100 + 1050 = 1150.
    expect(quote.price).toEqual({ setupFeeCents: 100, unitCents: 105, totalCents: 1150 });
  });

  it('does not depend on the order of the shops', () => {
    const a = priceQuote(cube20, 'PLA', 3, [cheap, dear], T0);
    const b = priceQuote(cube20, 'PLA', 3, [dear, cheap], T0);

    expect(b.price).toEqual(a.price);
  });

  it('ignores closed shops and shops that cannot make the part', () => {
    const closed = shop({ id: 'closed', open: false, rates: { PLA: { perKgCents: 99_000, perHourCents: 9_900 } } });
    const small = shop({ id: 'small', buildVolume: { x: 10, y: 10, z: 10 }, rates: { PLA: { perKgCents: 99_000, perHourCents: 9_900 } } });

    const quote = priceQuote(cube20, 'PLA', 1, [cheap, closed, small], T0);

    expect(quote.price?.totalCents).toBe(356);
    expect(quote.shopCount).toBe(1);
  });

  it('has no price when no shop can make it, but still shows the part', () => {
    const quote = priceQuote(cube20, 'TPU', 1, [cheap, dear], T0);

    expect(quote.price).toBeNull();
    expect(quote.shopCount).toBe(0);
    expect(quote.dimensionsMm).toEqual({ x: 20, y: 20, z: 20 });
    expect(quote.weightGrams).toBeCloseTo(3.8, 9);
  });

  it('shows per-piece weight to 0.1 g and time in whole seconds', () => {
    const quote = priceQuote(cube20, 'PLA', 4, [cheap], T0);

    expect(quote.weightGrams).toBe(3.9);
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
      rates: fc.array(fc.record({ rate, setupFeeCents: fc.integer({ min: 0, max: 5_000 }) }), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(setup, ({ side, quantity, rates }) => {
        const part = { volume: side ** 3, surfaceArea: 6 * side ** 2, size: [side, side, side] as const };
        const shops = rates.map((r, i) => shop({ id: `s${i}`, rates: { PLA: r.rate }, setupFeeCents: r.setupFeeCents, buildVolume: { x: 250, y: 250, z: 250 } }));

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
