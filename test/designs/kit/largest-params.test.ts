// The benchmark's "largest params": schema maxima, backed off only as far as the rules demand.
import { beforeAll, describe, expect, it } from 'vitest';
import { defineDesign } from '../../../functions/designs/types.ts';
import { largestParams } from '../../../functions/designs/kit/largest-params.ts';
import { prepareCatalogue } from '../../../functions/designs/catalogue.ts';

beforeAll(() => prepareCatalogue());

type P = { label: string; length: number; wall: number; finish: string };

const design = (rules: { fields: string[]; check: (p: P) => string | null }[]) =>
  defineDesign<P>({
    id: 'test-largest',
    version: 1,
    name: 'Test',
    description: 'Only for largest-params tests.',
    params: [
      { key: 'label', type: 'text', unit: 'text', label: 'Label', help: '', minLength: 1, maxLength: 10, default: 'A' },
      { key: 'length', type: 'number', unit: 'mm', label: 'Length', help: '', min: 10, max: 100, step: 5, default: 50 },
      { key: 'wall', type: 'number', unit: 'mm', label: 'Wall', help: '', min: 1, max: 4, step: 0.5, default: 2 },
      { key: 'finish', type: 'choice', unit: 'choice', label: 'Finish', help: '', default: 'a', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
    ],
    rules,
    budget: { maxTriangles: 1, maxSegments: 1 },
    size: () => [1, 1, 1],
    build: () => {
      throw new Error('not built');
    },
  });

describe('largestParams', () => {
  it('takes every maximum when no rule objects', () => {
    expect(largestParams(design([]))).toEqual({ params: { label: 'WWWWWWWWWW', length: 100, wall: 4, finish: 'b' }, backedOff: [] });
  });

  it('keeps the last choice option and lowers the number a rule pairs it with', () => {
    const heavy = design([{ fields: ['finish', 'wall'], check: (p) => (p.finish === 'b' && p.wall > 3 ? 'gloss needs a thin wall' : null) }]);

    const result = largestParams(heavy);

    expect(result.params).toMatchObject({ finish: 'b', wall: 3 });
    expect(result.backedOff).toEqual(['wall: 4 → 3']);
  });

  it('shortens the text when it does not fit, and says so', () => {
    const fits = design([{ fields: ['label', 'length'], check: (p) => (p.label.length * 15 > p.length ? 'too long' : null) }]);

    const result = largestParams(fits);

    expect(result.params).toMatchObject({ label: 'WWWWWW', length: 100 });
    expect(result.backedOff).toEqual(["label: 10 → 6 × 'W'"]);
  });

  it('lowers the number that gives up the least of its range', () => {
    // Length 60 keeps wall 4 (gives up 40 of its 90 mm range, 44 %); wall 2.5 would keep
    // length 100 but give up 1.5 of its 3 mm range (50 %).
    const thin = design([{ fields: ['length', 'wall'], check: (p) => (p.length * p.wall > 250 ? 'too heavy' : null) }]);

    const result = largestParams(thin);

    expect(result.params).toMatchObject({ length: 60, wall: 4 });
    expect(result.backedOff).toEqual(['length: 100 → 60']);
  });

  it('fills text with the character asked for, counted in characters', () => {
    const fits = design([{ fields: ['label', 'length'], check: (p) => ([...p.label].length * 20 > p.length ? 'too long' : null) }]);

    const result = largestParams(fits, { fill: 'Щ' });

    expect(result.params).toMatchObject({ label: 'ЩЩЩЩЩ', length: 100 });
    expect(result.backedOff).toEqual(["label: 10 → 5 × 'Щ'"]);
  });

  it('holds a fixed param and backs off the others instead', () => {
    const heavy = design([{ fields: ['finish', 'wall'], check: (p) => (p.finish === 'a' && p.wall > 2 ? 'matte needs a thin wall' : null) }]);

    const result = largestParams(heavy, { fixed: { finish: 'a' } });

    expect(result.params).toMatchObject({ finish: 'a', wall: 2 });
    expect(result.backedOff).toEqual(['wall: 4 → 2']);
  });
});
