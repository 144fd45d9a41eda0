// What a second colour costs a print: the tool changes the slicer makes (one per layer that holds
// both colours, one where the colour switches), the purge into the wipe tower at each, and the
// tower itself, printed on every layer up to the last change. Coefficients fitted against
// PrusaSlicer two-extruder slices (colour-changes-fit.json, see README "Two colours"). Pure.
import type { ColourId } from './colours.ts';
import type { PartMeasurements } from './print-estimate.ts';
import FIT from './colour-changes-fit.json' with { type: 'json' };

/** One body of a multi-part build, as the mesh module measures it. */
export interface ColourPart {
  /** What it is in the design ("base", "letters"). */
  role: string;
  /** The customer's word for it ("Plate", "Letters"). */
  label: string;
  /** Which colour of the job it prints in (0, 1, ...). */
  colourSlot: number;
  /** The bbox, when given, places the part's layers; without it the part starts on the plate. */
  measurements: PartMeasurements & { bbox?: { min: readonly number[]; max: readonly number[] } };
}

/** The cost terms of one quantity: once per multi-filament job, per tool change, per tower layer. */
export interface ColourChangeTerms {
  perJob: number;
  perChange: number;
  perTowerLayer: number;
}

/** seconds = perJob + perChange · changes + perTowerLayer · towerLayers (with any change); purge mm³ likewise. */
export interface ColourChangeFit {
  /** Where the figures came from (slicer, profile, samples) and how well they matched. */
  source: string;
  seconds: ColourChangeTerms;
  purgeMm3: ColourChangeTerms;
  /** Relative |error| of the whole two-colour quote against the slicer: median and p90. */
  residuals?: { samples: number; time: { median: number; p90: number }; grams: { median: number; p90: number } };
}

export const COLOUR_CHANGE_FIT = FIT as ColourChangeFit;

/** The extra a multi-colour job prints, per piece. Zero for one filament. */
export interface ColourChanges {
  toolChanges: number;
  /** Layers the wipe tower is printed on. */
  towerLayers: number;
  extraSeconds: number;
  /** Filament purged and built into the tower, mm³. */
  purgeMm3: number;
}

/** The layers [first, end) a part occupies at `layerMm`, from its bbox (or from the plate). */
const layerRange = (part: ColourPart, layerMm: number): [number, number] => {
  const z0 = part.measurements.bbox?.min[2] ?? 0;
  const z1 = part.measurements.bbox?.max[2] ?? z0 + part.measurements.size[2];
  const snap = (z: number) => Math.round(Math.round((z / layerMm) * 1e6) / 1e6);
  return [Math.max(0, snap(z0)), Math.max(snap(z0) + 1, snap(z1))];
};

/**
 * Counts the tool changes as PrusaSlicer orders extruders: each layer starts with the filament
 * the previous one ended with, so a layer holding both colours costs one change and a switch of
 * colour between layers costs one. Returns the changes and the layer of the last one (−1: none).
 */
export function countToolChanges(parts: readonly ColourPart[], colours: readonly ColourId[], layerMm: number): { changes: number; lastLayer: number } {
  const ranges = parts.map((p) => ({ colour: colours[p.colourSlot] ?? colours[0], range: layerRange(p, layerMm) }));
  const top = Math.max(0, ...ranges.map((r) => r.range[1]));
  let last: ColourId | undefined;
  let changes = 0;
  let lastLayer = -1;
  for (let layer = 0; layer < top; layer++) {
    const here = [...new Set(ranges.filter((r) => r.range[0] <= layer && layer < r.range[1]).map((r) => r.colour))];
    if (here.length === 0) continue;
    const first = last !== undefined && here.includes(last) ? last : here[0];
    const switches = (last !== undefined && first !== last ? 1 : 0) + here.length - 1;
    if (switches > 0) lastLayer = layer;
    changes += switches;
    last = here.length > 1 ? here.find((c) => c !== first) : first;
  }
  return { changes, lastLayer };
}

/** The extra time and filament of printing `parts` in `colours` (none when they share one colour). */
export function colourChanges(
  parts: readonly ColourPart[],
  colours: readonly ColourId[],
  layerMm: number,
  fit: ColourChangeFit = COLOUR_CHANGE_FIT,
): ColourChanges {
  const { changes, lastLayer } = countToolChanges(parts, colours, layerMm);
  const towerLayers = changes === 0 ? 0 : lastLayer + 1;
  const cost = (t: ColourChangeTerms) => (changes === 0 ? 0 : t.perJob + t.perChange * changes + t.perTowerLayer * towerLayers);
  return { toolChanges: changes, towerLayers, extraSeconds: cost(fit.seconds), purgeMm3: cost(fit.purgeMm3) };
}
