// Converts JSCAD geometry into manifold-3d objects: solids via a welded triangle mesh,
// 2D shapes via Clipper2 cross-sections. The caller owns (and deletes) what it gets back.
import type { CrossSection, Manifold, ManifoldToplevel } from 'manifold-3d';
import { KernelError } from './errors.ts';
import { geometries, type Geom2, type Geom3 } from './jscad.ts';

const { geom2, geom3 } = geometries;

type Point = readonly [number, number, number] | Float32Array | number[];

/** Triangulates one planar polygon: a fan when convex, ear clipping otherwise. */
const triangulatePolygon = (wasm: ManifoldToplevel, points: Point[]): number[][] => {
  if (points.length === 3 || isConvex(points)) {
    const tris: number[][] = [];
    for (let i = 1; i + 1 < points.length; i++) tris.push([0, i, i + 1]);
    return tris;
  }
  // Project onto the plane's dominant axes and let manifold's triangulator handle it.
  const n = newellNormal(points);
  const drop = [Math.abs(n[0]), Math.abs(n[1]), Math.abs(n[2])].indexOf(Math.max(Math.abs(n[0]), Math.abs(n[1]), Math.abs(n[2])));
  const [u, v] = drop === 0 ? [1, 2] : drop === 1 ? [2, 0] : [0, 1];
  const flat = points.map((p) => [p[u], p[v]] as [number, number]);
  const sign = n[drop] < 0 ? -1 : 1;
  const contour = sign > 0 ? flat : flat.map((p) => [p[0], -p[1]] as [number, number]);
  return wasm.triangulate([contour]).map((t) => [t[0], t[1], t[2]]);
};

const newellNormal = (points: Point[]): [number, number, number] => {
  let x = 0, y = 0, z = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i], b = points[(i + 1) % points.length];
    x += (a[1] - b[1]) * (a[2] + b[2]);
    y += (a[2] - b[2]) * (a[0] + b[0]);
    z += (a[0] - b[0]) * (a[1] + b[1]);
  }
  return [x, y, z];
};

const isConvex = (points: Point[]): boolean => {
  const n = newellNormal(points);
  for (let i = 0; i < points.length; i++) {
    const a = points[i], b = points[(i + 1) % points.length], c = points[(i + 2) % points.length];
    const e1 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
    const e2 = [c[0] - b[0], c[1] - b[1], c[2] - b[2]];
    const cross = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
    if (cross[0] * n[0] + cross[1] * n[1] + cross[2] * n[2] < 0) return false;
  }
  return true;
};

/**
 * Numbers vertices equal in value (x, y and z each ===, so 0 and -0 are one) in first-seen
 * order, appending new ones to `coords`. Nested maps on the numbers themselves: formatting three
 * numbers into a string key took most of the conversion time of large solids.
 */
const vertexIndex = (coords: number[]): ((p: Point) => number) => {
  const index = new Map<number, Map<number, Map<number, number>>>();
  return (p) => {
    let byY = index.get(p[0]);
    if (!byY) index.set(p[0], (byY = new Map()));
    let byZ = byY.get(p[1]);
    if (!byZ) byY.set(p[1], (byZ = new Map()));
    let id = byZ.get(p[2]);
    if (id === undefined) {
      id = coords.length / 3;
      byZ.set(p[2], id);
      coords.push(p[0], p[1], p[2]);
    }
    return id;
  };
};

/**
 * Turns a closed JSCAD solid into a Manifold. Vertices equal in value are shared, then
 * manifold's merge() welds the ones that differ by rounding, so the input need not be
 * perfectly welded, only closed.
 */
export const manifoldFromGeom3 = (wasm: ManifoldToplevel, geom: Geom3): Manifold => {
  const polygons = geom3.toPolygons(geom);
  const coords: number[] = [];
  const tris: number[] = [];
  const idOf = vertexIndex(coords);
  for (const polygon of polygons) {
    const points = polygon.vertices as unknown as Point[];
    const ids = points.map(idOf);
    for (const [a, b, c] of triangulatePolygon(wasm, points)) {
      if (ids[a] !== ids[b] && ids[b] !== ids[c] && ids[a] !== ids[c]) tris.push(ids[a], ids[b], ids[c]);
    }
  }
  const mesh = new wasm.Mesh({ numProp: 3, vertProperties: new Float32Array(coords), triVerts: new Uint32Array(tris) });
  mesh.merge();
  try {
    return new wasm.Manifold(mesh);
  } catch (cause) {
    throw new KernelError(`a JSCAD solid is not closed (${polygons.length} polygons)`, { cause });
  }
};

/** How far simplifying a 2D outline may move it, mm (a 0.4 mm nozzle draws nothing this fine). */
export const OUTLINE_TOLERANCE_MM = 0.01;

/** Turns JSCAD 2D shapes (overlaps allowed) into one cross-section: their union. */
export const crossSectionFromGeom2 = (wasm: ManifoldToplevel, shapes: Geom2[]): CrossSection => {
  const parts = shapes.map((shape) => {
    const outlines = geom2.toOutlines(shape).map((outline) => outline.map((p) => [p[0], p[1]] as [number, number]));
    return new wasm.CrossSection(outlines, 'NonZero');
  });
  let union: CrossSection | undefined;
  try {
    union = wasm.CrossSection.union(parts);
    // Overlapping strokes leave corners nanometres apart and round stroke ends carry points
    // far finer than a nozzle can draw; dropping points that bend the outline by under
    // 0.01 mm halves the triangles of text without a visible difference.
    return union.simplify(OUTLINE_TOLERANCE_MM);
  } finally {
    for (const part of parts) part.delete();
    union?.delete();
  }
};
