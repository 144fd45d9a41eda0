// fast-check generators for a design's parameter space, built from its schema alone.
import fc from 'fast-check';
import { COMPOSED } from '../font.ts';
import type { AnyDesign, ParamSpec, Params } from '../types.ts';
import { validateParams } from '../validate.ts';

/** Every character the engraving font can draw: printable ASCII and the composed accented letters. */
const drawableChar = fc.oneof(
  { arbitrary: fc.integer({ min: 32, max: 126 }).map((code) => String.fromCharCode(code)), weight: 9 },
  { arbitrary: fc.constantFrom(...Object.keys(COMPOSED)), weight: 1 },
);

const valueFor = (spec: ParamSpec): fc.Arbitrary<number | string> => {
  switch (spec.type) {
    case 'number': {
      const steps = Math.round((spec.max - spec.min) / spec.step);
      return fc.integer({ min: 0, max: steps }).map((k) => Number((spec.min + k * spec.step).toFixed(6)));
    }
    case 'text':
      return fc
        .array(drawableChar, { minLength: spec.minLength, maxLength: spec.maxLength })
        .map((chars) => chars.join('').trim())
        .filter((text) => text.length >= spec.minLength);
    case 'choice':
      return fc.constantFrom(...spec.options.map((o) => o.value));
  }
};

/** Any parameter set inside every range, on every step grid; cross-field rules not applied. */
export const inRangeParams = (design: AnyDesign): fc.Arbitrary<Params> =>
  fc.record(Object.fromEntries(design.params.map((spec) => [spec.key, valueFor(spec)])));

/** Any parameter set the validator accepts (cross-field rules included), already clean. */
export const validParams = (design: AnyDesign): fc.Arbitrary<Params> =>
  inRangeParams(design)
    .map((input) => validateParams(design, input))
    .filter((result) => result.ok)
    .map((result) => (result as { ok: true; params: Params }).params);
