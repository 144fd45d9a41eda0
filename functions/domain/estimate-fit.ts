// Fits the print estimate's coefficients to what a slicer said about a set of parts (pure: the
// calibration command gathers the samples). Filament volume is linear in the layer figures; time
// is linear per layer but floored by the profile's cooling time, so it is fitted by alternating:
// classify each layer (fast enough, slowed fully, held at the floor), solve a non-negative least
// squares on relative errors, re-classify, and keep the best; the slow-down limit by a small grid.
import type { Material } from './materials.ts';
import { nnls } from './nnls.ts';
import {
  estimatePrint,
  flooredSeconds,
  rawLayerSeconds,
  type LayerTimeCoefficients,
  type MaterialFit,
  type PartMeasurements,
  type PrintEstimateFit,
  type PrintFeatures,
  variantKey,
} from './print-estimate.ts';

/** One part sliced with one profile. */
export interface FitSample extends PartMeasurements {
  designId: string;
  print: PrintFeatures;
  sliced: { seconds: number; grams: number };
}

/** What the fit takes from the profile. */
export interface ProfileFacts {
  profile: string;
  /** filament_density, g/cm³. */
  density: number;
  /** slowdown_below_layer_time when cooling is on, else 0. */
  floorS: number;
}

/** The q-quantile (0–1) of some numbers, linear between neighbours. */
export const quantile = (values: readonly number[], q: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (at - lo);
};

/** Median and p90 of |estimate / truth − 1|. */
export const errorSummary = (estimates: readonly number[], truths: readonly number[]) => {
  const errors = estimates.map((e, i) => Math.abs(e / truths[i] - 1));
  return { median: quantile(errors, 0.5), p90: quantile(errors, 0.9) };
};

const layerSums = (print: PrintFeatures) => {
  const s = { band: 0, solid: 0, sparse: 0 };
  for (const g of print.groups) {
    s.band += g.count * g.bandMm2 * print.layerMm;
    s.solid += g.count * g.solidMm2 * print.layerMm;
    s.sparse += g.count * g.sparseMm2 * print.layerMm;
  }
  return s;
};

const firstLayerArea = (print: PrintFeatures): number => {
  const g = print.groups[0];
  return g.bandMm2 + g.solidMm2 + g.sparseMm2;
};

/** Extruded volume (mm³) = band + solid + sparse volumes and skirt length, each with a factor ≥ 0. */
export const fitVolume = (samples: readonly FitSample[], density: number): MaterialFit['volume'] => {
  const rows: number[][] = [];
  const targets: number[] = [];
  for (const s of samples) {
    const mm3 = (s.sliced.grams / density) * 1000;
    if (!(mm3 > 0)) continue;
    const { band, solid, sparse } = layerSums(s.print);
    const row = [band, solid, sparse, 2 * (s.size[0] + s.size[1]), 1];
    rows.push(row.map((v) => v / mm3));
    targets.push(1);
  }
  const [b, so, sp, skirt, constant] = nnls(rows, targets);
  return { band: b, solid: so, sparse: sp, skirt, constant };
};

type TimeFit = MaterialFit['time'];
const LAYER_KEYS = ['outline', 'band', 'solid', 'sparse', 'layer'] as const;

/** One row of the linear problem for a sample, given how each of its layers is classified. */
const timeRow = (s: FitSample, current: LayerTimeCoefficients | undefined, floorS: number, maxSlowdown: number) => {
  const row = [0, 0, 0, 0, 0, firstLayerArea(s.print), 1];
  let fixed = 0;
  for (const g of s.print.groups) {
    const raw = current ? rawLayerSeconds(g, current) : Infinity;
    let weight = 1;
    if (floorS > 0 && raw < floorS) {
      if (raw * maxSlowdown <= floorS) weight = maxSlowdown;
      else {
        fixed += g.count * floorS;
        continue;
      }
    }
    const x = [g.outlineMm, g.bandMm2, g.solidMm2, g.sparseMm2, 1];
    for (let k = 0; k < 5; k++) row[k] += g.count * weight * x[k];
  }
  return { row, fixed };
};

const timeOf = (s: FitSample, t: TimeFit): number => {
  let seconds = t.constant + t.firstLayer * firstLayerArea(s.print);
  for (const g of s.print.groups) seconds += g.count * flooredSeconds(rawLayerSeconds(g, t), t.floorS, t.maxSlowdown);
  return seconds;
};

const relativeLoss = (samples: readonly FitSample[], t: TimeFit): number =>
  samples.reduce((sum, s) => sum + (timeOf(s, t) / s.sliced.seconds - 1) ** 2, 0);

const solveTime = (samples: readonly FitSample[], current: LayerTimeCoefficients | undefined, floorS: number, maxSlowdown: number): TimeFit => {
  const rows: number[][] = [];
  const targets: number[] = [];
  for (const s of samples) {
    const { row, fixed } = timeRow(s, current, floorS, maxSlowdown);
    rows.push(row.map((v) => v / s.sliced.seconds));
    targets.push(1 - fixed / s.sliced.seconds);
  }
  const x = nnls(rows, targets);
  return { outline: x[0], band: x[1], solid: x[2], sparse: x[3], layer: x[4], firstLayer: x[5], constant: x[6], floorS, maxSlowdown };
};

