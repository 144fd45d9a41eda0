// Multi-part items: a design may return several bodies (a base and its letters), each printed
// in its own filament. Each body is evaluated on its own; bodies may touch but must not
// overlap; the whole item is their union, and every part is placed with the whole's offset,
// so the parts sit where they sit on the finished item.
import type { Manifold, ManifoldToplevel } from 'manifold-3d';
import { evaluateManifoldWith, evaluateSolidWith, placeMesh, plateOffset, SIMPLIFY_TOLERANCE_MM } from './evaluate.ts';
import { KernelError } from './errors.ts';
import { loadManifold } from './runtime.ts';
import { union, type Solid } from './solid.ts';
import { SINGLE_PART, type Mesh, type PartInfo } from './types.ts';

/** One body of an item: which part it is and its geometry. */
export interface Body extends PartInfo {
  solid: Solid;
}

/** One evaluated part: its info and its mesh, placed in the item's frame. */
export interface PartMesh extends PartInfo {
  mesh: Mesh;
}

/**
 * Bodies that may name the whole item as one Solid, the same shape as their union built so no
 * faces merely touch (letters sunk 0.01 mm into their base): a union of exactly touching
 * parts can leave float32 slivers, so a design that knows its whole says it.
 */
export type Bodies = Body[] & { whole?: Solid };

/** Attaches the whole item's Solid to the bodies. */
export const withWhole = (bodies: Body[], whole: Solid): Bodies => Object.assign(bodies, { whole });

/** The whole item (the union of its parts) and each part. */
export interface EvaluatedItem {
  whole: Mesh;
  parts: PartMesh[];
}

/** Overlap allowed between two bodies, mm³: touching faces give float noise, never a real volume. */
export const MAX_OVERLAP_MM3 = 1e-3;

/** What build() returns, as bodies: a lone Solid is the one body of a single-part item. */
export const asBodies = (built: Solid | Body[]): Body[] => (Array.isArray(built) ? built : [{ ...SINGLE_PART, solid: built }]);

/** What build() returns, as one Solid tree (the union of the bodies): for callers that need no parts. */
export const asSolid = (built: Solid | Bodies): Solid =>
  Array.isArray(built) ? (built.whole ?? union(...built.map((body) => body.solid))) : built;

/** Throws KernelError for an empty list, a repeated role or a slot that is not a small whole number. */
const checkBodies = (bodies: Body[]): void => {
  if (bodies.length === 0) throw new KernelError('the design returned no bodies');
  const roles = new Set<string>();
  for (const body of bodies) {
    if (!body.role || roles.has(body.role)) throw new KernelError(`body role "${body.role}" is empty or repeated`);
    roles.add(body.role);
    if (!Number.isInteger(body.colourSlot) || body.colourSlot < 0 || body.colourSlot > 15) {
      throw new KernelError(`body "${body.role}" has colour slot ${body.colourSlot}`);
    }
  }
};

/** Throws KernelError naming the first two bodies whose intersection has volume. */
const checkNoOverlap = (wasm: ManifoldToplevel, bodies: Body[], manifolds: Manifold[]): void => {
  for (let i = 0; i < manifolds.length; i++) {
    for (let j = i + 1; j < manifolds.length; j++) {
      const common = wasm.Manifold.intersection([manifolds[i], manifolds[j]]);
      try {
        const volume = common.volume();
        if (volume > MAX_OVERLAP_MM3) {
          throw new KernelError(`parts "${bodies[i].role}" and "${bodies[j].role}" overlap by ${volume.toFixed(3)} mm³`);
        }
      } finally {
        common.delete();
      }
    }
  }
};

/**
 * The parts' union, simplified like any evaluated solid (float32 slivers become degenerate
 * triangles otherwise) unless simplifying changed its volume: across the faces touching parts
 * share it can collapse a whole feature (a letter's face on the desk sign lost 14 mm³).
 */
const unionOfParts = (wasm: ManifoldToplevel, manifolds: Manifold[]): Manifold => {
  const joined = wasm.Manifold.union(manifolds);
  const simplified = joined.simplify(SIMPLIFY_TOLERANCE_MM);
  const sum = manifolds.reduce((total, m) => total + m.volume(), 0);
  if (Math.abs(simplified.volume() - sum) <= Math.max(MAX_OVERLAP_MM3, sum * 1e-6)) {
    joined.delete();
    return simplified;
  }
  simplified.delete();
  return joined;
};

/**
 * Evaluates every body; for one body the whole and the part are the same mesh, exactly what
 * evaluateSolidWith gives. Throws KernelError when a body fails or two bodies overlap.
 */
export const evaluateBodiesWith = (wasm: ManifoldToplevel, bodies: Bodies): EvaluatedItem => {
  checkBodies(bodies);
  if (bodies.length === 1) {
    const [{ role, label, colourSlot, solid }] = bodies;
    const mesh = evaluateSolidWith(wasm, solid);
    return { whole: mesh, parts: [{ role, label, colourSlot, mesh }] };
  }
  const manifolds: Manifold[] = [];
  let whole: Manifold | undefined;
  try {
    for (const body of bodies) manifolds.push(evaluateManifoldWith(wasm, body.solid));
    checkNoOverlap(wasm, bodies, manifolds);
    whole = bodies.whole ? evaluateManifoldWith(wasm, bodies.whole) : unionOfParts(wasm, manifolds);
    const wholeMesh = whole.getMesh();
    // Every part moves with the whole, so the parts stay where they sit on it.
    const offset = plateOffset(wholeMesh.vertProperties, wholeMesh.numProp);
    const parts = bodies.map(({ role, label, colourSlot }, i) => {
      const out = manifolds[i].getMesh();
      return { role, label, colourSlot, mesh: placeMesh(out.vertProperties, out.numProp, out.triVerts, offset) };
    });
    return { whole: placeMesh(wholeMesh.vertProperties, wholeMesh.numProp, wholeMesh.triVerts, offset), parts };
  } finally {
    whole?.delete();
    for (const manifold of manifolds) manifold.delete();
  }
};

/** Async variant that loads manifold-3d first. */
export const evaluateBodies = async (bodies: Bodies): Promise<EvaluatedItem> => evaluateBodiesWith(await loadManifold(), bodies);
