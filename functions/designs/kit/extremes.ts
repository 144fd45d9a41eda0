// Parameter sets at the edges of a design's schema: each range end alone, and all ends at once.
import type { AnyDesign, ParamSpec, Params } from '../types.ts';
import { defaultParams } from '../validate.ts';

/** The widest glyph run of a text parameter, the costliest text the schema allows. */
const extremeValue = (spec: ParamSpec, end: 'low' | 'high'): number | string => {
  switch (spec.type) {
    case 'number':
      return end === 'low' ? spec.min : spec.max;
    case 'text':
      return end === 'low' ? 'I'.repeat(spec.minLength) : 'W'.repeat(spec.maxLength);
    case 'choice':
      return spec.options[end === 'low' ? 0 : spec.options.length - 1].value;
  }
};

export interface NamedParams {
  name: string;
  input: Params;
}

export const extremeParams = (design: AnyDesign): NamedParams[] => {
  const base = defaultParams(design);
  const sets: NamedParams[] = [];
  for (const spec of design.params) {
    for (const end of ['low', 'high'] as const) {
      sets.push({ name: `${spec.key} ${end}`, input: { ...base, [spec.key]: extremeValue(spec, end) } });
    }
  }
  for (const end of ['low', 'high'] as const) {
    sets.push({ name: `all ${end}`, input: Object.fromEntries(design.params.map((s) => [s.key, extremeValue(s, end)])) });
  }
  return sets;
};
