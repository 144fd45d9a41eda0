// How much filament and machine time a part takes, per piece, without a slicer: the part's
// layers (cut from the mesh once) priced with coefficients fitted to PrusaSlicer on a reference
// set (print-estimate-fit.json, written by `npm run calibrate`). A layer that would print faster
// than the profile's cooling time is slowed down to it, as the slicer does.
import { ValidationError } from './errors.ts';
import type { Material } from './materials.ts';
import FIT from './print-estimate-fit.json' with { type: 'json' };

/** A run of `count` consecutive layers that print alike. Per layer: mm and mm². */
export interface LayerGroup {
  count: number;
  /** Outline length of the cross-section (every contour, holes included). */
  outlineMm: number;
  /** Area within the perimeter band along the outline. */
  bandMm2: number;
  /** Area inside the band under a top or over a bottom surface (solid infill). */
  solidMm2: number;
  /** The rest of the inside (sparse infill). */
  sparseMm2: number;
}

/** The part cut into the reference layers (functions/mesh/print-features.ts). */
export interface PrintFeatures {
  layerMm: number;
  groups: LayerGroup[];
}

/** What the mesh module measures; `Measurements` from functions/mesh plus `print` fits this shape. */
export interface PartMeasurements {
  /** Enclosed volume, mm³. */
  volume: number;
  /** Surface area, mm². */
  surfaceArea: number;
  /** Bounding-box size [x, y, z], mm. */
  size: readonly [number, number, number];
  /** The layers; when absent the part is taken as a prism of its height (volume / height per layer). */
  print?: PrintFeatures;
  /** The catalogue design it was built from, for the design's correction factors (if any). */
  designId?: string;
  /** Its parameters: a choice (e.g. style=engraved) may have a factor of its own. */
  params?: Readonly<Record<string, unknown>>;
}

/** Seconds per layer from its figures: a · outline + b · band + c · solid + d · sparse + e. */
export interface LayerTimeCoefficients {
  outline: number;
  band: number;
  solid: number;
  sparse: number;
  layer: number;
}

/** One material's fitted model (all coefficients ≥ 0). */
export interface MaterialFit {
  profile: string;
  /** Filament density from the profile, g/cm³. */
  density: number;
  /** Extruded mm³ per mm³ of band, solid and sparse area × layer height; per mm of skirt; constant. */
  volume: { band: number; solid: number; sparse: number; skirt: number; constant: number };
  time: LayerTimeCoefficients & {
    /** Extra seconds per mm² of the first layer (printed slower). */
    firstLayer: number;
    constant: number;
    /** The profile's slowdown_below_layer_time (0 when cooling is off), s. */
    floorS: number;
    /** How many times slower a layer may be made to reach floorS (min print speed), ≥ 1. */
    maxSlowdown: number;
  };
  /**
   * Median of slicer / model on the calibration set, for grams and time, per design ("planter"),
   * and per value of the one choice that splits a design best ("name-tag:style=engraved"): shapes
   * that print systematically faster or slower than their layer figures say.
   */
  designFactors: Record<string, { grams: number; time: number }>;
}

/** The committed fit: where it came from and how well it matched. */
export interface PrintEstimateFit {
  slicer: string;
  layerMm: number;
  seed: number;
  /** Sliced parts the fit was made on (configurations × materials). */
  samples: number;
  fittedAt: string;
  /** The reference profiles sliced with (functions/agent/slicing/profiles). */
  profiles: string[];
  materials: Record<Material, MaterialFit>;
  /** Relative |error| on the calibration set, per material: median and p90, grams and time. */
  residuals: Record<string, { grams: { median: number; p90: number }; time: { median: number; p90: number } }>;
}

export const PRINT_ESTIMATE_FIT = FIT as PrintEstimateFit;

/** Unrounded estimate for ONE piece. */
export interface PrintEstimate {
  /** Filament extruded, mm³. */
  extrudedMm3: number;
  grams: number;
  layers: number;
  seconds: number;
}

/** Seconds one layer takes before the cooling floor. */
export const rawLayerSeconds = (g: LayerGroup, c: LayerTimeCoefficients): number =>
  c.outline * g.outlineMm + c.band * g.bandMm2 + c.solid * g.solidMm2 + c.sparse * g.sparseMm2 + c.layer;

