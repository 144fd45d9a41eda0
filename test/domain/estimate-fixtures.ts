// A hand-made print-estimate fit whose figures can be worked out by hand: every layer takes
// 5.92 s, band and solid print fully, sparse at 20 %, no skirt, no cooling floor.
import { MATERIAL_IDS, MATERIALS, type Material } from '../../functions/domain/materials.ts';
import type { MaterialFit, PrintEstimateFit } from '../../functions/domain/print-estimate.ts';

export const handFit = (overrides: Partial<MaterialFit['time']> = {}): PrintEstimateFit => ({
  slicer: 'by hand',
  layerMm: 0.2,
  seed: 0,
  samples: 0,
  fittedAt: '2026-01-05T09:00:00.000Z',
  profiles: [],
  materials: Object.fromEntries(
    MATERIAL_IDS.map((m) => [
      m,
      {
        profile: `hand-${m}`,
        density: MATERIALS[m].densityGPerCm3,
        volume: { band: 1, solid: 1, sparse: 0.2, skirt: 0, constant: 0 },
        time: { outline: 0, band: 0, solid: 0, sparse: 0, layer: 5.92, firstLayer: 0, constant: 0, floorS: 0, maxSlowdown: 1, ...overrides },
        designFactors: {},
      },
    ]),
  ) as Record<Material, MaterialFit>,
  residuals: {},
});

/** A 20 mm cube given only by its measurements (no layers): the estimate takes it as a prism. */
export const cube20 = { volume: 8000, surfaceArea: 2400, size: [20, 20, 20] as const };

// By hand for cube20 as a prism of 100 layers at 0.2 mm: cross-section 400 mm², outline
// (2400 − 2 × 400) / 20 = 80 mm, band 80 × 0.85 = 68 mm², solid min(332, 400 × 10 / 100) = 40 mm²,
// sparse 292 mm²; extruded (68 + 40 + 0.2 × 292) × 0.2 × 100 = 3328 mm³; PLA 3.328 × 1.24 = 4.12672 g;
// time 100 × 5.92 = 592 s.
export const CUBE20_PLA = { extrudedMm3: 3328, grams: 4.12672, seconds: 592, layers: 100 };
