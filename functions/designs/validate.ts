// The one parameter validator: the API, the CLI and the browser all call it. It never
// throws for bad input; it returns clean, defaulted params or every field error at once.
import { undrawableCharacters } from './typefaces/coverage.ts';
import { typefaceSpec } from './typefaces/faces.ts';
import { isTypefaceLoaded, typeface, TypefaceNotLoadedError } from './typefaces/registry.ts';
import type { AnyDesign, NumberParam, Params, ParamSpec, TextParam } from './types.ts';

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
      if (text.length === 0 && value.length > 0)
        return { error: { field, code: 'too_short', limit: spec.minLength, message: `${spec.label} cannot be only spaces: type at least one letter or digit` } };
      // Length in characters as a customer counts them (code points), not UTF-16 units.
      if ([...text].length < spec.minLength)
        return { error: { field, code: 'too_short', limit: spec.minLength, message: `${spec.label} needs at least ${spec.minLength} character${spec.minLength === 1 ? '' : 's'}` } };
      if ([...text].length > spec.maxLength)
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

/** Characters of a lettered text its chosen typeface cannot draw, as a field error; null when all are drawn. */
const charsetError = (spec: TextParam, params: Params): FieldError | null => {
  const font = String(params[spec.letteredIn!]);
  const bad = undrawableCharacters(typeface(font), String(params[spec.key]));
  if (!bad.length) return null;
  const shown = bad.map((c) => (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c) ? `"${c}"` : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
  const name = typefaceSpec(font)?.label ?? font;
  return {
    field: spec.key,
    code: 'charset',
    message: `${spec.label} has ${bad.length === 1 ? 'a character' : 'characters'} the ${name} typeface cannot draw: ${shown.join(' ')}. Remove ${bad.length === 1 ? 'it' : 'them'} or choose another typeface.`,
  };
};

export interface ValidateOptions {
  /**
   * What to do when a lettered text's typeface is not loaded here: 'throw' (the default; a
   * host skipped prepareDesign) or 'defer' (the page's main thread, which never loads a face:
   * checks that read the face are left to the worker, which has it).
   */
  unloadedTypeface?: 'throw' | 'defer';
}

/**
 * Validates raw input (e.g. a parsed JSON body) against a design's schema and rules.
 * Missing keys take their defaults; unknown keys are errors.
 * @example const r = validateParams(planter, { diameter: 80 }); if (r.ok) build(r.params);
 */
export const validateParams = (design: AnyDesign, input: unknown, options: ValidateOptions = {}): ValidationResult => {
  const defer = options.unloadedTypeface === 'defer';
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
  for (const spec of design.params) {
    if (spec.type !== 'text' || !spec.letteredIn) continue;
    if (defer && !isTypefaceLoaded(String(params[spec.letteredIn]))) continue;
    const error = charsetError(spec, params);
    if (error) errors.push(error);
  }
  if (errors.length) return { ok: false, errors };
  for (const rule of design.rules) {
    try {
      const message = rule.check(params);
      if (message) errors.push({ field: rule.fields[0], code: 'rule', message });
    } catch (error) {
      if (!(defer && error instanceof TypefaceNotLoadedError)) throw error;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, params };
};

/** The defaults of a design, already valid by construction (a test checks this). */
export const defaultParams = (design: AnyDesign): Params =>
  Object.fromEntries(design.params.map((p) => [p.key, p.default]));
