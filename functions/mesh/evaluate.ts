// Evaluates a Solid tree with manifold-3d booleans into one welded, watertight Mesh.
// Every intermediate manifold object is deleted as soon as its parent is built.
import type { Manifold, ManifoldToplevel } from 'manifold-3d';
import { KernelError } from './errors.ts';
import { crossSectionFromGeom2, manifoldFromGeom3 } from './from-jscad.ts';
import { loadManifold } from './runtime.ts';
import type { Solid } from './solid.ts';
import type { Mesh, Vec3 } from './types.ts';

/** Largest distance simplification may move a surface, mm: far below any printer's resolution. */
export const SIMPLIFY_TOLERANCE_MM = 1e-4;

const evaluateNode = (wasm: ManifoldToplevel, node: Solid): Manifold => {
  switch (node.kind) {
    case 'geom3':
      return manifoldFromGeom3(wasm, node.geom);
    case 'extrude': {
      const section = crossSectionFromGeom2(wasm, node.shapes);
      try {
        return section.extrude(node.height);
      } finally {
        section.delete();
      }
    }
    case 'transform': {
      const child = evaluateNode(wasm, node.child);
      try {
        return child.transform(Array.from(node.matrix) as Parameters<Manifold['transform']>[0]);
      } finally {
        child.delete();
      }
    }
    case 'union':
      return combine(wasm, node.children, (parts) => wasm.Manifold.union(parts));
    case 'intersection':
      return combine(wasm, node.children, (parts) => wasm.Manifold.intersection(parts));
    case 'difference':
      return combine(wasm, [node.base, ...node.cutters], (parts) => wasm.Manifold.difference(parts));
  }
};

const combine = (wasm: ManifoldToplevel, children: Solid[], op: (parts: Manifold[]) => Manifold): Manifold => {
  const parts: Manifold[] = [];
  try {
    for (const child of children) parts.push(evaluateNode(wasm, child));
    if (parts.length === 1) return parts.pop()!;
    return op(parts);
  } finally {
    for (const part of parts) part.delete();
  }
};

/**
 * Builds the tree and returns its mesh, centred on x = y = 0 and resting on z = 0, so
 * what a shop gets matches what the customer saw, placed the same way every time.
 */
export const evaluateSolid = async (solid: Solid): Promise<Mesh> => {
  const wasm = await loadManifold();
  return evaluateSolidWith(wasm, solid);
};

/** Synchronous variant for callers that already hold the loaded module. */
export const evaluateSolidWith = (wasm: ManifoldToplevel, solid: Solid): Mesh => {
  const result = evaluateManifoldWith(wasm, solid);
  try {
    const out = result.getMesh();
    return placeMesh(out.vertProperties, out.numProp, out.triVerts, plateOffset(out.vertProperties, out.numProp));
  } finally {
    result.delete();
  }
};

/**
 * The tree as one checked, simplified manifold (the caller deletes it). Throws KernelError
 * when manifold-3d reports a problem or the solid is empty.
 */
export const evaluateManifoldWith = (wasm: ManifoldToplevel, solid: Solid): Manifold => {
  const raw = evaluateNode(wasm, solid);
  let result: Manifold;
  try {
    // Boolean results can hold slivers that become exactly zero-area once coordinates are
    // rounded to float32; collapsing edges shorter than a micrometre removes them while
    // moving no surface by more than that.
    result = raw.simplify(SIMPLIFY_TOLERANCE_MM);
  } finally {
    raw.delete();
  }
  try {
    const status = result.status();
    if (status !== 'NoError') throw new KernelError(`manifold-3d reported ${status}`);
    if (result.isEmpty()) throw new KernelError('the design produced an empty solid');
    return result;
  } catch (error) {
    result.delete();
    throw error;
  }
};

/** The shift that centres x/y on the origin and puts min z at 0, read from float32 positions. */
export const plateOffset = (props: Float32Array, numProp: number): Vec3 => {
  const count = props.length / numProp;
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let v = 0; v < count; v++) {
    for (let a = 0; a < 3; a++) {
      const value = props[v * numProp + a];
      if (value < min[a]) min[a] = value;
      if (value > max[a]) max[a] = value;
    }
  }
  return [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, min[2]];
};

/** Copies positions out of the WASM heap, subtracting `offset`. */
export const placeMesh = (props: Float32Array, numProp: number, triVerts: Uint32Array, offset: Vec3): Mesh => {
  const count = props.length / numProp;
  const positions = new Float32Array(count * 3);
  for (let v = 0; v < count; v++) {
    for (let a = 0; a < 3; a++) positions[v * 3 + a] = props[v * numProp + a] - offset[a];
  }
  return { positions, indices: new Uint32Array(triVerts) };
};
