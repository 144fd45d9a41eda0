// 3MF: the package opened by hand with fflate (not through our reader), its parts checked
// against the 3MF core spec, and every number read back to the exact float32 we wrote.
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MeshFormatError } from '../../functions/mesh/errors.ts';
import { read3mf, write3mf } from '../../functions/mesh/threemf.ts';
import type { Mesh } from '../../functions/mesh/types.ts';
import { cubeMesh, prismMesh, trianglePositions } from '../fixtures/meshes.ts';

const CORE_NS = 'http://schemas.microsoft.com/3dmanufacturing/core/2015/02';

const unpack = (bytes: Uint8Array) => {
  const entries = unzipSync(bytes);
  return Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, strFromU8(data)]));
};

const vertexNumbers = (model: string): number[] =>
  [...model.matchAll(/<vertex x="([^"]+)" y="([^"]+)" z="([^"]+)"\/>/g)].flatMap((m) => [m[1], m[2], m[3]].map(Number));

describe('write3mf', () => {
  it('writes the three OPC parts a slicer needs', () => {
    const files = unpack(write3mf(cubeMesh()));

    expect(Object.keys(files).sort()).toEqual(['3D/3dmodel.model', '[Content_Types].xml', '_rels/.rels']);
    expect(files['[Content_Types].xml']).toContain('<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>');
    expect(files['[Content_Types].xml']).toContain('<Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/>');
    expect(files['_rels/.rels']).toMatch(
      /<Relationship Target="\/3D\/3dmodel\.model" Id="[^"]+" Type="http:\/\/schemas\.microsoft\.com\/3dmanufacturing\/2013\/01\/3dmodel"\/>/,
    );
  });

  it('declares millimetres and the 3MF core namespace on the model element', () => {
    const model = unpack(write3mf(cubeMesh()))['3D/3dmodel.model'];

    const root = /<model [^>]*>/.exec(model)?.[0] ?? '';

    expect(model.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(root).toContain('unit="millimeter"');
    expect(root).toContain(`xmlns="${CORE_NS}"`);
    expect(model).toContain('<build>\n  <item objectid="1"/>\n </build>');
  });

  it.each([
    ['cube', cubeMesh()],
    ['prism', prismMesh(48, 12.3, 4.56)],
  ] as [string, Mesh][])('writes one <vertex> per vertex and one <triangle> per triangle for the %s', (_name, mesh) => {
    const model = unpack(write3mf(mesh))['3D/3dmodel.model'];

    expect(model.match(/<vertex /g)).toHaveLength(mesh.positions.length / 3);
    expect(model.match(/<triangle /g)).toHaveLength(mesh.indices.length / 3);
    const triangles = [...model.matchAll(/<triangle v1="(\d+)" v2="(\d+)" v3="(\d+)"\/>/g)].flatMap((m) => [m[1], m[2], m[3]].map(Number));
    expect(triangles).toEqual(Array.from(mesh.indices));
  });

  it('writes numbers that read back to the exact float32 values', () => {
    // Values chosen to need 1 to 9 significant digits, tiny and huge magnitudes, negatives.
    const awkward = [0.1, 1 / 3, -2.675, 123.456789, 1e-7, 3.4e38, -1.17549435e-38, 16777217, 0.30000001192092896];
    const positions = new Float32Array([...awkward, 0, 0, 0, 0, 0, 0]);
    const mesh: Mesh = { positions, indices: new Uint32Array([0, 1, 2]) };

    const read = vertexNumbers(unpack(write3mf(mesh))['3D/3dmodel.model']);

    expect(read.map(Math.fround)).toEqual(Array.from(positions));
    expect(read.slice(0, 3)).toEqual([0.1, 0.33333334, -2.675]); // shortest text, not 9 digits
  });

  it('escapes metadata and is deterministic (same mesh, same bytes)', () => {
    const mesh = prismMesh(16, 5, 5);

    const first = write3mf(mesh, { title: 'Tom & "Jerry" <3', designer: 'Atelier' });
    const second = write3mf(mesh, { title: 'Tom & "Jerry" <3', designer: 'Atelier' });

    expect(second).toEqual(first);
    expect(unpack(first)['3D/3dmodel.model']).toContain('<metadata name="Title">Tom &amp; &quot;Jerry&quot; &lt;3</metadata>');
  });
});

describe('read3mf', () => {
  it('reads back the same triangles in millimetres', () => {
    const mesh = prismMesh(20, 7.7, 3.3);

    const read = read3mf(write3mf(mesh));

    expect(read.unit).toBe('millimeter');
    expect(trianglePositions(read.mesh)).toEqual(trianglePositions(mesh));
  });

  it('refuses bytes that are not a zip and a zip without the model', () => {
    expect(() => read3mf(new Uint8Array([1, 2, 3, 4]))).toThrow(MeshFormatError);
    expect(() => read3mf(zipSync({}))).toThrow(/lacks \[Content_Types\]\.xml/);
  });
});
