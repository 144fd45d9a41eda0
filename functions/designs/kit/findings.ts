// What `design check` can find wrong with a design, and for each kind the fastest route to fix it.
export type FindingKind =
  | 'schema'
  | 'jscad-param'
  | 'jscad-wrapper'
  | 'defaults-invalid'
  | 'no-valid-configuration'
  | 'build-failed'
  | 'mesh-defect'
  | 'size-promise'
  | 'over-budget'
  | 'extreme-refused'
  | 'rule-refuses-everything'
  | 'unreachable-value'
  | 'parameter-changes-nothing'
  | 'not-deterministic'
  | 'file-roundtrip'
  | 'too-slow';

export interface Finding {
  kind: FindingKind;
  /** What was seen, with the params that show it when there are any. */
  message: string;
  /** The parameter it is about, when it is about one. */
  param?: string;
}

/** The fastest route to fix each kind of finding, as printed under it. */
export const FIX: Record<FindingKind, string> = {
  schema: 'Keep to at most 6 parameters, each with a unit; for numbers min < max and (max − min) a whole number of steps.',
  'jscad-param': 'A JSCAD parameter Atelier cannot offer as it is: change its definition in the script as the message says, or map it in the wrapper (jscadDesign overrides, or fixed to pin it to one value the customer never sees).',
  'jscad-wrapper': 'Run `npm run design -- jscad-sync`, then write functions/designs/ID.ts: export const x = jscadDesign({ id, version, name, description, script: idScript, overrides, rules, budget, size }) (functions/designs/spacer.ts is an example) and check that file.',
  'defaults-invalid': 'Change the defaults until validateParams(design, {}) accepts them (a default outside its range or breaking a rule).',
  'no-valid-configuration': 'A rule refuses every sampled configuration: run the rules by hand on the defaults and loosen the one that fails.',
  'build-failed': 'Reproduce with `npm run mesh -- ID key=value ...` using the params shown; usually a cutter that misses the body, a zero-size shape or a NaN from a division.',
  'mesh-defect': 'Make overlapping parts overlap by ≥ 0.1 mm instead of touching, keep cutters 1 mm past the faces they open, and avoid faces that exactly coincide.',
  'size-promise': 'Make size() compute the bounding box the same way build() places geometry; a polygonised circle touches its radius only at vertices, so put a vertex on each axis (segments a multiple of 4).',
  'over-budget': 'Raise budget.maxTriangles to the measured figure plus ~10 %, or lower segment counts / the range that drives the count.',
  'extreme-refused': 'A range end fails its own schema: fix min/max/step so both ends are valid values.',
  'rule-refuses-everything': 'The rule refuses every configuration sampled: check its comparison direction and units, or remove it.',
  'unreachable-value': 'No valid configuration uses this value because the rules always refuse it: narrow the range to what the rules allow, or relax the rule.',
  'parameter-changes-nothing': 'build() ignores this parameter at the defaults: use it in build(), or remove it from params.',
  'not-deterministic': 'build() must be pure: no Math.random, Date or module state; the same params must give the same bytes.',
  'file-roundtrip': 'STL or 3MF did not read back to a verified mesh: report it, this is a kernel bug rather than a design one.',
  'too-slow': 'Lower segment counts, merge leaves into one geom3 (one union instead of many), cut with one difference of many cutters.',
};
