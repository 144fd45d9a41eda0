// Measuring probes for design tests: where a line crosses a finished mesh, whether a point is
// inside it, and where a plane cuts it. They measure the mesh itself, never the design's maths.
import type { Mesh, Vec3 } from '../../functions/mesh/types.ts';

const EPS = 1e-9;

/** Distances t ≥ 0 along origin + t·dir at which the line crosses the surface, ascending. */
export const rayHits = ({ positions: p, indices }: Mesh, origin: Vec3, dir: Vec3): number[] => {
  const hits: number[] = [];
  for (let i = 0; i < indices.length; i += 3) {
    const [a, b, c] = [indices[i] * 3, indices[i + 1] * 3, indices[i + 2] * 3];
    const e1 = [p[b] - p[a], p[b + 1] - p[a + 1], p[b + 2] - p[a + 2]];
    const e2 = [p[c] - p[a], p[c + 1] - p[a + 1], p[c + 2] - p[a + 2]];
    const h = [dir[1] * e2[2] - dir[2] * e2[1], dir[2] * e2[0] - dir[0] * e2[2], dir[0] * e2[1] - dir[1] * e2[0]];
    const det = e1[0] * h[0] + e1[1] * h[1] + e1[2] * h[2];
    if (Math.abs(det) < EPS) continue;
    const s = [origin[0] - p[a], origin[1] - p[a + 1], origin[2] - p[a + 2]];
    const u = (s[0] * h[0] + s[1] * h[1] + s[2] * h[2]) / det;
    if (u < 0 || u > 1) continue;
    const q = [s[1] * e1[2] - s[2] * e1[1], s[2] * e1[0] - s[0] * e1[2], s[0] * e1[1] - s[1] * e1[0]];
    const v = (dir[0] * q[0] + dir[1] * q[1] + dir[2] * q[2]) / det;
    if (v < 0 || u + v > 1) continue;
    const t = (e2[0] * q[0] + e2[1] * q[1] + e2[2] * q[2]) / det;
    if (t > EPS) hits.push(t);
  }
  hits.sort((x, y) => x - y);
  // A line through a shared edge meets both triangles: count that crossing once.
  return hits.filter((t, i) => i === 0 || t - hits[i - 1] > 1e-6);
};

/** Whether a point lies inside the solid (odd number of crossings on a skewed ray). */
export const isInside = (mesh: Mesh, point: Vec3): boolean => rayHits(mesh, point, [0.5772, 0.5774, 0.5776]).length % 2 === 1;

/**
 * Where the line through `from` along axis `axis` (0 = x, 1 = y, 2 = z) crosses the surface,
 * as coordinates on that axis, ascending.
 */
export const crossings = (mesh: Mesh, from: Vec3, axis: 0 | 1 | 2): number[] => {
  const start: Vec3 = [...from];
  start[axis] = -1e4;
  const dir: Vec3 = [0, 0, 0];
  dir[axis] = 1;
  return rayHits(mesh, start, dir).map((t) => start[axis] + t);
};

/** Points where triangle edges cross the plane `axis` = value (x, y, z triples). */
export const sectionPoints = ({ positions: p, indices }: Mesh, axis: 0 | 1 | 2, value: number): Vec3[] => {
  const points: Vec3[] = [];
  for (let i = 0; i < indices.length; i += 3) {
    for (const [a, b] of [[indices[i], indices[i + 1]], [indices[i + 1], indices[i + 2]], [indices[i + 2], indices[i]]]) {
      const da = p[a * 3 + axis] - value;
      const db = p[b * 3 + axis] - value;
      if (da < 0 === db < 0) continue;
      const s = da / (da - db);
      points.push([0, 1, 2].map((k) => p[a * 3 + k] + s * (p[b * 3 + k] - p[a * 3 + k])) as Vec3);
    }
  }
  return points;
};
