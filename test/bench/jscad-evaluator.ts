// A reference evaluator for the benchmark: the same Solid tree evaluated with @jscad/modeling's
// own booleans instead of manifold-3d, to measure what the kernel saves (time, open edges).
// 'extrude' nodes: the 2D shapes are unioned with JSCAD's 2D booleans, then extrudeLinear.
import { booleans, extrusions, geometries, type Geom2, type Geom3 } from '../../functions/mesh/jscad.ts';
import type { Solid } from '../../functions/mesh/solid.ts';

const { geom2, geom3 } = geometries;

const unionOf2d = (shapes: Geom2[]): Geom2 => (shapes.length === 0 ? geom2.create() : shapes.length === 1 ? shapes[0] : (booleans.union(...shapes) as Geom2));

export const evaluateWithJscad = (node: Solid): Geom3 => {
  switch (node.kind) {
    case 'geom3':
      return node.geom;
    case 'extrude':
      return extrusions.extrudeLinear({ height: node.height }, unionOf2d(node.shapes)) as Geom3;
    case 'transform':
      return geom3.transform(node.matrix, evaluateWithJscad(node.child));
    case 'union':
      return node.children.length === 1 ? evaluateWithJscad(node.children[0]) : (booleans.union(...node.children.map(evaluateWithJscad)) as Geom3);
    case 'intersection':
      return node.children.length === 1 ? evaluateWithJscad(node.children[0]) : (booleans.intersect(...node.children.map(evaluateWithJscad)) as Geom3);
    case 'difference':
      return node.cutters.length === 0
        ? evaluateWithJscad(node.base)
        : (booleans.subtract(evaluateWithJscad(node.base), ...node.cutters.map(evaluateWithJscad)) as Geom3);
  }
};
