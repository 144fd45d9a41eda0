// The schema rules every catalogue design keeps: at most six parameters, units everywhere,
// number ranges that are a whole number of steps, defaults the validator accepts; for a JSCAD
// script, every parameter definition that could not be mapped.
import { isJscadDesign } from '../jscad/jscad-design.ts';
import type { AnyDesign } from '../types.ts';
import { defaultParams, validateParams } from '../validate.ts';
import type { Finding } from './findings.ts';

export const MAX_PARAMS = 6;

export const schemaFindings = (design: AnyDesign): Finding[] => {
  // A JSCAD script's parameters that did not map come first: they explain gaps in the schema.
  const findings: Finding[] = isJscadDesign(design) ? [...design.jscad.findings] : [];
  if (design.params.length === 0) findings.push({ kind: 'schema', message: 'the design has no parameters' });
  if (design.params.length > MAX_PARAMS) findings.push({ kind: 'schema', message: `${design.params.length} parameters, at most ${MAX_PARAMS} allowed` });
  for (const spec of design.params) {
    if (!spec.unit) findings.push({ kind: 'schema', param: (spec as { key: string }).key, message: `${(spec as { key: string }).key} has no unit` });
    if (spec.type === 'number') {
      if (!(spec.min < spec.max)) findings.push({ kind: 'schema', param: spec.key, message: `${spec.key}: min ${spec.min} is not below max ${spec.max}` });
      const steps = (spec.max - spec.min) / spec.step;
      if (!(spec.step > 0) || Math.abs(steps - Math.round(steps)) > 1e-6)
        findings.push({ kind: 'schema', param: spec.key, message: `${spec.key}: ${spec.max} − ${spec.min} is not a whole number of ${spec.step} steps` });
    }
  }
  const defaults = validateParams(design, {});
  if (!defaults.ok) findings.push({ kind: 'defaults-invalid', message: defaults.errors.map((e) => `${e.field}: ${e.message}`).join('; ') });
  else if (JSON.stringify(defaults.params) !== JSON.stringify(defaultParams(design)))
    findings.push({ kind: 'defaults-invalid', message: 'a default is not on its step grid (the validator snaps it)' });
  return findings;
};
