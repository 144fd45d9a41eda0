// The benchmark's open-edge counter and JSCAD reference evaluator: they must report 0 for a
// closed mesh and find the edges JSCAD's booleans leave open, or the comparison means nothing.
import { describe, expect, it } from 'vitest';
import { evaluateSolid } from '../../functions/mesh/evaluate.ts';
import { geometries, measurements, primitives } from '../../functions/mesh/jscad.ts';
import { fromGeom3, union } from '../../functions/mesh/solid.ts';
import { cubeMesh } from '../fixtures/meshes.ts';
import { evaluateWithJscad } from './jscad-evaluator.ts';
import { openEdgesOfGeom3, openEdgesOfMesh } from './open-edges.ts';

describe('open-edge counter', () => {
  it('finds none on a closed cube and three when a triangle is missing', () => {
    const cube = cubeMesh();

    expect(openEdgesOfMesh(cube)).toBe(0);
    expect(openEdgesOfMesh({ positions: cube.positions, indices: cube.indices.slice(3) })).toBe(3);
  });

  it('finds none on a JSCAD primitive and four on a cube without its top face', () => {
    const box = primitives.cuboid({ size: [10, 10, 10] });
    const polygons = geometries.geom3.toPolygons(box);
    const top = polygons.findIndex((p) => p.vertices.every((v) => v[2] === 5));

    expect(openEdgesOfGeom3(box)).toBe(0);
    expect(openEdgesOfGeom3(geometries.geom3.create(polygons.filter((_, i) => i !== top)))).toBe(4);
  });
});

describe('JSCAD reference evaluator', () => {
  it('evaluates the same tree to the same volume, leaving T-junctions open where manifold-3d leaves none', async () => {
    // A small cube sunk 1 mm into a big one: JSCAD cuts a hole in the big top face whose
    // edges are not split where the small cube's side faces meet them (T-junctions).
    const tree = union(fromGeom3(primitives.cuboid({ size: [20, 20, 10] })), fromGeom3(primitives.cuboid({ size: [6, 6, 6], center: [0, 0, 7] })));

    const geom = evaluateWithJscad(tree);

    expect(measurements.measureVolume(geom)).toBeCloseTo(20 * 20 * 10 + 6 * 6 * 5, 6);
    expect(openEdgesOfGeom3(geom)).toBeGreaterThan(0);
    expect(openEdgesOfMesh(await evaluateSolid(tree))).toBe(0);
  });
});
