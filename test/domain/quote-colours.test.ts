// Quotes for multi-part builds: grams split per part, the tool changes and purge of a second
// colour priced in, and only shops that take two filaments counted and priced.
import { describe, expect, it } from 'vitest';
import { COLOUR_CHANGE_FIT, type ColourPart } from '../../functions/domain/colour-changes.ts';
import { QUOTE_TTL_MS, priceQuote, type ColourJob } from '../../functions/domain/quote.ts';
import { handFit } from './estimate-fixtures.ts';
import { T0, shop } from './fixtures.ts';

const fit = handFit();
// A 60 × 20 plate 3 mm thick with 1 mm letters inlaid from z = 2 (hand-made parts, like M1's mesh parts).
const whole = { volume: 3600, surfaceArea: 2 * 1200 + 160 * 3, size: [60, 20, 3] as const };
const base: ColourPart = { role: 'base', label: 'Plate', colourSlot: 0, measurements: { volume: 3300, surfaceArea: 2800, size: [60, 20, 3], bbox: { min: [0, 0, 0], max: [60, 20, 3] } } };
const letters: ColourPart = { role: 'letters', label: 'Letters', colourSlot: 1, measurements: { volume: 300, surfaceArea: 900, size: [40, 10, 1], bbox: { min: [10, 5, 2], max: [50, 15, 3] } } };
const job = (colours: string[]): ColourJob => ({ parts: [base, letters], colours });

const single = shop({ id: 'single' });
const multi = shop({ id: 'multi', colours: 2 });

describe('priceQuote with colours', () => {
  it('carries the colours and one entry per part whose grams add up with the purge', () => {
    const quote = priceQuote(whole, 'PLA', 1, [multi], T0, QUOTE_TTL_MS, fit, job(['white', 'black']));

    expect(quote.colours).toEqual(['white', 'black']);
    expect(quote.parts.map((p) => [p.role, p.colour])).toEqual([['base', 'white'], ['letters', 'black']]);
    const sum = quote.parts.reduce((a, p) => a + p.weightGrams, 0) + quote.purgeGrams;
    expect(Math.abs(sum - quote.weightGrams)).toBeLessThanOrEqual(0.15);
    expect(quote.parts[0].weightGrams).toBeGreaterThan(quote.parts[1].weightGrams);
  });

  it('adds the tool changes and purge of a second colour to time and grams', () => {
    const one = priceQuote(whole, 'PLA', 1, [multi], T0, QUOTE_TTL_MS, fit, job(['red', 'red']));
    const two = priceQuote(whole, 'PLA', 1, [multi], T0, QUOTE_TTL_MS, fit, job(['red', 'black']));

    // Layers 10–14 hold both colours: 5 changes, the tower on 15 layers.
    const { seconds, purgeMm3 } = COLOUR_CHANGE_FIT;
    expect(one.toolChanges).toBe(0);
    expect(two.toolChanges).toBe(5);
    expect(two.printSeconds - one.printSeconds).toBeCloseTo(seconds.perJob + 5 * seconds.perChange + 15 * seconds.perTowerLayer, -1);
    expect(two.purgeGrams).toBeCloseTo(((purgeMm3.perJob + 5 * purgeMm3.perChange + 15 * purgeMm3.perTowerLayer) / 1000) * 1.24, 1);
    expect(two.price!.totalCents).toBeGreaterThan(one.price!.totalCents);
  });

  it('counts and prices only shops that take two filaments for a two-colour job', () => {
    const two = priceQuote(whole, 'PLA', 1, [single, multi], T0, QUOTE_TTL_MS, fit, job(['white', 'black']));
    const same = priceQuote(whole, 'PLA', 1, [single, multi], T0, QUOTE_TTL_MS, fit, job(['white', 'white']));
    const none = priceQuote(whole, 'PLA', 1, [single], T0, QUOTE_TTL_MS, fit, job(['white', 'black']));

    expect(two.shopCount).toBe(1);
    expect(same.shopCount).toBe(2);
    expect(none.shopCount).toBe(0);
    expect(none.price).toBeNull();
  });

  it('defaults to one white part for a plain build', () => {
    const quote = priceQuote(whole, 'PLA', 1, [single], T0, QUOTE_TTL_MS, fit);

    expect(quote.colours).toEqual(['white']);
    expect(quote.parts).toEqual([{ role: 'part', label: 'Part', colourSlot: 0, colour: 'white', weightGrams: quote.weightGrams }]);
    expect(quote.toolChanges).toBe(0);
  });
});
