// What the print estimate reads from a mesh, measured once per mesh (no slicer): the part cut
// into the reference layers, each layer's outline length and its area split the way a slicer
// prints it — a perimeter band along every outline, solid skin under tops and over bottoms,
// sparse infill — with runs of alike layers merged so a tall prism stays a few numbers.
import { DEFAULT_LAYER_OPTIONS, layerSections, type LayerOptions } from './layers.ts';
import type { LayerGroup, PrintFeatures } from '../domain/print-estimate.ts';
import type { Mesh } from './types.ts';

/** Width of the perimeter band inside every outline (two 0.45 mm perimeters, overlapping), mm. */
export const PERIMETER_BAND_MM = 0.85;

// One definition of what the estimate reads: the domain's (type-only, nothing is imported at run time).
export type { LayerGroup, PrintFeatures } from '../domain/print-estimate.ts';

/** Layers merge while every figure stays within 2 % (or 0.5 mm / mm²) of the run's first layer. */
const alike = (a: LayerGroup, b: LayerGroup): boolean =>
  (['outlineMm', 'bandMm2', 'solidMm2', 'sparseMm2'] as const).every((k) => Math.abs(a[k] - b[k]) <= Math.max(0.5, 0.02 * Math.abs(a[k])));

const round = (value: number): number => Math.round(value * 10) / 10;

/**
 * Cuts the mesh at the reference layer height and sums what a slicer would print.
 * @example printFeatures(mesh).groups.reduce((n, g) => n + g.count, 0) // 100 for a 20 mm part
 */
export const printFeatures = (mesh: Mesh, options: LayerOptions = DEFAULT_LAYER_OPTIONS): PrintFeatures => {
  const { area, outline, skin, layerMm } = layerSections(mesh, options);
  // Each run keeps its first layer (to compare with) and its sums (to average).
  const runs: { first: LayerGroup; sum: LayerGroup }[] = [];
  for (let i = 0; i < area.length; i++) {
    const a = Math.max(0, area[i]);
    const band = Math.min(a, outline[i] * PERIMETER_BAND_MM);
    const solid = Math.min(a - band, skin[i]);
    const layer = { count: 1, outlineMm: outline[i], bandMm2: band, solidMm2: solid, sparseMm2: a - band - solid };
    const run = runs.at(-1);
    // The first layer stays on its own: it prints slower than the rest.
    if (run && i > 1 && alike(run.first, layer)) {
      run.sum.count++;
      run.sum.outlineMm += layer.outlineMm;
      run.sum.bandMm2 += layer.bandMm2;
      run.sum.solidMm2 += layer.solidMm2;
      run.sum.sparseMm2 += layer.sparseMm2;
    } else runs.push({ first: layer, sum: { ...layer } });
  }
  const groups = runs.map(({ sum: g }) => ({
    count: g.count,
    outlineMm: round(g.outlineMm / g.count),
    bandMm2: round(g.bandMm2 / g.count),
    solidMm2: round(g.solidMm2 / g.count),
    sparseMm2: round(g.sparseMm2 / g.count),
  }));
  return {
    layerMm,
    groups,
  };
};
