// Binary STL: exact layout, facet normals that agree with the winding and point outward,
// and a round trip that gives back the same welded mesh.
import { describe, expect, it } from 'vitest';
import { evaluateSolid } from '../../functions/mesh/evaluate.ts';
import { MeshFormatError } from '../../functions/mesh/errors.ts';
import { primitives } from '../../functions/mesh/jscad.ts';
import { difference, fromGeom3 } from '../../functions/mesh/solid.ts';
import { readStl, writeStl } from '../../functions/mesh/stl.ts';
import type { Mesh } from '../../functions/mesh/types.ts';
import { verifyMesh } from '../../functions/mesh/verify.ts';
import { cubeMesh, prismMesh, trianglePositions } from '../fixtures/meshes.ts';

/** Facet normals as stored, and the unit normal of each stored triangle's own winding. */
const facets = (bytes: Uint8Array) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(80, true);
  return Array.from({ length: count }, (_, t) => {
    const f = (k: number) => view.getFloat32(84 + t * 50 + k * 4, true);
    const normal = [f(0), f(1), f(2)];
    const [a, b, c] = [[f(3), f(4), f(5)], [f(6), f(7), f(8)], [f(9), f(10), f(11)]];
    const u = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
    const v = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
    const w = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
    const length = Math.hypot(w[0], w[1], w[2]);
    const centroid = [(a[0] + b[0] + c[0]) / 3, (a[1] + b[1] + c[1]) / 3, (a[2] + b[2] + c[2]) / 3];
    return { normal, winding: w.map((x) => x / length), centroid, attribute: view.getUint16(84 + t * 50 + 48, true) };
  });
};

const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

describe('writeStl', () => {
  it.each([
    ['cube', cubeMesh()],
    ['prism', prismMesh(32, 10, 4)],
  ] as [string, Mesh][])('writes exactly 84 + 50n bytes for the %s', (_name, mesh) => {
    const bytes = writeStl(mesh);

    const n = mesh.indices.length / 3;
    expect(bytes.length).toBe(84 + 50 * n);
    expect(new DataView(bytes.buffer).getUint32(80, true)).toBe(n);
  });

  it('has an 80-byte header that does not start with "solid" (readers would take it for ASCII STL)', () => {
    const header = new TextDecoder().decode(writeStl(cubeMesh()).subarray(0, 80));

    expect(header.startsWith('solid')).toBe(false);
    expect(header).toMatch(/millimetre/);
  });

  it('stores unit facet normals that agree with the winding and point outward', () => {
    // A convex mesh centred on the z axis: outward means away from the centre.
    const mesh = prismMesh(24, 10, 6);
    const centre = [0, 0, 3];

    const all = facets(writeStl(mesh));

    expect(all).toHaveLength(96);
    for (const { normal, winding, centroid, attribute } of all) {
      expect(Math.abs(Math.hypot(normal[0], normal[1], normal[2]) - 1)).toBeLessThan(1e-6);
      expect(dot(normal, winding)).toBeGreaterThan(1 - 1e-6);
      expect(dot(normal, [centroid[0] - centre[0], centroid[1] - centre[1], centroid[2] - centre[2]])).toBeGreaterThan(0);
      expect(attribute).toBe(0);
    }
  });

  it('gives a cube the six axis normals, two facets each', () => {
    const normals = facets(writeStl(cubeMesh())).map((f) => f.normal.join(','));

    const counts = Object.fromEntries(['0,0,-1', '0,0,1', '0,-1,0', '1,0,0', '0,1,0', '-1,0,0'].map((n) => [n, normals.filter((x) => x === n).length]));

    expect(counts).toEqual({ '0,0,-1': 2, '0,0,1': 2, '0,-1,0': 2, '1,0,0': 2, '0,1,0': 2, '-1,0,0': 2 });
  });
});

describe('readStl', () => {
  it('reads back the identical welded cube: same vertices, same triangles, same order', () => {
    const cube = cubeMesh();

    const { mesh, normals } = readStl(writeStl(cube));

    expect(trianglePositions(mesh)).toEqual(trianglePositions(cube));
    expect(mesh.positions.length).toBe(cube.positions.length);
    expect(normals.length).toBe(36);
    expect(verifyMesh(mesh).ok).toBe(true);
  });

  it('round-trips a manifold-3d mesh: welded back to the same vertex count, and rewritten byte for byte', async () => {
    const solid = difference(fromGeom3(primitives.cuboid({ size: [20, 20, 10] })), fromGeom3(primitives.cylinder({ radius: 5, height: 30, segments: 24 })));
    const original = await evaluateSolid(solid);
    const bytes = writeStl(original);

    const { mesh } = readStl(bytes);

    expect(mesh.positions.length).toBe(original.positions.length);
    expect(trianglePositions(mesh)).toEqual(trianglePositions(original));
    expect(writeStl(mesh)).toEqual(bytes);
    expect(verifyMesh(mesh).defects).toEqual([]);
  });

  it('reads a view into a larger buffer (byteOffset ≠ 0)', () => {
    const bytes = writeStl(cubeMesh());
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 16);

    const { mesh } = readStl(padded.subarray(16));

    expect(trianglePositions(mesh)).toEqual(trianglePositions(cubeMesh()));
  });

  it('refuses a truncated file and one whose facet count disagrees with its length', () => {
    const bytes = writeStl(cubeMesh());

    expect(() => readStl(bytes.subarray(0, 60))).toThrow(MeshFormatError);
    expect(() => readStl(bytes.subarray(0, bytes.length - 1))).toThrow(/says 12 facets but has 683 bytes/);
  });
});
