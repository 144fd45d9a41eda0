// Binary STL: the lowest common denominator every slicer reads. Facet normals are computed
// from the triangle itself; the header is fixed so the same mesh gives the same bytes.
import { MeshFormatError } from './errors.ts';
import type { Mesh } from './types.ts';
import { cross } from './verify.ts';
import { weldSoup } from './weld.ts';

const HEADER = 'Atelier binary STL - units: millimetre';

/** Writes a binary STL (little-endian, 50 bytes per facet). */
export const writeStl = ({ positions: p, indices }: Mesh): Uint8Array => {
  const count = indices.length / 3;
  const bytes = new Uint8Array(84 + count * 50);
  for (let i = 0; i < 80; i++) bytes[i] = i < HEADER.length ? HEADER.charCodeAt(i) : 0x20;
  const view = new DataView(bytes.buffer);
  view.setUint32(80, count, true);
  let offset = 84;
  for (let t = 0; t < indices.length; t += 3) {
    const a = indices[t], b = indices[t + 1], c = indices[t + 2];
    const n = cross(p, a, b, c);
    const length = Math.hypot(n[0], n[1], n[2]) || 1;
    for (let k = 0; k < 3; k++) view.setFloat32(offset + k * 4, n[k] / length, true);
    offset += 12;
    for (const v of [a, b, c]) {
      for (let k = 0; k < 3; k++) view.setFloat32(offset + k * 4, p[v * 3 + k], true);
      offset += 12;
    }
    view.setUint16(offset, 0, true);
    offset += 2;
  }
  return bytes;
};

export interface ParsedStl {
  mesh: Mesh;
  /** The stored facet normals, three floats per triangle. */
  normals: Float32Array;
}

/** Reads a binary STL back into a welded mesh, keeping the stored normals for checks. */
export const readStl = (bytes: Uint8Array): ParsedStl => {
  if (bytes.length < 84) throw new MeshFormatError('STL is shorter than its 84-byte header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(80, true);
  if (bytes.length !== 84 + count * 50) throw new MeshFormatError(`STL says ${count} facets but has ${bytes.length} bytes`);
  const soup = new Float32Array(count * 9);
  const normals = new Float32Array(count * 3);
  for (let t = 0; t < count; t++) {
    const base = 84 + t * 50;
    for (let k = 0; k < 3; k++) normals[t * 3 + k] = view.getFloat32(base + k * 4, true);
    for (let k = 0; k < 9; k++) soup[t * 9 + k] = view.getFloat32(base + 12 + k * 4, true);
  }
  return { mesh: weldSoup(soup), normals };
};
