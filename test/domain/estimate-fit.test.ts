// Fitting the print estimate: known coefficients come back from synthetic samples made with them,
// the cooling floor included; per-design factors catch a design that prints slower.
import { describe, expect, it } from 'vitest';
import { designFactors, errorSummary, fitMaterial, fitTime, fitVolume, quantile, type FitSample } from '../../functions/domain/estimate-fit.ts';
import { estimatePrint, type MaterialFit, type PrintEstimateFit } from '../../functions/domain/print-estimate.ts';

const seeded = (seed: number) => () => (seed = (seed * 16807) % 2147483647) / 2147483647;

const truth: MaterialFit = {
  profile: 'synthetic',
  density: 1.24,
  volume: { band: 1.02, solid: 0.97, sparse: 0.16, skirt: 0.09, constant: 50 },
  time: { outline: 0.05, band: 0.02, solid: 0.03, sparse: 0.008, layer: 2, firstLayer: 0.05, constant: 120, floorS: 15, maxSlowdown: 3 },
  designFactors: {},
};
const asFit = (model: MaterialFit): PrintEstimateFit =>
  ({ slicer: 'x', layerMm: 0.2, seed: 0, samples: 0, fittedAt: '', materials: { PLA: model }, residuals: {} }) as unknown as PrintEstimateFit;

/** Random parts: small ones whose layers hit the cooling floor, large ones that do not. */
const synthetic = (count: number, seed: number, designId = 'd'): FitSample[] => {
  const random = seeded(seed);
  return Array.from({ length: count }, () => {
    const scale = 0.2 + random() * 3;
    const groups = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
      count: 1 + Math.floor(random() * 150),
      outlineMm: scale * (20 + random() * 300),
      bandMm2: scale * (10 + random() * 200),
      solidMm2: scale * random() * 400,
      sparseMm2: scale * scale * random() * 3000,
    }));
    const size = [10 + random() * 100, 10 + random() * 100, 10] as const;
    const part = { designId, volume: 1, surfaceArea: 1, size, print: { layerMm: 0.2, groups } };
    const e = estimatePrint(part, 'PLA', asFit(truth));
    return { ...part, sliced: { seconds: e.seconds, grams: e.grams } };
  });
};

describe('fitVolume', () => {
  it('recovers the volume coefficients from exact samples', () => {
    const v = fitVolume(synthetic(60, 3), truth.density);

    for (const key of Object.keys(truth.volume) as (keyof MaterialFit['volume'])[]) expect(v[key]).toBeCloseTo(truth.volume[key], 4);
  });
});

describe('fitTime', () => {
  it('recovers the time coefficients, the cooling floor in play, from exact samples', () => {
    const samples = synthetic(80, 5);
    const floored = samples.filter((s) => s.print.groups.some((g) => g.outlineMm * 0.05 + g.bandMm2 * 0.02 + g.solidMm2 * 0.03 + g.sparseMm2 * 0.008 + 2 < 15));
    expect(floored.length).toBeGreaterThan(10);

    const t = fitTime(samples, 15);

    expect(t.maxSlowdown).toBe(3);
    for (const key of ['outline', 'band', 'solid', 'sparse', 'layer', 'firstLayer', 'constant'] as const) {
      expect(t[key]).toBeCloseTo(truth.time[key], 3);
    }
  });

  it('fits without a floor when the profile has cooling off', () => {
    const t = fitTime(synthetic(30, 9), 0);

    expect(t.floorS).toBe(0);
    expect(t.maxSlowdown).toBe(1);
  });
});

describe('designFactors', () => {
  it('finds the design that prints 20 % slower than the shared model', () => {
    const slow = synthetic(10, 11, 'slow').map((s) => ({ ...s, sliced: { ...s.sliced, seconds: s.sliced.seconds * 1.2 } }));
    const samples = [...synthetic(10, 13, 'plain'), ...slow];

    const factors = designFactors(samples, 'PLA', truth);

    expect(factors.plain).toEqual({ grams: 1, time: 1 });
    expect(factors.slow.time).toBeCloseTo(1.2, 4);
  });

  it('gives a choice its own factor when its values print differently', () => {
    const engraved = synthetic(6, 19, 'tag').map((s) => ({ ...s, params: { style: 'engraved', text: 'A' }, sliced: { ...s.sliced, seconds: s.sliced.seconds * 1.1 } }));
    const raised = synthetic(6, 23, 'tag').map((s) => ({ ...s, params: { style: 'raised', text: 'B' }, sliced: { ...s.sliced, seconds: s.sliced.seconds * 0.9 } }));
    const fit = { materials: { PLA: { ...truth, designFactors: designFactors([...engraved, ...raised], 'PLA', truth) } } } as unknown as PrintEstimateFit;

    expect(fit.materials.PLA.designFactors['tag:style=engraved'].time).toBeCloseTo(1.1, 4);
    expect(fit.materials.PLA.designFactors['tag:style=raised'].time).toBeCloseTo(0.9, 4);
    expect(Object.keys(fit.materials.PLA.designFactors).some((k) => k.includes('text='))).toBe(false);
    const estimate = estimatePrint({ ...engraved[0], designId: 'tag' }, 'PLA', fit).seconds;
    expect(estimate / engraved[0].sliced.seconds).toBeCloseTo(1, 4);
  });

  it('is fitted with the rest by fitMaterial', () => {
    const model = fitMaterial(synthetic(40, 17), 'PLA', { profile: 'p', density: 1.24, floorS: 15 });

    expect(model.designFactors.d.time).toBeCloseTo(1, 3);
    expect(model.profile).toBe('p');
  });
});

describe('quantile and errorSummary', () => {
  it('interpolates between neighbours and reports |relative error|', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(errorSummary([110, 95, 100], [100, 100, 100])).toEqual({ median: expect.closeTo(0.05, 12), p90: expect.closeTo(0.09, 12) });
  });
});
