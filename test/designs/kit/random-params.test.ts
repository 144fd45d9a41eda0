// Seeded random configurations: valid, reproducible from the seed, different across seeds.
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, prepareCatalogue } from '../../../functions/designs/catalogue.ts';
import { randomValidParams, seededRandom } from '../../../functions/designs/kit/random-params.ts';
import { validateParams } from '../../../functions/designs/validate.ts';

beforeAll(() => prepareCatalogue());

describe('randomValidParams', () => {
  it('draws configurations every design accepts, the same ones for the same seed', () => {
    for (const design of catalogue) {
      const a = randomValidParams(design, 12, seededRandom(1));
      const b = randomValidParams(design, 12, seededRandom(1));

      expect(a).toEqual(b);
      for (const params of a) expect(validateParams(design, params)).toEqual({ ok: true, params });
      expect(new Set(a.map((p) => JSON.stringify(p))).size, design.id).toBeGreaterThan(8);
    }
  });

  it('draws other configurations from another seed', () => {
    const [planter] = catalogue.filter((d) => d.id === 'planter');

    expect(randomValidParams(planter, 5, seededRandom(1))).not.toEqual(randomValidParams(planter, 5, seededRandom(2)));
  });

  it('gives numbers in [0, 1) reproducibly', () => {
    const random = seededRandom(42);
    const values = Array.from({ length: 1000 }, random);

    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(seededRandom(42)()).toBe(values[0]);
  });
});