/** Seconds = Σ layers floored(per-layer linear) + first layer + constant, on relative errors. */
export const fitTime = (samples: readonly FitSample[], floorS: number, slowdowns: readonly number[] = [1, 1.5, 2, 2.5, 3, 4, 5, 6]): TimeFit => {
  let best: { fit: TimeFit; loss: number } | undefined;
  for (const maxSlowdown of floorS > 0 ? slowdowns : [1]) {
    let fit = solveTime(samples, undefined, floorS, maxSlowdown);
    for (let round = 0; round < 25; round++) {
      const loss = relativeLoss(samples, fit);
      if (!best || loss < best.loss) best = { fit, loss };
      const next = solveTime(samples, fit, floorS, maxSlowdown);
      if (LAYER_KEYS.every((k) => Math.abs(next[k] - fit[k]) <= 1e-9 * Math.max(1, Math.abs(fit[k])))) break;
      fit = next;
    }
  }
  return best!.fit;
};

/** A choice's split must leave at most this share of the design's error to be kept. */
const SPLIT_GAIN = 0.75;

const median = (values: number[]) => Math.round(quantile(values, 0.5) * 1e4) / 1e4;
const logError = (ratios: { grams: number; time: number }[], factor: (i: number) => { grams: number; time: number }) =>
  ratios.reduce((sum, r, i) => sum + Math.log(r.grams / factor(i).grams) ** 2 + Math.log(r.time / factor(i).time) ** 2, 0);

/**
 * Per design with at least `minSamples` samples: median slicer / model for grams and time. Then,
 * per design, the one text-valued parameter (a choice) whose values split it best, if any: a
 * factor per value with `minPerValue` samples or more, kept only when every value has one and it
 * cuts the design's squared log error by a quarter or more (a split always helps a little in-sample).
 */
export const designFactors = (samples: readonly FitSample[], material: Material, model: MaterialFit, minSamples = 5, minPerValue = 4): MaterialFit['designFactors'] => {
  const fit = { materials: { [material]: { ...model, designFactors: {} } } } as unknown as PrintEstimateFit;
  const factors: MaterialFit['designFactors'] = {};
  for (const designId of [...new Set(samples.map((s) => s.designId))].sort()) {
    const mine = samples.filter((s) => s.designId === designId);
    if (mine.length < minSamples) continue;
    const ratios = mine.map((s) => {
      const e = estimatePrint({ ...s, designId: undefined }, material, fit);
      return { grams: s.sliced.grams / e.grams, time: s.sliced.seconds / e.seconds };
    });
    const base = { grams: median(ratios.map((r) => r.grams)), time: median(ratios.map((r) => r.time)) };
    factors[designId] = base;
    let best: { error: number; entries: [string, { grams: number; time: number }][] } = { error: logError(ratios, () => base), entries: [] };
    const keys = [...new Set(mine.flatMap((s) => Object.keys(s.params ?? {})))].sort();
    for (const param of keys) {
      const values = mine.map((s) => s.params?.[param]);
      const distinct = [...new Set(values)];
      if (!values.every((v) => typeof v === 'string') || distinct.length < 2 || distinct.length > 4) continue;
      const byValue = new Map(
        distinct.map((v) => {
          const picked = ratios.filter((_, i) => values[i] === v);
          return [v as string, { n: picked.length, f: { grams: median(picked.map((r) => r.grams)), time: median(picked.map((r) => r.time)) } }];
        }),
      );
      if ([...byValue.values()].some((x) => x.n < minPerValue)) continue;
      const error = logError(ratios, (i) => byValue.get(values[i] as string)!.f);
      if (error < best.error * SPLIT_GAIN) best = { error, entries: [...byValue].map(([v, x]) => [variantKey(designId, param, v), x.f]) };
    }
    for (const [key, f] of best.entries) factors[key] = f;
  }
  return factors;
};

/** One material's model from its samples: the shared coefficients, then each design's factors. */
export const fitMaterial = (samples: readonly FitSample[], material: Material, facts: ProfileFacts): MaterialFit => {
  const model: MaterialFit = {
    profile: facts.profile,
    density: facts.density,
    volume: fitVolume(samples, facts.density),
    time: fitTime(samples, facts.floorS),
    designFactors: {},
  };
  return { ...model, designFactors: designFactors(samples, material, model) };
};

/** Median and p90 relative |error| of a fit on some samples of one material. */
export const residuals = (samples: readonly FitSample[], material: Material, fit: PrintEstimateFit) => {
  const estimates = samples.map((s) => estimatePrint(s, material, fit));
  return {
    grams: errorSummary(
      estimates.map((e) => e.grams),
      samples.map((s) => s.sliced.grams),
    ),
    time: errorSummary(
      estimates.map((e) => e.seconds),
      samples.map((s) => s.sliced.seconds),
    ),
  };
};
