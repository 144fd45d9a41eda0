// Measurements a quote and a shop need: bounding box, volume, surface area, triangle count.
import type { Measurements, Mesh, Vec3 } from './types.ts';
import { signedVolume6, triangleArea } from './verify.ts';

/** Measures a mesh in millimetres. Volume is exact for a closed, consistently oriented mesh. */
export const measureMesh = ({ positions: p, indices }: Mesh): Measurements => {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < p.length; i += 3) {
    for (let a = 0; a < 3; a++) {
      if (p[i + a] < min[a]) min[a] = p[i + a];
      if (p[i + a] > max[a]) max[a] = p[i + a];
    }
  }
  let volume6 = 0;
  let area = 0;
  for (let t = 0; t < indices.length; t += 3) {
    volume6 += signedVolume6(p, indices[t], indices[t + 1], indices[t + 2]);
    area += triangleArea(p, indices[t], indices[t + 1], indices[t + 2]);
  }
  return {
    bbox: { min, max },
    size: [max[0] - min[0], max[1] - min[1], max[2] - min[2]],
    volume: volume6 / 6,
    surfaceArea: area,
    triangleCount: indices.length / 3,
  };
};
