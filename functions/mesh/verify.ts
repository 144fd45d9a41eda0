// An independent check of the mesh contract. It trusts nothing the kernel says: it looks
// only at positions and indices, so a bug in manifold-3d or in our conversion is caught here.
import { MeshDefectError } from './errors.ts';
import type { Mesh } from './types.ts';

/** Smallest triangle area (mm²) we accept; below this a slicer would see a sliver of nothing. */
export const MIN_TRIANGLE_AREA = 1e-10;

export interface VerifyReport {
  ok: boolean;
  defects: string[];
}

/**
 * Checks: finite coordinates, indices in range, no degenerate triangles, every edge shared
 * by exactly two triangles in opposite directions, positive volume, min z exactly 0 (unless
 * `onPlate` is false: a part of a multi-part item, e.g. letters on a base, may start higher).
 * @example if (!verifyMesh(mesh).ok) throw ...
 */
export const verifyMesh = (mesh: Mesh, { onPlate = true }: { onPlate?: boolean } = {}): VerifyReport => {
  const { positions: p, indices } = mesh;
  const defects: string[] = [];
  const vertexCount = p.length / 3;
  if (p.length % 3 !== 0 || indices.length % 3 !== 0) defects.push('array lengths are not multiples of 3');
  if (indices.length === 0) defects.push('no triangles');

  let minZ = Infinity;
  for (let i = 0; i < p.length; i++) {
    if (!Number.isFinite(p[i])) {
      defects.push(`vertex ${Math.floor(i / 3)} has a non-finite coordinate`);
      break;
    }
    if (i % 3 === 2 && p[i] < minZ) minZ = p[i];
  }
  if (onPlate && minZ !== 0 && indices.length > 0) defects.push(`min z is ${minZ}, not 0`);

  const directed = new Map<number, number>();
  let degenerate = 0;
  let outOfRange = 0;
  let volume6 = 0;
  for (let t = 0; t < indices.length; t += 3) {
    const a = indices[t], b = indices[t + 1], c = indices[t + 2];
    if (a >= vertexCount || b >= vertexCount || c >= vertexCount) {
      outOfRange++;
      continue;
    }
    if (a === b || b === c || a === c || triangleArea(p, a, b, c) < MIN_TRIANGLE_AREA) degenerate++;
    for (const [from, to] of [[a, b], [b, c], [c, a]]) {
      const key = from * vertexCount + to;
      directed.set(key, (directed.get(key) ?? 0) + 1);
    }
    volume6 += signedVolume6(p, a, b, c);
  }
  if (outOfRange) defects.push(`${outOfRange} triangles index past the vertex array`);
  if (degenerate) defects.push(`${degenerate} degenerate triangles`);

  let repeated = 0;
  let open = 0;
  for (const [key, count] of directed) {
    if (count > 1) repeated++;
    const from = Math.floor(key / vertexCount);
    const to = key - from * vertexCount;
    if (!directed.has(to * vertexCount + from)) open++;
  }
  if (repeated) defects.push(`${repeated} edges used twice in the same direction (non-manifold or flipped)`);
  if (open) defects.push(`${open} open edges`);
  if (!(volume6 > 0)) defects.push(`volume is ${volume6 / 6}, not positive`);
  return { ok: defects.length === 0, defects };
};

/** Throws MeshDefectError when the mesh breaks the contract. */
export const assertPrintable = (mesh: Mesh): void => {
  const report = verifyMesh(mesh);
  if (!report.ok) throw new MeshDefectError(report.defects);
};

export const triangleArea = (p: Float32Array, a: number, b: number, c: number): number => {
  const [x, y, z] = cross(p, a, b, c);
  return Math.hypot(x, y, z) / 2;
};

/** Cross product (b - a) × (c - a), unnormalized. */
export const cross = (p: Float32Array, a: number, b: number, c: number): [number, number, number] => {
  const ux = p[b * 3] - p[a * 3], uy = p[b * 3 + 1] - p[a * 3 + 1], uz = p[b * 3 + 2] - p[a * 3 + 2];
  const vx = p[c * 3] - p[a * 3], vy = p[c * 3 + 1] - p[a * 3 + 1], vz = p[c * 3 + 2] - p[a * 3 + 2];
  return [uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx];
};

/** Six times the signed volume of the tetrahedron (origin, a, b, c). */
export const signedVolume6 = (p: Float32Array, a: number, b: number, c: number): number => {
  const ax = p[a * 3], ay = p[a * 3 + 1], az = p[a * 3 + 2];
  const bx = p[b * 3], by = p[b * 3 + 1], bz = p[b * 3 + 2];
  const cx = p[c * 3], cy = p[c * 3 + 1], cz = p[c * 3 + 2];
  return ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
};
