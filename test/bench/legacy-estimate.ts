// The print estimate before calibration (shell + infill, fixed flow), kept only so the estimate
// benchmark can show the old model's errors beside the fitted one's.
import { ValidationError } from '../../functions/domain/errors.ts';
import { MATERIALS, type Material } from '../../functions/domain/materials.ts';

/** What the mesh module measures; `Measurements` from functions/mesh fits this shape. */
export interface PartMeasurements {
  /** Enclosed volume, mm³. */
  volume: number;
  /** Surface area, mm². */
  surfaceArea: number;
  /** Bounding-box size [x, y, z], mm. */
  size: readonly [number, number, number];
}

/** Slicer-like assumptions behind the estimate. */
export interface PrintModel {
  /** Solid wall + top/bottom thickness, mm. */
  shellMm: number;
  /** Fraction of the interior that is printed (0–1). */
  infill: number;
  /** Effective volumetric flow including travel, mm³/s. */
  flowMm3PerS: number;
  layerMm: number;
  /** Fixed time per layer (travel, retraction, layer change), s. */
  layerOverheadS: number;
}

/** 0.8 mm shell, 20 % infill, 8 mm³/s, 0.2 mm layers, 2 s per layer. */
export const DEFAULT_PRINT_MODEL: Readonly<PrintModel> = Object.freeze({
  shellMm: 0.8,
  infill: 0.2,
  flowMm3PerS: 8,
  layerMm: 0.2,
  layerOverheadS: 2,
});

/** Unrounded estimate for ONE piece. */
export interface PrintEstimate {
  shellMm3: number;
  infillMm3: number;
  extrudedMm3: number;
  grams: number;
  layers: number;
  seconds: number;
}

/**
 * Shell = surface area × shell thickness, capped at the volume (thin parts are solid);
 * infill = the rest × infill fraction; grams = extruded cm³ × density;
 * seconds = extruded / flow + layers × overhead, layers = ⌈height / layer height⌉.
 * Throws ValidationError on a non-positive or non-finite measurement.
 */
export function legacyEstimatePrint(
  part: PartMeasurements,
  material: Material,
  model: PrintModel = DEFAULT_PRINT_MODEL,
): PrintEstimate {
  checkPart(part);
  const shellMm3 = Math.min(part.volume, part.surfaceArea * model.shellMm);
  const infillMm3 = (part.volume - shellMm3) * model.infill;
  const extrudedMm3 = shellMm3 + infillMm3;
  const grams = (extrudedMm3 / 1000) * MATERIALS[material].densityGPerCm3;
  // Round away float noise (10 / 0.2 = 50.00000000000001) before taking the ceiling.
  const layers = Math.ceil(Math.round((part.size[2] / model.layerMm) * 1e6) / 1e6);
  const seconds = extrudedMm3 / model.flowMm3PerS + layers * model.layerOverheadS;
  return { shellMm3, infillMm3, extrudedMm3, grams, layers, seconds };
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
  if (errors.length > 0) throw new ValidationError('part measurements are not printable', errors);
}
