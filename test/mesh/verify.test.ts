// The independent mesh checker: one hand-made defect at a time on an otherwise perfect cube,
// so each test shows the verifier names that defect (and, where it can, only that one).
import { describe, expect, it } from 'vitest';
import { MeshDefectError } from '../../functions/mesh/errors.ts';
import { assertPrintable, verifyMesh } from '../../functions/mesh/verify.ts';
import { cloneMesh, cubeMesh, prismMesh } from '../fixtures/meshes.ts';

describe('verifyMesh', () => {
  it('accepts a correct cube and a correct prism', () => {
    // prepare
    const cube = cubeMesh();
    const prism = prismMesh(12, 5, 3);

    // act
    const reports = [verifyMesh(cube), verifyMesh(prism)];

    // assert
    expect(reports).toEqual([{ ok: true, defects: [] }, { ok: true, defects: [] }]);
  });

  it('reports an open edge when one triangle is missing', () => {
    const mesh = cubeMesh();
    const open = { positions: mesh.positions, indices: mesh.indices.slice(3) };

    const report = verifyMesh(open);

    expect(report.ok).toBe(false);
    expect(report.defects).toEqual(['3 open edges']);
  });

  it('reports a flipped triangle as edges used twice in the same direction', () => {
    const mesh = cloneMesh(cubeMesh());
    [mesh.indices[1], mesh.indices[2]] = [mesh.indices[2], mesh.indices[1]];

    const report = verifyMesh(mesh);

    expect(report.ok).toBe(false);
    expect(report.defects).toContainEqual(expect.stringMatching(/^3 edges used twice in the same direction/));
  });

  it('reports a duplicated triangle', () => {
    const mesh = cubeMesh();
    const doubled = { positions: mesh.positions, indices: new Uint32Array([...mesh.indices, ...mesh.indices.slice(0, 3)]) };

    const report = verifyMesh(doubled);

    expect(report.ok).toBe(false);
    expect(report.defects).toContainEqual(expect.stringMatching(/^3 edges used twice in the same direction/));
  });

  it('reports zero-area triangles even when the topology is closed', () => {
    // Vertex 7 moved onto vertex 6: indices still form a closed cube, but the triangles
    // holding both (top 4-6-7 and back 2-7-6) collapse to segments.
    const mesh = cloneMesh(cubeMesh());
    mesh.positions.set(mesh.positions.subarray(6 * 3, 6 * 3 + 3), 7 * 3);

    const report = verifyMesh(mesh);

    expect(report.defects).toEqual(['2 degenerate triangles']);
  });

  it('reports a triangle that repeats a vertex index', () => {
    const mesh = cubeMesh();
    const withSpike = { positions: mesh.positions, indices: new Uint32Array([...mesh.indices, 0, 0, 1]) };

    const report = verifyMesh(withSpike);

    expect(report.defects).toContainEqual('1 degenerate triangles');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('reports a non-finite coordinate (%s)', (bad) => {
    const mesh = cloneMesh(cubeMesh());
    mesh.positions[5 * 3 + 1] = bad;

    const report = verifyMesh(mesh);

    expect(report.ok).toBe(false);
    expect(report.defects).toContainEqual('vertex 5 has a non-finite coordinate');
  });

  it('reports a mesh that does not rest on z = 0', () => {
    const mesh = cloneMesh(cubeMesh());
    for (let i = 2; i < mesh.positions.length; i += 3) mesh.positions[i] += 1;

    const report = verifyMesh(mesh);

    expect(report.defects).toEqual(['min z is 1, not 0']);
  });

  it('reports a mesh that reaches below z = 0', () => {
    const mesh = cloneMesh(cubeMesh());
    for (let i = 2; i < mesh.positions.length; i += 3) mesh.positions[i] -= 0.5;

    const report = verifyMesh(mesh);

    expect(report.defects).toEqual(['min z is -0.5, not 0']);
  });

  it('reports an inside-out cube (every triangle flipped) as negative volume', () => {
    const mesh = cloneMesh(cubeMesh());
    for (let t = 0; t < mesh.indices.length; t += 3) [mesh.indices[t + 1], mesh.indices[t + 2]] = [mesh.indices[t + 2], mesh.indices[t + 1]];

    const report = verifyMesh(mesh);

    expect(report.defects).toEqual(['volume is -1000, not positive']);
  });

  it('reports an index past the vertex array', () => {
    const mesh = cloneMesh(cubeMesh());
    mesh.indices[4] = 8;

    const report = verifyMesh(mesh);

    expect(report.ok).toBe(false);
    expect(report.defects).toContainEqual('1 triangles index past the vertex array');
  });

  it('reports an empty mesh and ragged arrays', () => {
    const empty = verifyMesh({ positions: new Float32Array(), indices: new Uint32Array() });
    const ragged = verifyMesh({ positions: cubeMesh().positions.subarray(0, 23), indices: cubeMesh().indices.subarray(0, 35) });

    expect(empty.defects).toContainEqual('no triangles');
    expect(ragged.defects).toContainEqual('array lengths are not multiples of 3');
  });

  it('assertPrintable throws MeshDefectError listing the defects, and passes a good mesh', () => {
    const mesh = cloneMesh(cubeMesh());
    for (let i = 2; i < mesh.positions.length; i += 3) mesh.positions[i] += 2;

    const thrown = (() => {
      try {
        assertPrintable(mesh);
      } catch (error) {
        return error;
      }
    })();

    expect(thrown).toBeInstanceOf(MeshDefectError);
    expect((thrown as MeshDefectError).defects).toEqual(['min z is 2, not 0']);
    expect(() => assertPrintable(cubeMesh())).not.toThrow();
  });
});
