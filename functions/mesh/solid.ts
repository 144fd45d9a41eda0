// A solid as a small CSG tree: leaves are JSCAD geometry, inner nodes are booleans and
// transforms. Designs return a tree and never touch WASM; an evaluator (manifold-3d here,
// JSCAD's own booleans in the benchmark) turns it into geometry and owns all memory.
import { maths, type Geom2, type Geom3, type Mat4 } from './jscad.ts';
import type { Vec3 } from './types.ts';

const { mat4 } = maths;

export type Solid =
  | { kind: 'geom3'; geom: Geom3 }
  | { kind: 'extrude'; shapes: Geom2[]; height: number }
  | { kind: 'union'; children: Solid[] }
  | { kind: 'difference'; base: Solid; cutters: Solid[] }
  | { kind: 'intersection'; children: Solid[] }
  | { kind: 'transform'; matrix: Mat4; child: Solid };

/** Wraps a closed JSCAD solid (primitive, extrusion, hull, transformed) as a leaf. */
export const fromGeom3 = (geom: Geom3): Solid => ({ kind: 'geom3', geom });

/**
 * Extrudes the union of 2D shapes (which may overlap, e.g. expanded text strokes) from
 * z = 0 to z = height. The union is done in 2D, which is exact and cheap.
 */
export const extrudeShapes = (shapes: Geom2[], height: number): Solid => ({ kind: 'extrude', shapes, height });

export const union = (...children: Solid[]): Solid => ({ kind: 'union', children });

/** `base` minus every cutter. */
export const difference = (base: Solid, ...cutters: Solid[]): Solid => ({ kind: 'difference', base, cutters });

export const intersection = (...children: Solid[]): Solid => ({ kind: 'intersection', children });

export const transform = (matrix: Mat4, child: Solid): Solid => ({ kind: 'transform', matrix, child });

export const translate = (offset: Vec3, child: Solid): Solid =>
  transform(mat4.fromTranslation(mat4.create(), offset), child);

/** Rotates by [x, y, z] radians (applied x, then y, then z, as JSCAD's rotate does). */
export const rotate = (angles: Vec3, child: Solid): Solid =>
  transform(mat4.fromTaitBryanRotation(mat4.create(), angles[2], angles[1], angles[0]), child);
