// The costliest configuration a design's schema allows: every number at its max, every text
// param filled with 'W' (or another character) to maxLength, the last choice option (or the
// one asked for). When a cross-field rule refuses that, back off (text length first, then the
// sizes the rule names; never a param held fixed) until it is valid, and say what was given up.
import type { AnyDesign, ParamSpec, Params } from '../types.ts';
import { validateParams } from '../validate.ts';

export interface LargestParams {
  params: Params;
  /** What had to be backed off from the schema's maxima, empty when nothing was. */
  backedOff: string[];
}

export interface LargestOptions {
  /** Params held at these values (a typeface), never backed off. */
  fixed?: Params;
  /** The character text params are filled with; 'W' by default. */
  fill?: string;
}

const MAX_ROUNDS = 10_000;

const maxValue = (spec: ParamSpec, fill: string): number | string => {
  switch (spec.type) {
    case 'number':
      return spec.max;
    case 'text':
      return fill.repeat(spec.maxLength);
    case 'choice':
      return spec.options[spec.options.length - 1].value;
  }
};

const roundToStep = (value: number, step: number): number => Number(value.toFixed(Math.max(0, -Math.floor(Math.log10(step)) + 2)));

const brokenRules = (design: AnyDesign, params: Params) => design.rules.filter((rule) => rule.check(params) !== null);

/**
 * Lowers one number param, a step at a time, to the largest value that satisfies every rule
 * with the others fixed; undefined when even its min does not.
 */
const largestValidValue = (design: AnyDesign, params: Params, spec: Extract<ParamSpec, { type: 'number' }>): number | undefined => {
  for (let value = params[spec.key] as number; value >= spec.min - 1e-9; value = roundToStep(value - spec.step, spec.step)) {
    if (brokenRules(design, { ...params, [spec.key]: value }).length === 0) return value;
  }
  return undefined;
};

const describeChange = (spec: ParamSpec, from: number | string, to: number | string, fill: string): string =>
  spec.type === 'text' ? `${spec.key}: ${[...String(from)].length} → ${[...String(to)].length} × '${fill}'` : `${spec.key}: ${from} → ${to}`;

export const largestParams = (design: AnyDesign, { fixed = {}, fill = 'W' }: LargestOptions = {}): LargestParams => {
  const start: Params = { ...Object.fromEntries(design.params.map((spec) => [spec.key, maxValue(spec, fill)])), ...fixed };
  const params: Params = { ...start };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = validateParams(design, params);
    if (result.ok) {
      const backedOff = design.params.filter((spec) => start[spec.key] !== params[spec.key]).map((spec) => describeChange(spec, start[spec.key], params[spec.key], fill));
      return { params: result.params, backedOff };
    }
    const fieldErrors = result.errors.filter((e) => e.code !== 'rule');
    if (fieldErrors.length) throw new Error(`${design.id}: maxima fail their own schema: ${JSON.stringify(fieldErrors)}`);
    const fields = new Set(brokenRules(design, params).flatMap((rule) => rule.fields));
    const specs = design.params.filter((spec) => fields.has(spec.key) && !(spec.key in fixed));

    const text = specs.find((spec) => spec.type === 'text' && [...String(params[spec.key])].length > spec.minLength);
    if (text) {
      params[text.key] = [...String(params[text.key])].slice(0, -1).join('');
      continue;
    }
    // The single number whose back-off gives up the smallest share of its range.
    let best: { key: string; value: number; share: number } | undefined;
    for (const spec of specs) {
      if (spec.type !== 'number') continue;
      const value = largestValidValue(design, params, spec);
      if (value === undefined) continue;
      const share = ((params[spec.key] as number) - value) / (spec.max - spec.min);
      if (!best || share < best.share) best = { key: spec.key, value, share };
    }
    if (best) {
      params[best.key] = best.value;
      continue;
    }
    // No single number fixes it: lower every number the broken rules name by one step.
    let moved = false;
    for (const spec of specs) {
      if (spec.type === 'number' && (params[spec.key] as number) > spec.min) {
        params[spec.key] = Math.max(spec.min, roundToStep((params[spec.key] as number) - spec.step, spec.step));
        moved = true;
      }
    }
    const choice = specs.find((spec) => spec.type === 'choice' && spec.options.findIndex((o) => o.value === params[spec.key]) > 0);
    if (!moved && choice && choice.type === 'choice') {
      params[choice.key] = choice.options[choice.options.findIndex((o) => o.value === params[choice.key]) - 1].value;
      moved = true;
    }
    if (!moved) throw new Error(`${design.id}: no valid configuration found near the maxima`);
  }
  throw new Error(`${design.id}: backing off did not converge`);
};
