// Cutting meshes into layers without a slicer: areas, outlines and skins of shapes known in
// closed form, a hole subtracting itself, and the summary the print estimate reads.
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import { generateValidated } from '../../functions/designs/generate.ts';
import { defaultParams } from '../../functions/designs/validate.ts';
import { layerCount, layerSections } from '../../functions/mesh/layers.ts';
import { PERIMETER_BAND_MM, printFeatures } from '../../functions/mesh/print-features.ts';
import type { Mesh } from '../../functions/mesh/types.ts';
import { cubeMesh } from '../fixtures/meshes.ts';

beforeAll(() => prepareCatalogue());

/** A closed mesh made of two meshes (the second turned inside out: a cavity). */
const withCavity = (outer: Mesh, inner: Mesh, offset: [number, number, number]): Mesh => {
  const n = outer.positions.length / 3;
  const moved = inner.positions.map((v, i) => v + offset[i % 3]);
  const flipped = Array.from(inner.indices, (_, i) => inner.indices[i - (i % 3) + [0, 2, 1][i % 3]] + n);
  return { positions: Float32Array.from([...outer.positions, ...moved]), indices: Uint32Array.from([...outer.indices, ...flipped]) };
};

describe('layerSections', () => {
  it('cuts a 10 mm cube into 50 layers of 100 mm² and 40 mm of outline, with skins top and bottom', () => {
    const s = layerSections(cubeMesh(10), { layerMm: 0.2, topLayers: 6, bottomLayers: 4 });

    expect(s.area.length).toBe(50);
    for (let i = 0; i < 50; i++) {
      expect(s.area[i]).toBeCloseTo(100, 4);
      expect(s.outline[i]).toBeCloseTo(40, 4);
      expect(s.skin[i]).toBeCloseTo(i < 4 || i >= 44 ? 100 : 0, 4);
    }
  });

  it('subtracts a cavity from the area and adds its outline', () => {
    const box = withCavity(cubeMesh(10), cubeMesh(4), [3, 3, 3]);

    const s = layerSections(box);

    expect(s.area[10]).toBeCloseTo(100, 4); // z = 2.1: below the cavity
    expect(s.area[25]).toBeCloseTo(100 - 16, 4); // z = 5.1: through it
    expect(s.outline[25]).toBeCloseTo(40 + 16, 4);
  });

  it('counts layers without float noise', () => {
    expect(layerCount(10, 0.2)).toBe(50);
    expect(layerCount(0.6, 0.2)).toBe(3);
    expect(layerCount(0.3, 0.2)).toBe(2);
    expect(layerCount(0.05, 0.2)).toBe(1);
  });

  it('gives every catalogue design at its defaults its volume back within 3 %', async () => {
    for (const design of catalogue) {
      const built = await generateValidated(design, defaultParams(design));

      const s = layerSections(built.mesh);

      const volume = s.area.reduce((sum, a) => sum + a, 0) * s.layerMm;
      expect(Math.abs(volume / built.measurements.volume - 1), design.id).toBeLessThan(0.03);
      expect(s.area.length).toBe(layerCount(built.measurements.size[2], 0.2));
    }
  });
});

describe('printFeatures', () => {
  it('splits the cube: a band along the outline, solid skins, sparse inside, in merged runs', () => {
    const f = printFeatures(cubeMesh(10));

    const layers = f.groups.reduce((n, g) => n + g.count, 0);
    const band = 40 * PERIMETER_BAND_MM;
    expect(layers).toBe(50);
    expect(f.groups.length).toBeLessThanOrEqual(4);
    for (const g of f.groups) {
      expect(g.outlineMm).toBeCloseTo(40, 1);
      expect(g.bandMm2).toBeCloseTo(band, 1);
      expect(g.solidMm2 + g.sparseMm2).toBeCloseTo(100 - band, 1);
    }
    const sparseLayers = f.groups.filter((g) => g.sparseMm2 > 0).reduce((n, g) => n + g.count, 0);
    expect(sparseLayers).toBe(50 - 6 - 4);
  });
});
