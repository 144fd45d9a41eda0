// `design check` on one design: everything the catalogue test enforces, gathered as findings
// instead of failed assertions, with build-time figures. N random valid configurations (fixed
// seed) through the verifier, every range end, rules and parameters probed one at a time.
import fc from 'fast-check';
import { readStl, writeStl } from '../../mesh/stl.ts';
import { read3mf, write3mf } from '../../mesh/threemf.ts';
import { verifyMesh } from '../../mesh/verify.ts';
import { isJscadDesign } from '../jscad/jscad-design.ts';
import { prepareEveryOption, type AnyDesign, type Params, type ParamSpec } from '../types.ts';
import { defaultParams, validateParams } from '../validate.ts';
import { inRangeParams, validParams } from './arbitraries.ts';
import { extremeParams } from './extremes.ts';
import type { Finding } from './findings.ts';
import { largestParams } from './largest-params.ts';
import { probeBuild } from './probe-build.ts';
import { schemaFindings } from './schema-check.ts';

export interface CheckOptions {
  /** Random valid configurations to build (default 200). */
  n?: number;
  seed?: number;
  /** Timed runs at the largest params (default 10; 0 skips). */
  largestRuns?: number;
  /** When set, a p95 at the largest params above this is a finding (never set in tests). */
  maxP95Ms?: number;
}

export interface Timing {
  runs: number;
  p50: number;
  p95: number;
}

export interface CheckReport {
  designId: string;
  findings: Finding[];
  sampled: number;
  sweep?: Timing;
  largest?: Timing & { params: Params; triangles: number };
}

export const DEFAULT_RUNS = 200;
export const DEFAULT_SEED = 42;

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] ?? Number.NaN;
};
const timing = (samples: number[]): Timing => ({ runs: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95) });

/** Findings of one kind about one parameter are merged into one line with a count. */
const merge = (findings: Finding[], total: number, what: string): Finding[] => {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(`${f.kind}:${f.param ?? ''}`, [...(groups.get(`${f.kind}:${f.param ?? ''}`) ?? []), f]);
  return [...groups.values()].map((group) =>
    group.length === 1 ? group[0] : { ...group[0], message: `in ${group.length} of ${total} ${what}; first: ${group[0].message}` },
  );
};

/** The values at a parameter's ends (and every option), which a valid configuration should reach. */
const endValues = (spec: ParamSpec): (number | string)[] =>
  spec.type === 'number' ? [spec.min, spec.max] : spec.type === 'choice' ? spec.options.map((o) => o.value) : [];

/** Every combination of the other parameters at min, default and max (every option for choices). */
const corners = (design: AnyDesign, except: string): Params[] => {
  let sets: Params[] = [defaultParams(design)];
  for (const spec of design.params) {
    if (spec.key === except || spec.type === 'text') continue;
    const values = [...new Set([spec.default, ...endValues(spec)])];
    sets = sets.flatMap((set) => values.map((value) => ({ ...set, [spec.key]: value })));
  }
  return sets;
};

const ruleFindings = (design: AnyDesign, raw: Params[]): Finding[] => {
  const findings: Finding[] = [];
  design.rules.forEach((rule, index) => {
    if (raw.length && raw.every((p) => rule.check(p) !== null))
      findings.push({ kind: 'rule-refuses-everything', param: rule.fields[0], message: `rule ${index + 1} (on ${rule.fields.join(', ')}) refused all ${raw.length} in-range configurations, e.g. "${rule.check(raw[0])}"` });
  });
  for (const spec of design.params) {
    for (const value of endValues(spec)) {
      const own = validateParams(design, { ...raw[0], [spec.key]: value });
      if (!own.ok && own.errors.some((e) => e.code !== 'rule')) continue; // a schema finding already covers it
      const tries = [...corners(design, spec.key), ...raw];
      if (!tries.some((p) => validateParams(design, { ...p, [spec.key]: value }).ok))
        findings.push({ kind: 'unreachable-value', param: spec.key, message: `${spec.key} = ${value} is refused by the rules in all ${tries.length} configurations tried` });
    }
  }
  return findings;
};

const geometryKey = async (design: AnyDesign, params: Params): Promise<string | undefined> => {
  const { built } = await probeBuild(design, params);
  if (!built) return undefined;
  // The parts count too: a colour choice may leave the whole alone and split it into bodies.
  const parts = built.parts.length > 1 ? built.parts.map((p) => `${p.role}:${p.colourSlot}:${Buffer.from(writeStl(p.mesh)).toString('base64')}`) : [];
  return [Buffer.from(writeStl(built.mesh)).toString('base64'), ...parts].join('|');
};

