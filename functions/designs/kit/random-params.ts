// Seeded random valid configurations of a design, drawn from its schema alone: the calibration
// set and the estimate benchmark use it so both are reproducible from a seed, without fast-check.
import { NAME_SCRIPTS } from './name-characters.ts';
import type { AnyDesign, ParamSpec, Params } from '../types.ts';
import { validateParams } from '../validate.ts';

/** A uniform number in [0, 1) from a seeded generator. */
export type Random = () => number;

/**
 * mulberry32: a small, fast 32-bit generator; the same seed gives the same sequence everywhere.
 * @example const random = seededRandom(42); random(); // 0.6011…
 */
export const seededRandom = (seed: number): Random => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const draw = (spec: ParamSpec, random: Random): number | string => {
  switch (spec.type) {
    case 'number': {
      const steps = Math.round((spec.max - spec.min) / spec.step);
      return Number((spec.min + Math.floor(random() * (steps + 1)) * spec.step).toFixed(6));
    }
    case 'text': {
      const length = spec.minLength + Math.floor(random() * (spec.maxLength - spec.minLength + 1));
      const script = pick(random, NAME_SCRIPTS);
      return Array.from({ length }, () => pick(random, script)).join('');
    }
    case 'choice':
      return pick(random, spec.options).value;
  }
};

/**
 * `count` configurations the validator accepts (cross-field rules included), each drawn
 * uniformly over the schema's grid and redrawn when a rule refuses it. Throws after 1000
 * refusals in a row (a design whose rules leave almost nothing valid).
 * @example randomValidParams(planter, 20, seededRandom(7)) // 20 clean planter configurations
 */
export const randomValidParams = (design: AnyDesign, count: number, random: Random): Params[] => {
  const out: Params[] = [];
  let refused = 0;
  while (out.length < count) {
    const input = Object.fromEntries(design.params.map((spec) => [spec.key, draw(spec, random)]));
    const result = validateParams(design, input);
    if (result.ok) {
      out.push(result.params);
      refused = 0;
    } else if (++refused >= 1000) {
      throw new Error(`${design.id}: 1000 random configurations in a row were refused (${result.errors[0].message})`);
    }
  }
  return out;
};
