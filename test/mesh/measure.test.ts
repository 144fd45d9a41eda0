// Measurements on meshes whose volume, area and bounding box are known in closed form.
import { describe, expect, it } from 'vitest';
import { measureMesh } from '../../functions/mesh/measure.ts';
import { cubeMesh, prismExpected, prismMesh } from '../fixtures/meshes.ts';

describe('measureMesh', () => {
  it('measures a 10 mm cube exactly', () => {
    // prepare
    const cube = cubeMesh(10);

    // act
    const m = measureMesh(cube);

    // assert
    expect(m).toEqual({
      bbox: { min: [0, 0, 0], max: [10, 10, 10] },
      size: [10, 10, 10],
      volume: 1000,
      surfaceArea: 600,
      triangleCount: 12,
    });
  });

  it('measures a 64-sided prism (cylinder-ish) to float32 precision, with an exact bounding box', () => {
    const [sides, radius, height] = [64, 20, 7.5];
    const mesh = prismMesh(sides, radius, height);
    const expected = prismExpected(sides, radius, height);

    const m = measureMesh(mesh);

    expect(m.bbox).toEqual({ min: [-20, -20, 0], max: [20, 20, 7.5] });
    expect(m.size).toEqual([40, 40, 7.5]);
    expect(m.triangleCount).toBe(4 * sides);
    // Vertices are float32 (7 significant digits); the formulas are float64.
    expect(Math.abs(m.volume - expected.volume) / expected.volume).toBeLessThan(1e-6);
    expect(Math.abs(m.surfaceArea - expected.surfaceArea) / expected.surfaceArea).toBeLessThan(1e-6);
    // A 64-gon is not a circle: the numbers must be the prism's, not πr²h.
    expect(Math.abs(m.volume - Math.PI * radius * radius * height)).toBeGreaterThan(1);
  });

  it('gives negative volume for an inside-out mesh (the verifier relies on the sign)', () => {
    const cube = cubeMesh(2);
    const flipped = { positions: cube.positions, indices: cube.indices.slice().reverse() };

    expect(measureMesh(flipped).volume).toBe(-8);
  });
});