/** Parameters whose every valid alternative at the defaults builds the same bytes as the defaults. */
const inertFindings = async (design: AnyDesign): Promise<Finding[]> => {
  const base = defaultParams(design);
  const baseKey = await geometryKey(design, base);
  if (!baseKey) return [];
  const findings: Finding[] = [];
  for (const spec of design.params) {
    const alternatives = spec.type === 'text' ? ['IW', 'W'.repeat(spec.maxLength)] : endValues(spec);
    let tried = 0;
    let changed = false;
    for (const value of alternatives) {
      if (value === spec.default) continue;
      const result = validateParams(design, { ...base, [spec.key]: value });
      if (!result.ok) continue;
      tried++;
      if ((await geometryKey(design, result.params)) !== baseKey) {
        changed = true;
        break;
      }
    }
    if (tried > 0 && !changed)
      findings.push({ kind: 'parameter-changes-nothing', param: spec.key, message: `${spec.key} at ${alternatives.filter((v) => v !== spec.default).join(' / ')} builds the same mesh as at its default ${spec.default}` });
  }
  return findings;
};

const fileFindings = async (design: AnyDesign): Promise<Finding[]> => {
  const params = defaultParams(design);
  const first = await probeBuild(design, params);
  const second = await probeBuild(design, { ...params });
  if (!first.built || !second.built) return [];
  const findings: Finding[] = [];
  const stl = writeStl(first.built.mesh);
  if (Buffer.compare(Buffer.from(stl), Buffer.from(writeStl(second.built.mesh))) !== 0)
    findings.push({ kind: 'not-deterministic', message: 'two builds of the defaults gave different STL bytes' });
  const stlBack = verifyMesh(readStl(stl).mesh);
  const mfBack = verifyMesh(read3mf(write3mf(first.built.mesh)).mesh);
  if (!stlBack.ok || !mfBack.ok) findings.push({ kind: 'file-roundtrip', message: [...stlBack.defects, ...mfBack.defects].join('; ') });
  return findings;
};

/** The benchmark's largest params, or undefined when the schema's own maxima are invalid (a schema finding says why). */
const tryLargest = (design: AnyDesign): Params | undefined => {
  try {
    return largestParams(design).params;
  } catch {
    return undefined;
  }
};

/**
 * Runs every check on one design and returns its findings (empty when it is fit for the catalogue).
 * @example const report = await checkDesign(planter, { n: 50 }); if (report.findings.length) ...
 */
export const checkDesign = async (design: AnyDesign, options: CheckOptions = {}): Promise<CheckReport> => {
  await prepareEveryOption(design);
  const n = options.n ?? DEFAULT_RUNS;
  const seed = options.seed ?? DEFAULT_SEED;
  const findings: Finding[] = schemaFindings(design);
  const report: CheckReport = { designId: design.id, findings, sampled: 0 };
  const defaultsValid = !findings.some((f) => f.kind === 'defaults-invalid');
  // A JSCAD script checked without its wrapper promises no size; its jscad-wrapper finding says so.
  const promisesSize = !(isJscadDesign(design) && design.jscad.unwrapped);
  const probe = async (params: Params) => {
    const probed = await probeBuild(design, params);
    return promisesSize ? probed : { ...probed, findings: probed.findings.filter((f) => f.kind !== 'size-promise') };
  };

  const raw = fc.sample(inRangeParams(design), { numRuns: n, seed });
  findings.push(...ruleFindings(design, raw));
  if (!raw.some((p) => validateParams(design, p).ok)) {
    findings.push({ kind: 'no-valid-configuration', message: `none of ${n} in-range configurations passes the rules` });
    return report;
  }

  const valid = fc.sample(validParams(design), { numRuns: n, seed });
  report.sampled = valid.length;
  const times: number[] = [];
  const sweep: Finding[] = [];
  for (const params of valid) {
    const probed = await probe(params);
    times.push(probed.ms);
    sweep.push(...probed.findings);
  }
  findings.push(...merge(sweep, valid.length, 'random configurations'));
  report.sweep = timing(times);

  const ends: Finding[] = [];
  for (const set of extremeParams(design)) {
    const result = validateParams(design, set.input);
    if (!result.ok) {
      const own = result.errors.filter((e) => e.code !== 'rule');
      if (own.length) ends.push({ kind: 'extreme-refused', param: own[0].field, message: `"${set.name}": ${own.map((e) => e.message).join('; ')}` });
      continue;
    }
    ends.push(...(await probe(result.params)).findings.map((f) => ({ ...f, message: `"${set.name}": ${f.message}` })));
  }
  findings.push(...merge(ends, extremeParams(design).length, 'range ends'));
  if (defaultsValid) {
    findings.push(...(await inertFindings(design)));
    findings.push(...(await fileFindings(design)));
  }

  const runs = options.largestRuns ?? 10;
  const largest = runs > 0 ? tryLargest(design) : undefined;
  if (largest) {
    const params = largest;
    const samples: number[] = [];
    let triangles = 0;
    await probeBuild(design, params); // warm-up
    for (let i = 0; i < runs; i++) {
      const probe = await probeBuild(design, params);
      samples.push(probe.ms);
      triangles = probe.built?.measurements.triangleCount ?? 0;
    }
    report.largest = { ...timing(samples), params, triangles };
    if (options.maxP95Ms !== undefined && report.largest.p95 > options.maxP95Ms)
      findings.push({ kind: 'too-slow', message: `p95 ${report.largest.p95.toFixed(1)} ms at the largest params ${JSON.stringify(params)} exceeds ${options.maxP95Ms} ms` });
  }
  return report;
};
