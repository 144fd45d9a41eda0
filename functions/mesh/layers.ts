// Cuts a mesh into the slicer's layers without a slicer: per layer, the cross-section's area
// and outline length, and how much of it lies under a top or over a bottom surface (where a
// slicer prints solid layers). One pass over the triangles; the print estimate's features.
import type { Mesh } from './types.ts';

/** How the layers are cut; the defaults follow the reference profiles (0.2 mm, first layer 0.2 mm). */
export interface LayerOptions {
  /** Layer height, mm (the first layer has the same height). */
  layerMm: number;
  /** Solid layers under a top surface. */
  topLayers: number;
  /** Solid layers over a bottom surface. */
  bottomLayers: number;
}

export const DEFAULT_LAYER_OPTIONS: Readonly<LayerOptions> = Object.freeze({ layerMm: 0.2, topLayers: 6, bottomLayers: 4 });

/** Per layer i (bottom first, cut at (i + ½) × layerMm + 0.1 µm). */
export interface LayerSections {
  layerMm: number;
  /** Cross-section area, mm². */
  area: Float64Array;
  /** Outline length (all contours, holes included), mm. */
  outline: Float64Array;
  /** Horizontal area of the top and bottom surfaces within the solid-layer reach of this layer, mm². */
  skin: Float64Array;
}

/** How far above a layer's mid-height it is cut, mm. */
const PLANE_OFFSET_MM = 1e-4;

/** The height layer i is cut at. */
const planeZ = (i: number, layerMm: number): number => (i + 0.5) * layerMm + PLANE_OFFSET_MM;

/** Number of layers a height takes, rounding away float noise (10 / 0.2 = 50.000000000000007). */
export const layerCount = (heightMm: number, layerMm: number): number => Math.max(1, Math.ceil(Math.round((heightMm / layerMm) * 1e6) / 1e6));

/**
 * Cuts a closed, outward-oriented mesh resting on z = 0 at every layer's mid-plane (a hair above). Area comes
 * from the shoelace sum of the oriented cut segments, so holes subtract themselves.
 * @example const s = layerSections(mesh); s.area.length // layers
 */
export const layerSections = (mesh: Mesh, options: LayerOptions = DEFAULT_LAYER_OPTIONS): LayerSections => {
  const { layerMm: h, topLayers, bottomLayers } = options;
  const p = mesh.positions;
  const idx = mesh.indices;
  let zMax = 0;
  for (let i = 2; i < p.length; i += 3) zMax = Math.max(zMax, p[i]);
  const n = layerCount(zMax, h);
  const area = new Float64Array(n);
  const outline = new Float64Array(n);
  const skinDiff = new Float64Array(n + 1);
  const spread = (from: number, to: number, value: number) => {
    const a = Math.max(0, from);
    const b = Math.min(n, to);
    if (a >= b) return;
    skinDiff[a] += value;
    skinDiff[b] -= value;
  };
  for (let t = 0; t < idx.length; t += 3) {
    const a = idx[t] * 3, b = idx[t + 1] * 3, c = idx[t + 2] * 3;
    const ax = p[a], ay = p[a + 1], az = p[a + 2];
    const bx = p[b], by = p[b + 1], bz = p[b + 2];
    const cx = p[c], cy = p[c + 1], cz = p[c + 2];
    // Unnormalised normal: (b − a) × (c − a); its z over 2 is the signed projected area.
    const nx = (by - ay) * (cz - az) - (bz - az) * (cy - ay);
    const ny = (bz - az) * (cx - ax) - (bx - ax) * (cz - az);
    const nz = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    const lo = Math.min(az, bz, cz);
    const hi = Math.max(az, bz, cz);
    // Top and bottom skins: the projected area, spread over the layers the triangle spans.
    const projected = Math.abs(nz) / 2;
    if (projected > 0) {
      const layerOf = (z: number) => (nz > 0 ? Math.ceil(z / h - 1e-6) - 1 : Math.floor(z / h + 1e-6));
      const first = Math.max(0, Math.min(n - 1, layerOf(lo)));
      const last = Math.max(first, Math.min(n - 1, layerOf(hi)));
      const share = projected / (last - first + 1);
      for (let j = first; j <= last; j++) {
        if (nz > 0) spread(j - topLayers + 1, j + 1, share);
        else spread(j, j + bottomLayers, share);
      }
    }
    if (hi <= lo) continue;
    // Layer i's plane is a hair above its mid-height, so faces designed on a 0.1 mm grid never lie
    // on it; the triangle is cut when lo ≤ z < hi (a vertex exactly on the plane counts as below).
    const i0 = Math.max(0, Math.ceil((lo - PLANE_OFFSET_MM) / h - 0.5));
    const i1 = Math.min(n - 1, Math.ceil((hi - PLANE_OFFSET_MM) / h - 0.5) - 1);
    for (let i = i0; i <= i1; i++) {
      const z = planeZ(i, h);
      // The two edges whose ends lie on either side of the plane.
      let k = 0;
      let x0 = 0, y0 = 0, x1 = 0, y1 = 0;
      for (let e = 0; e < 3; e++) {
        const pi = e === 0 ? a : e === 1 ? b : c;
        const qi = e === 0 ? b : e === 1 ? c : a;
        const pz = p[pi + 2], qz = p[qi + 2];
        if (pz <= z === qz <= z) continue;
        const s = (z - pz) / (qz - pz);
        const x = p[pi] + s * (p[qi] - p[pi]);
        const y = p[pi + 1] + s * (p[qi + 1] - p[pi + 1]);
        if (k++ === 0) {
          x0 = x;
          y0 = y;
        } else {
          x1 = x;
          y1 = y;
        }
      }
      if (k !== 2) continue;
      const length = Math.hypot(x1 - x0, y1 - y0);
      // Orient the cut so the outward normal is on its right: then outer contours run counter-clockwise.
      const sign = (y1 - y0) * nx - (x1 - x0) * ny < 0 ? -1 : 1;
      outline[i] += length;
      area[i] += (sign * (x0 * y1 - x1 * y0)) / 2;
    }
  }
  const skin = new Float64Array(n);
  let running = 0;
  for (let i = 0; i < n; i++) skin[i] = running += skinDiff[i];
  return { layerMm: h, area, outline, skin };
};
