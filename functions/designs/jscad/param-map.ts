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

type Base = Pick<ParamSpec, 'key' | 'label' | 'help'>;
/** One definition mapped (a spec and how its value goes back to main()), or why not. */
type Mapped = { spec: ParamSpec; toValue: (value: ParamValue) => unknown } | { problem: string };
type Mapper = (def: JscadParamDefinition, base: Base, o: ParamOverride) => Mapped;

const mapNumber: Mapper = (def, base, o) => {
  const { key: name } = base;
  const type = String(def.type);
  const min = o.min ?? def.min;
  const max = o.max ?? def.max;
  const step = o.step ?? def.step ?? (type === 'int' || type === 'slider' ? 1 : undefined);
  if (!isNumber(min) || !isNumber(max))
    return { problem: `${type} "${name}" needs both min and max (a customer may type any number otherwise): add min: and max: to its definition, or give them in the wrapper's overrides` };
  if (!isNumber(step)) return { problem: `${type} "${name}" has no step: add step: (e.g. 0.5) to its definition, or give it in the wrapper's overrides` };
  const initial = o.default ?? def.initial ?? min;
  if (!isNumber(initial)) return { problem: `${type} "${name}" has initial ${JSON.stringify(initial)}, not a number: give a number` };
  const caption = typeof def.caption === 'string' ? def.caption : '';
  return { spec: { ...base, type: 'number', unit: o.unit ?? guessUnit(name, caption), min, max, step, default: initial }, toValue: (v) => v };
};

const mapChoice: Mapper = (def, base, o) => {
  const { key: name } = base;
  const type = String(def.type);
  const raw = Array.isArray(def.values) ? (def.values as unknown[]) : [];
  const captions = Array.isArray(def.captions) ? (def.captions as unknown[]) : [];
  const texts = raw.map(String);
  if (raw.length < 2 || !raw.every((v) => typeof v === 'string' || isNumber(v)) || new Set(texts).size !== texts.length)
    return { problem: `${type} "${name}" needs at least two distinct values, each text or a number (it has ${JSON.stringify(def.values)}): change values: in its definition, or pin it with fixed in the wrapper` };
  const initial = String(o.default ?? def.initial ?? texts[0]);
  if (!texts.includes(initial)) return { problem: `${type} "${name}" has initial ${JSON.stringify(def.initial)}, which is not one of its values ${JSON.stringify(def.values)}` };
  const options = texts.map((value, i) => ({ value, label: o.optionLabels?.[value] ?? (typeof captions[i] === 'string' ? captions[i] : value) }));
  // main() gets the value as the script wrote it: the number 4, not the text "4".
  return { spec: { ...base, type: 'choice', unit: 'choice', options, default: initial }, toValue: (v) => raw[texts.indexOf(String(v))] };
};

const mapCheckbox: Mapper = (def, base, o) => {
  const checked = o.default !== undefined ? o.default === YES : def.checked === true;
  const options = [{ value: YES, label: o.optionLabels?.[YES] ?? 'Yes' }, { value: NO, label: o.optionLabels?.[NO] ?? 'No' }];
  return { spec: { ...base, type: 'choice', unit: 'choice', options, default: checked ? YES : NO }, toValue: (v) => v === YES };
};

const mapText: Mapper = (def, base, o) => {
  if (!isNumber(o.maxLength))
    return { problem: `text "${base.key}": say in the wrapper's overrides how many characters the design has room for (maxLength), and check the longest text builds` };
  const spec: ParamSpec = { ...base, type: 'text', unit: 'text', minLength: o.minLength ?? 0, maxLength: o.maxLength, default: String(o.default ?? def.initial ?? '') };
  return { spec, toValue: (v) => v };
};

const unmappable: Mapper = (def, base) => {
  const type = String(def.type);
  const what = type === 'group' ? "a heading in jscad.app's form; Atelier's form has none" : `a ${type} field, which no printed part can depend on in a way a customer could check`;
  const pin = type === 'group' ? `fixed: { ${base.key}: null }` : `fixed: { ${base.key}: <the value main() should get> }`;
  return { problem: `${type} "${base.key}" cannot be offered: it is ${what}. Pin it in the wrapper with ${pin}, or remove it from the script` };
};

const MAPPERS: Record<string, Mapper> = { int: mapNumber, float: mapNumber, number: mapNumber, slider: mapNumber, choice: mapChoice, radio: mapChoice, checkbox: mapCheckbox, text: mapText };

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
  const values: ((p: Params) => [string, unknown])[] = [];
  const names = new Set<string>();
  const problem = (param: string, message: string) => findings.push({ kind: 'jscad-param', param, message });

  definitions.forEach((def, index) => {
    const name = typeof def?.name === 'string' ? def.name : '';
    if (!name) return problem(`#${index + 1}`, `definition ${index + 1} has no name: give it name: '...'`);
    names.add(name);
    const type = String(def.type ?? 'text');
    if (Object.prototype.hasOwnProperty.call(fixed, name)) {
      if (type !== 'group') values.push(() => [name, fixed[name]]);
      return;
    }
    const o = overrides[name] ?? {};
    const caption = typeof def.caption === 'string' ? def.caption : '';
    const mapped = (MAPPERS[type] ?? unmappable)({ ...def, type }, { key: name, label: o.label ?? labelOf(caption, name), help: o.help ?? '' }, o);
    if ('spec' in mapped) {
      params.push(mapped.spec);
      values.push((p) => [name, mapped.toValue(p[name])]);
      return;
    }
    problem(name, mapped.problem);
    // main() still needs a value: the one jscad.app would start with.
    if (type !== 'group') values.push(() => [name, type === 'checkbox' ? def.checked === true : def.initial]);
  });

  for (const key of Object.keys(overrides)) if (!names.has(key)) problem(key, `the wrapper overrides "${key}", which the script does not define: fix the name`);
  for (const key of Object.keys(fixed)) if (!names.has(key)) problem(key, `the wrapper pins "${key}", which the script does not define: fix the name`);

  const toScript = (p: Params): Record<string, unknown> => Object.fromEntries(values.map((value) => value(p)));
  return { params, findings, toScript };
};