/** The cooling floor: a fast layer is slowed to floorS, but by no more than maxSlowdown. */
export const flooredSeconds = (raw: number, floorS: number, maxSlowdown: number): number => Math.max(raw, Math.min(floorS, raw * maxSlowdown));

/** A prism of the part's height with its mean cross-section: the layers when none were measured. */
export const prismFeatures = (part: PartMeasurements, layerMm: number): PrintFeatures => {
  const height = part.size[2];
  const count = Math.max(1, Math.ceil(Math.round((height / layerMm) * 1e6) / 1e6));
  const area = part.volume / height;
  const outline = Math.max(0, (part.surfaceArea - 2 * area) / height);
  const band = Math.min(area, outline * 0.85);
  const solid = Math.min(area - band, (area * 10) / count);
  const layer = { outlineMm: outline, bandMm2: band, solidMm2: solid, sparseMm2: area - band - solid };
  return { layerMm, groups: [{ count: 1, ...layer }, ...(count > 1 ? [{ count: count - 1, ...layer }] : [])] };
};

/**
 * Grams and seconds for one piece in a material with the fitted model. Throws ValidationError
 * on a non-positive or non-finite measurement.
 * @example estimatePrint(measurements, 'PLA').seconds // what PrusaSlicer would say, ±5 % typically
 */
export function estimatePrint(part: PartMeasurements, material: Material, fit: PrintEstimateFit = PRINT_ESTIMATE_FIT): PrintEstimate {
  checkPart(part);
  const m = fit.materials[material];
  const features = part.print ?? prismFeatures(part, fit.layerMm);
  const h = features.layerMm;
  let band = 0, solid = 0, sparse = 0, seconds = m.time.constant, layers = 0;
  for (const g of features.groups) {
    layers += g.count;
    band += g.count * g.bandMm2 * h;
    solid += g.count * g.solidMm2 * h;
    sparse += g.count * g.sparseMm2 * h;
    seconds += g.count * flooredSeconds(rawLayerSeconds(g, m.time), m.time.floorS, m.time.maxSlowdown);
  }
  const first = features.groups[0];
  seconds += m.time.firstLayer * (first.bandMm2 + first.solidMm2 + first.sparseMm2);
  const skirt = 2 * (part.size[0] + part.size[1]);
  const v = m.volume;
  const factors = designFactorsFor(m, part);
  const extrudedMm3 = (v.band * band + v.solid * solid + v.sparse * sparse + v.skirt * skirt + v.constant) * factors.grams;
  return { extrudedMm3, grams: (extrudedMm3 / 1000) * m.density, layers, seconds: seconds * factors.time };
}

/** The key of a design's factor for one choice value. */
export const variantKey = (designId: string, param: string, value: string): string => `${designId}:${param}=${value}`;

/** The factors of the part's design: its choice value's if the fit has one, else the design's, else 1. */
export function designFactorsFor(m: MaterialFit, part: Pick<PartMeasurements, 'designId' | 'params'>): { grams: number; time: number } {
  if (part.designId === undefined) return { grams: 1, time: 1 };
  for (const [param, value] of Object.entries(part.params ?? {})) {
    const key = typeof value === 'string' ? variantKey(part.designId, param, value) : undefined;
    if (key !== undefined && Object.hasOwn(m.designFactors, key)) return m.designFactors[key];
  }
  return Object.hasOwn(m.designFactors, part.designId) ? m.designFactors[part.designId] : { grams: 1, time: 1 };
}

function checkPart(part: PartMeasurements): void {
  const errors = [];
  if (!(Number.isFinite(part.volume) && part.volume > 0)) {
    errors.push({ field: 'volume', message: 'volume must be a positive number of mm³' });
  }
  if (!(Number.isFinite(part.surfaceArea) && part.surfaceArea > 0)) {
    errors.push({ field: 'surfaceArea', message: 'surfaceArea must be a positive number of mm²' });
  }
  if (part.size.length !== 3 || !part.size.every((s) => Number.isFinite(s) && s > 0)) {
    errors.push({ field: 'size', message: 'size must be three positive x, y, z lengths in mm' });
  }
  if (part.print && !(part.print.groups.length > 0 && part.print.groups.every((g) => Number.isSafeInteger(g.count) && g.count > 0))) {
    errors.push({ field: 'print', message: 'print layers must be one or more groups of a positive whole count' });
  }
  if (errors.length > 0) throw new ValidationError('part measurements are not printable', errors);
}
