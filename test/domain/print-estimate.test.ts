// The fitted print estimate: layer sums, the cooling floor, the prism fallback, and the committed fit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIni, resolveProfile } from '../../functions/agent/slicing/profile.ts';
import { ValidationError } from '../../functions/domain/errors.ts';
import { MATERIAL_IDS } from '../../functions/domain/materials.ts';
import { estimatePrint, flooredSeconds, PRINT_ESTIMATE_FIT, type PrintFeatures } from '../../functions/domain/print-estimate.ts';
import { priceQuote } from '../../functions/domain/quote.ts';
import { CUBE20_PLA, cube20, handFit } from './estimate-fixtures.ts';
import { T0, shop } from './fixtures.ts';

// 100 layers of a 20 mm square tube-like part: the first solid, the rest sparse inside.
const layered: PrintFeatures = {
  layerMm: 0.2,
  groups: [
    { count: 1, outlineMm: 80, bandMm2: 68, solidMm2: 332, sparseMm2: 0 },
    { count: 99, outlineMm: 80, bandMm2: 68, solidMm2: 0, sparseMm2: 332 },
  ],
};
const part = { ...cube20, print: layered };

describe('estimatePrint', () => {
  it('takes a part without layers as a prism of its height', () => {
    const e = estimatePrint(cube20, 'PLA', handFit());

    expect(e.layers).toBe(CUBE20_PLA.layers);
    expect(e.extrudedMm3).toBeCloseTo(CUBE20_PLA.extrudedMm3, 9);
    expect(e.grams).toBeCloseTo(CUBE20_PLA.grams, 9);
    expect(e.seconds).toBeCloseTo(CUBE20_PLA.seconds, 9);
  });

  it('sums the layer groups: volumes × layer height, grams by the density', () => {
    const e = estimatePrint(part, 'PETG', handFit());

    // band 68 × 100 + solid 332 + sparse 0.2 × 332 × 99, each × 0.2 mm.
    const mm3 = (68 * 100 + 332 + 0.2 * 332 * 99) * 0.2;
    expect(e.layers).toBe(100);
    expect(e.extrudedMm3).toBeCloseTo(mm3, 9);
    expect(e.grams).toBeCloseTo((mm3 / 1000) * 1.27, 9);
  });

  it('prices each layer by its figures, and slows fast layers to the cooling floor', () => {
    const fit = handFit({ outline: 0.1, solid: 0.02, sparse: 0.01, layer: 1, floorS: 15, maxSlowdown: 2, firstLayer: 0.01, constant: 30 });

    const e = estimatePrint(part, 'PLA', fit);

    // First layer 8 + 6.64 + 1 = 15.64 s (above the floor); the others 8 + 3.32 + 1 = 12.32 s,
    // slowed to 15 s; first layer area 400 mm² × 0.01 s; 30 s constant.
    expect(e.seconds).toBeCloseTo(15.64 + 99 * 15 + 4 + 30, 9);
  });

  it('slows a layer by no more than maxSlowdown', () => {
    expect(flooredSeconds(5, 15, 2)).toBe(10);
    expect(flooredSeconds(10, 15, 2)).toBe(15);
    expect(flooredSeconds(20, 15, 2)).toBe(20);
    expect(flooredSeconds(5, 0, 1)).toBe(5);
  });

  it('uses each material density', () => {
    const pla = estimatePrint(cube20, 'PLA', handFit());
    const asa = estimatePrint(cube20, 'ASA', handFit());

    expect(asa.grams / pla.grams).toBeCloseTo(1.07 / 1.24, 12);
  });

  it('rejects a part with no volume, or layers without a count, with the field named', () => {
    const act = () => estimatePrint({ volume: 0, surfaceArea: 10, size: [1, 1, 1] }, 'PLA');
    const noLayers = () => estimatePrint({ ...cube20, print: { layerMm: 0.2, groups: [] } }, 'PLA');

    expect(act).toThrow(ValidationError);
    expect(act).toThrow(expect.objectContaining({ code: 'invalid', errors: [expect.objectContaining({ field: 'volume' })] }));
    expect(noLayers).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'print' })] }));
  });
});

describe('the committed fit (functions/domain/print-estimate-fit.json)', () => {
  it('has a model for every material, with non-negative coefficients, from the reference profiles', () => {
    const fit = PRINT_ESTIMATE_FIT;

    expect(fit.slicer).toMatch(/^PrusaSlicer \d/);
    expect(fit.samples).toBeGreaterThan(0);
    expect(Object.keys(fit.materials).sort()).toEqual([...MATERIAL_IDS].sort());
    for (const m of MATERIAL_IDS) {
      const model = fit.materials[m];
      const ini = parseIni(readFileSync(resolveProfile(model.profile).path, 'utf8'));
      expect(model.profile).toBe(`atelier-${m.toLowerCase()}-0.4n-0.2mm`);
      expect(model.density).toBe(Number(ini.get('filament_density')));
      expect(model.time.floorS).toBe(ini.get('cooling') === '1' ? Number(ini.get('slowdown_below_layer_time')) : 0);
      for (const value of [...Object.values(model.volume), ...Object.values(model.time)]) expect(value).toBeGreaterThanOrEqual(0);
      expect(fit.residuals[m].time.median).toBeLessThan(0.1);
    }
  });

  it('is what a quote uses when no fit is given', () => {
    const quote = priceQuote(part, 'PLA', 1, [shop()], T0);

    expect(quote.printSeconds).toBe(Math.ceil(estimatePrint(part, 'PLA', PRINT_ESTIMATE_FIT).seconds));
    expect(quote.printSeconds).not.toBe(Math.ceil(estimatePrint(part, 'PLA', handFit()).seconds));
  });
});
