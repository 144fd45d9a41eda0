// What a JSCAD script holds after calling union/subtract/intersect under Atelier: not geometry
// but the Solid tree the boolean stands for, evaluated by manifold-3d after main() returns.
// Also turns whatever main() returned (one shape, a tree, or a nested array of them) into one Solid.
import { geometries, type Geom3 } from '../../mesh/jscad.ts';
import { fromGeom3, union, type Solid } from '../../mesh/solid.ts';

const { geom2, geom3, path2 } = geometries;

/** The result of a 3D boolean inside a script: a Solid tree, opaque to JSCAD's own functions. */
export class DeferredSolid {
  constructor(readonly solid: Solid) {}
}

export const isDeferred = (value: unknown): value is DeferredSolid => value instanceof DeferredSolid;

/** True for what can take part in a 3D boolean: a JSCAD solid or a deferred one. */
export const isSolidLike = (value: unknown): value is Geom3 | DeferredSolid => isDeferred(value) || geom3.isA(value as Geom3);

/** The tree for one 3D value: a deferred solid's own tree, or a JSCAD solid as a leaf. */
export const solidOf = (value: Geom3 | DeferredSolid): Solid => (isDeferred(value) ? value.solid : fromGeom3(value));

const describe = (value: unknown): string =>
  geom2.isA(value as never) ? 'a 2D shape (extrude it first)' : path2.isA(value as never) ? 'a 2D path' : `a ${typeof value}`;

/**
 * The single printable body main() returned: several solids are unioned (jscad.app shows them
 * together; Atelier prints them as one body).
 * @example resultToSolid([cuboid(), subtract(a, b)]) // → union(leaf, difference)
 */
export const resultToSolid = (result: unknown): Solid => {
  const items = [result].flat(Infinity as 1);
  if (items.length === 0) throw new Error('main() returned nothing to print');
  const bad = items.find((item) => !isSolidLike(item));
  if (bad !== undefined) throw new Error(`main() returned ${describe(bad)}; Atelier prints only 3D solids`);
  const solids = items.map((item) => solidOf(item as Geom3 | DeferredSolid));
  return solids.length === 1 ? solids[0] : union(...solids);
};
