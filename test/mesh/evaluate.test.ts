// The manifold-3d evaluator: booleans of JSCAD cubes give exact volumes, every result is
// placed centred on x = y = 0 resting on z = 0, and empty or broken input is a KernelError.
import { describe, expect, it } from 'vitest';
import { evaluateSolid } from '../../functions/mesh/evaluate.ts';
import { KernelError } from '../../functions/mesh/errors.ts';
import { geometries, primitives } from '../../functions/mesh/jscad.ts';
import { measureMesh } from '../../functions/mesh/measure.ts';
import { difference, extrudeShapes, fromGeom3, intersection, rotate, translate, union, type Solid } from '../../functions/mesh/solid.ts';
import { verifyMesh } from '../../functions/mesh/verify.ts';

/** A JSCAD cube of edge `size` with its centre at `center`. */
const cube = (size: number, center: [number, number, number] = [0, 0, 0]): Solid => fromGeom3(primitives.cuboid({ size: [size, size, size], center }));

const build = async (solid: Solid) => {
  const mesh = await evaluateSolid(solid);
  return { mesh, m: measureMesh(mesh), defects: verifyMesh(mesh).defects };
};

describe('evaluateSolid booleans', () => {
  // Two 10 mm cubes overlapping by half along x: the overlap is 5 × 10 × 10 = 500 mm³.
  const a = cube(10);
  const b = cube(10, [5, 0, 0]);

  it('union: 1500 mm³, 15 × 10 × 10 mm, watertight', async () => {
    const { m, defects } = await build(union(a, b));

    expect(defects).toEqual([]);
    expect(m.volume).toBeCloseTo(1500, 9);
    expect(m.bbox).toEqual({ min: [-7.5, -5, 0], max: [7.5, 5, 10] });
  });

  it('difference: 500 mm³, 5 × 10 × 10 mm', async () => {
    const { m, defects } = await build(difference(a, b));

    expect(defects).toEqual([]);
    expect(m.volume).toBeCloseTo(500, 9);
    expect(m.bbox).toEqual({ min: [-2.5, -5, 0], max: [2.5, 5, 10] });
  });

  it('intersection: 500 mm³', async () => {
    const { m, defects } = await build(intersection(a, b));

    expect(defects).toEqual([]);
    expect(m.volume).toBeCloseTo(500, 9);
    expect(m.size).toEqual([5, 10, 10]);
  });

  it('difference by several cutters removes each one', async () => {
    // 20 mm cube minus two disjoint 4 mm cubes poking through opposite faces' middles.
    const { m, defects } = await build(difference(cube(20), cube(4, [10, 0, 0]), cube(4, [-10, 0, 0])));

    expect(defects).toEqual([]);
    expect(m.volume).toBeCloseTo(8000 - 2 * 32, 9);
  });

  it('places every result centred on x = y = 0 with min z = 0, wherever it was built', async () => {
    const { m } = await build(translate([100, -40, 25], union(cube(6), cube(6, [3, 3, 3]))));

    expect(m.bbox.min[0]).toBe(-m.bbox.max[0]);
    expect(m.bbox.min[1]).toBe(-m.bbox.max[1]);
    expect(m.bbox.min[2]).toBe(0);
    expect(m.size).toEqual([9, 9, 9]);
    expect(m.volume).toBeCloseTo(216 * 2 - 27, 9);
  });

  it('applies rotations as JSCAD does (x, then y, then z)', async () => {
    const box = fromGeom3(primitives.cuboid({ size: [10, 20, 30] }));

    const { m } = await build(rotate([0, 0, Math.PI / 2], box));

    expect(m.size[0]).toBeCloseTo(20, 5);
    expect(m.size[1]).toBeCloseTo(10, 5);
    expect(m.size[2]).toBeCloseTo(30, 5);
  });

  it('extrudes overlapping 2D shapes as their union', async () => {
    // Two 10 × 10 squares overlapping by 5 × 10: union area 150 mm², 2 mm high.
    const shapes = [primitives.rectangle({ size: [10, 10] }), primitives.rectangle({ size: [10, 10], center: [5, 0] })];

    const { m, defects } = await build(extrudeShapes(shapes, 2));

    expect(defects).toEqual([]);
    expect(m.volume).toBeCloseTo(300, 9);
    expect(m.size).toEqual([15, 10, 2]);
  });
});

describe('evaluateSolid errors', () => {
  it('raises KernelError when a difference removes everything', async () => {
    await expect(evaluateSolid(difference(cube(10), cube(20)))).rejects.toThrow(KernelError);
    await expect(evaluateSolid(difference(cube(10), cube(20)))).rejects.toThrow(/empty solid/);
  });

  it('raises KernelError when an intersection is empty', async () => {
    await expect(evaluateSolid(intersection(cube(10), cube(10, [50, 0, 0])))).rejects.toThrow(KernelError);
  });

  it('raises KernelError for a JSCAD solid that is not closed', async () => {
    // One triangle on its own bounds no volume.
    const open = geometries.geom3.fromPoints([
      [
        [0, 0, 0],
        [1, 0, 0],
        [0, 1, 0],
      ],
    ]);

    await expect(evaluateSolid(fromGeom3(open))).rejects.toThrow(/not closed|empty solid/);
    await expect(evaluateSolid(fromGeom3(open))).rejects.toBeInstanceOf(KernelError);
  });
});
