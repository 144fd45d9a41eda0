// fast-check generators for a design's parameter space, built from its schema alone.
import fc from 'fast-check';
import type { AnyDesign, ParamSpec, Params } from '../types.ts';
import { validateParams } from '../validate.ts';
import { NAME_SCRIPTS } from './name-characters.ts';

/** A name in one script (ASCII, Latin-Extended, Greek or Cyrillic), as drawn characters. */
const nameChars = (spec: { minLength: number; maxLength: number }) =>
  fc.constantFrom(...NAME_SCRIPTS).chain((script) => fc.array(fc.constantFrom(...script), { minLength: spec.minLength, maxLength: spec.maxLength }));

const valueFor = (spec: ParamSpec): fc.Arbitrary<number | string> => {
  switch (spec.type) {
    case 'number': {
      const steps = Math.round((spec.max - spec.min) / spec.step);
      return fc.integer({ min: 0, max: steps }).map((k) => Number((spec.min + k * spec.step).toFixed(6)));
    }
    case 'text':
      return nameChars(spec)
        .map((chars) => chars.join('').trim())
        .filter((text) => [...text].length >= spec.minLength);
    case 'choice':
      return fc.constantFrom(...spec.options.map((o) => o.value));
  }
};

/** Any parameter set inside every range, on every step grid; cross-field rules not applied. */
export const inRangeParams = (design: AnyDesign): fc.Arbitrary<Params> =>
  fc.record(Object.fromEntries(design.params.map((spec) => [spec.key, valueFor(spec)])));

/** Any parameter set the validator accepts (cross-field rules included), already clean; `fixed` pins some keys (e.g. colours: 'two'). */
export const validParams = (design: AnyDesign, fixed: Params = {}): fc.Arbitrary<Params> =>
  inRangeParams(design)
    .map((input) => validateParams(design, { ...input, ...fixed }))
    .filter((result) => result.ok)
    .map((result) => (result as { ok: true; params: Params }).params);
