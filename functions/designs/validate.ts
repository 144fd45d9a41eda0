// The one parameter validator: the API, the CLI and the browser all call it. It never
// throws for bad input; it returns clean, defaulted params or every field error at once.
import { undrawableCharacters } from './font.ts';
import type { AnyDesign, NumberParam, Params, ParamSpec } from './types.ts';

export type FieldErrorCode =
  | 'unknown'
  | 'type'
  | 'not_finite'
  | 'too_small'
  | 'too_large'
  | 'step'
  | 'too_short'
  | 'too_long'
  | 'charset'
  | 'choice'
  | 'rule'
  | 'not_object';

export interface FieldError {
  /** `params.<key>` style is the caller's business; this is the bare parameter key. */
  field: string;
  code: FieldErrorCode;
  message: string;
  /** The bound that was crossed, for too_small / too_large / too_long; the nearest valid value for step. */
  limit?: number;
}

export type ValidationResult = { ok: true; params: Params } | { ok: false; errors: FieldError[] };

const STEP_TOLERANCE = 1e-6;

/** Number of decimals a step has, so snapped values print cleanly (0.5 → 1, 0.25 → 2). */
const decimalsOf = (step: number): number => {
  const text = String(step);
  return text.includes('.') ? text.split('.')[1].length : 0;
};

const formatNumber = (value: number, spec: NumberParam): string => `${value} ${spec.unit === 'count' ? '' : spec.unit}`.trim();

const checkNumber = (spec: NumberParam, value: unknown): { value?: number; error?: FieldError } => {
  const field = spec.key;
  if (typeof value !== 'number') return { error: { field, code: 'type', message: `${spec.label} must be a number` } };
  if (!Number.isFinite(value)) return { error: { field, code: 'not_finite', message: `${spec.label} must be a finite number` } };
  if (value < spec.min)
    return { error: { field, code: 'too_small', limit: spec.min, message: `${spec.label} must be at least ${formatNumber(spec.min, spec)}` } };
  if (value > spec.max)
    return { error: { field, code: 'too_large', limit: spec.max, message: `${spec.label} must be at most ${formatNumber(spec.max, spec)}` } };
  const steps = (value - spec.min) / spec.step;
  const rounded = Math.round(steps);
  // Snap to the grid so 0.1 + 0.2 and 0.3 hash and build the same.
  const snapped = Math.min(spec.max, Math.max(spec.min, Number((spec.min + rounded * spec.step).toFixed(decimalsOf(spec.step) + decimalsOf(spec.min)))));
  if (Math.abs(steps - rounded) > STEP_TOLERANCE * Math.max(1, Math.abs(steps)))
    return {
      error: {
        field, code: 'step', limit: snapped,
        message: `${spec.label} goes in steps of ${formatNumber(spec.step, spec)} from ${formatNumber(spec.min, spec)}: the nearest is ${formatNumber(snapped, spec)}`,
      },
    };
  return { value: snapped };
};

const checkValue = (spec: ParamSpec, value: unknown): { value?: number | string; error?: FieldError } => {
  const field = spec.key;
  switch (spec.type) {
    case 'number':
      return checkNumber(spec, value);
    case 'text': {
      if (typeof value !== 'string') return { error: { field, code: 'type', message: `${spec.label} must be text` } };
      // NFC first: a decomposed "e" + U+0301 is the same letter as "é" and is drawn the same.
      const text = value.normalize('NFC').trim();
      const bad = undrawableCharacters(text);
      if (bad.length)
        return {
          error: {
            field,
            code: 'charset',
            message: `${spec.label} contains characters the engraving font cannot draw: ${bad.map((c) => JSON.stringify(c)).join(' ')} (use letters A-Z, accented ones such as é, ü, ñ, ç, digits and common punctuation)`,
          },
        };
      if (text.length === 0 && value.length > 0)
        return { error: { field, code: 'too_short', limit: spec.minLength, message: `${spec.label} cannot be only spaces: type at least one letter or digit` } };
      if (text.length < spec.minLength)
        return { error: { field, code: 'too_short', limit: spec.minLength, message: `${spec.label} needs at least ${spec.minLength} character${spec.minLength === 1 ? '' : 's'}` } };
      if (text.length > spec.maxLength)
        return { error: { field, code: 'too_long', limit: spec.maxLength, message: `${spec.label} can have at most ${spec.maxLength} characters` } };
      return { value: text };
    }
    case 'choice': {
      if (typeof value !== 'string') return { error: { field, code: 'type', message: `${spec.label} must be one of the listed options` } };
      if (!spec.options.some((o) => o.value === value))
        return { error: { field, code: 'choice', message: `${spec.label} must be one of: ${spec.options.map((o) => o.value).join(', ')}` } };
      return { value };
    }
  }
};

/**
 * Validates raw input (e.g. a parsed JSON body) against a design's schema and rules.
 * Missing keys take their defaults; unknown keys are errors.
 * @example const r = validateParams(planter, { diameter: 80 }); if (r.ok) build(r.params);
 */
export const validateParams = (design: AnyDesign, input: unknown): ValidationResult => {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input))
    return { ok: false, errors: [{ field: '', code: 'not_object', message: 'params must be an object of parameter values' }] };
  const raw = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const known = new Set(design.params.map((p) => p.key));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) errors.push({ field: key, code: 'unknown', message: `${design.name} has no parameter "${key}"` });
  }
  const params: Params = {};
  for (const spec of design.params) {
    const present = Object.prototype.hasOwnProperty.call(raw, spec.key) && raw[spec.key] !== undefined;
    const { value, error } = present ? checkValue(spec, raw[spec.key]) : { value: spec.default, error: undefined };
    if (error) errors.push(error);
    else params[spec.key] = value!;
  }
  if (errors.length) return { ok: false, errors };
  for (const rule of design.rules) {
    const message = rule.check(params);
    if (message) errors.push({ field: rule.fields[0], code: 'rule', message });
  }
  return errors.length ? { ok: false, errors } : { ok: true, params };
};

/** The defaults of a design, already valid by construction (a test checks this). */
export const defaultParams = (design: AnyDesign): Params =>
  Object.fromEntries(design.params.map((p) => [p.key, p.default]));
