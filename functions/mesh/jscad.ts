// One entry point to @jscad/modeling. The package is CommonJS, so Node's ESM loader only
// sees its default export; designs import the namespaces they need from here.
import modeling from '@jscad/modeling';

export type { Geom2, Geom3, Path2, Poly3 } from '@jscad/modeling/src/geometries/types.js';

export const {
  booleans,
  colors,
  curves,
  expansions,
  extrusions,
  geometries,
  hulls,
  maths,
  measurements,
  modifiers,
  primitives,
  text,
  transforms,
  utils,
} = modeling;

/** A column-major 4×4 matrix, the layout JSCAD and manifold-3d share. */
export type Mat4 = ReturnType<typeof maths.mat4.create>;
