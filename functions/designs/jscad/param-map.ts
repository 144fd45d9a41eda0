// Maps a JSCAD script's getParameterDefinitions() to our parameter schema:
//   int, float, number, slider → number (min, max, step, initial; unit guessed from name/caption)
//   choice, radio              → choice (values as text, captions as labels; numbers come back as numbers)
//   checkbox                   → a Yes/No choice (main() gets true/false)
//   text                       → text (the wrapper must give maxLength: the room the design has)
// Whatever cannot be mapped (group, color, date, email, url, password, a range without min/max,
// choice values that are not text or numbers ...) becomes a finding naming the parameter and
// what to do; main() then gets its initial value, or the value the wrapper pins with `fixed`.
import type { Finding } from '../kit/findings.ts';
import type { NumberParam, Params, ParamSpec, ParamValue } from '../types.ts';
import type { JscadParamDefinition } from './script-factory.ts';

/** What a wrapper may change about one mapped parameter. */
export interface ParamOverride {
  label?: string;
  help?: string;
  unit?: NumberParam['unit'];
  min?: number;
  max?: number;
  step?: number;
  default?: ParamValue;
  minLength?: number;
  maxLength?: number;
  /** Option labels by option value (as text). */
  optionLabels?: Record<string, string>;
}

export interface ParamMapping {
  params: ParamSpec[];
  findings: Finding[];
  /** Validated params → the object main() receives (numbers, booleans, original choice values, pinned values). */
  toScript: (params: Params) => Record<string, unknown>;
}

const NUMERIC = new Set(['int', 'float', 'number', 'slider']);
const YES = 'yes';
const NO = 'no';

/** 'mm' unless the name or caption speaks of an angle or a count. */
export const guessUnit = (name: string, caption: string): NumberParam['unit'] => {
  const words = `${name} ${caption}`.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (/\bmm\b|millimet/.test(words)) return 'mm';
  if (/angle|\bdeg|°|degree|tilt/.test(words)) return 'deg';
  if (/count|number of|how many|\bsides\b|segments|teeth|holes|slots|\bnum\b|\bn\b/.test(words)) return 'count';
  return 'mm';
};

/** "Outer diameter (mm):" → "Outer diameter". */
const labelOf = (caption: string, name: string): string => caption.replace(/\s*\((mm|deg|°)\)\s*/i, ' ').replace(/[\s:]+$/, '').trim() || name;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Maps definitions to a schema, with findings for what does not map.
 * @example mapParameters([{ name: 'width', type: 'float', min: 10, max: 50, step: 1, initial: 20 }]).params[0].unit // 'mm'
 */
export const mapParameters = (
  definitions: JscadParamDefinition[],
  overrides: Record<string, ParamOverride> = {},
  fixed: Record<string, unknown> = {},
): ParamMapping => {
  const params: ParamSpec[] = [];
  const findings: Finding[] = [];
  const values: ((p: Params) => [string, unknown] | undefined)[] = [];
  const names = new Set<string>();
  const problem = (param: string, message: string) => findings.push({ kind: 'jscad-param', param, message });

  definitions.forEach((def, index) => {
    const name = typeof def?.name === 'string' ? def.name : '';
    if (!name) return problem(`#${index + 1}`, `definition ${index + 1} has no name: give it name: '...'`);
    names.add(name);
    const type = String(def.type ?? 'text');
    const caption = typeof def.caption === 'string' ? def.caption : '';
    const o = overrides[name] ?? {};
    const base = { key: name, label: o.label ?? labelOf(caption, name), help: o.help ?? '' };
    if (Object.prototype.hasOwnProperty.call(fixed, name)) {
      if (type !== 'group') values.push(() => [name, fixed[name]]);
      return;
    }
    const initial = () => (type === 'group' ? undefined : ([name, type === 'checkbox' ? def.checked === true : def.initial] as [string, unknown]));

    if (NUMERIC.has(type)) {
      const min = o.min ?? def.min;
      const max = o.max ?? def.max;
      const step = o.step ?? def.step ?? (type === 'int' || type === 'slider' ? 1 : undefined);
      if (!isNumber(min) || !isNumber(max)) {
        values.push(initial);
        return problem(name, `${type} "${name}" needs both min and max (a customer may type any number otherwise): add min: and max: to its definition, or give them in the wrapper's overrides`);
      }
      if (!isNumber(step)) {
        values.push(initial);
        return problem(name, `${type} "${name}" has no step: add step: (e.g. 0.5) to its definition, or give it in the wrapper's overrides`);
      }
      const initialValue = o.default ?? def.initial ?? min;
      if (!isNumber(initialValue)) {
        values.push(initial);
        return problem(name, `${type} "${name}" has initial ${JSON.stringify(initialValue)}, not a number: give a number`);
      }
      params.push({ ...base, type: 'number', unit: o.unit ?? guessUnit(name, caption), min, max, step, default: initialValue });
      values.push((p) => [name, p[name]]);
      return;
    }
    if (type === 'choice' || type === 'radio') {
      const raw = Array.isArray(def.values) ? def.values : [];
      const captions = Array.isArray(def.captions) ? def.captions : [];
      const texts = raw.map(String);
      if (raw.length < 2 || !raw.every((v) => typeof v === 'string' || isNumber(v)) || new Set(texts).size !== texts.length) {
        values.push(initial);
        return problem(name, `${type} "${name}" needs at least two distinct values, each text or a number (it has ${JSON.stringify(def.values)}): change values: in its definition, or pin it with fixed in the wrapper`);
      }
      const initialText = String(o.default ?? def.initial ?? texts[0]);
      if (!texts.includes(initialText)) {
        values.push(initial);
        return problem(name, `${type} "${name}" has initial ${JSON.stringify(def.initial)}, which is not one of its values ${JSON.stringify(def.values)}`);
      }
      const options = texts.map((value, i) => ({ value, label: o.optionLabels?.[value] ?? (typeof captions[i] === 'string' ? captions[i] : value) }));
      params.push({ ...base, type: 'choice', unit: 'choice', options, default: initialText });
      values.push((p) => [name, raw[texts.indexOf(String(p[name]))]]);
      return;
    }
    if (type === 'checkbox') {
      const checked = o.default !== undefined ? o.default === YES : def.checked === true;
      params.push({ ...base, type: 'choice', unit: 'choice', options: [{ value: YES, label: o.optionLabels?.[YES] ?? 'Yes' }, { value: NO, label: o.optionLabels?.[NO] ?? 'No' }], default: checked ? YES : NO });
      values.push((p) => [name, p[name] === YES]);
      return;
    }
    if (type === 'text') {
      const initialText = String(o.default ?? def.initial ?? '');
      if (!isNumber(o.maxLength)) {
        values.push(initial);
        return problem(name, `text "${name}": say in the wrapper's overrides how many characters the design has room for (maxLength), and check the longest text builds`);
      }
      params.push({ ...base, type: 'text', unit: 'text', minLength: o.minLength ?? 0, maxLength: o.maxLength, default: initialText });
      values.push((p) => [name, p[name]]);
      return;
    }
    values.push(initial);
    const what = type === 'group' ? 'a heading in jscad.app\'s form; Atelier\'s form has none' : `a ${type} field, which no printed part can depend on in a way a customer could check`;
    const pin = type === 'group' ? `fixed: { ${name}: null }` : `fixed: { ${name}: <the value main() should get> }`;
    problem(name, `${type} "${name}" cannot be offered: it is ${what}. Pin it in the wrapper with ${pin}, or remove it from the script`);
  });

  for (const key of Object.keys(overrides)) if (!names.has(key)) problem(key, `the wrapper overrides "${key}", which the script does not define: fix the name`);
  for (const key of Object.keys(fixed)) if (!names.has(key)) problem(key, `the wrapper pins "${key}", which the script does not define: fix the name`);

  const toScript = (p: Params): Record<string, unknown> => Object.fromEntries(values.map((v) => v(p)).filter((entry): entry is [string, unknown] => entry !== undefined));
  return { params, findings, toScript };
};
