// "Every intermediate manifold object is freed", checked two independent ways:
//
// 1. Handle count (exact, for our code): every Manifold / CrossSection the evaluator obtains
//    from manifold-3d is recorded by wrapping the module's constructors, static functions and
//    methods (test/fixtures/embind-tracker.ts); after an evaluation, success or failure, none
//    may still answer isDeleted() === false. A deliberate leak is shown to be caught.
// 2. Heap plateau (coarse, catches leaks inside the library too): manifold-3d does not export
//    its WebAssembly.Memory, so we capture it at instantiation (test/fixtures/wasm-memory.ts).
//    WASM memory never shrinks; after a warm-up, 300 builds must not grow it at all. A leak
//    of a few kilobytes per build could hide in free heap space, which is why (1) exists;
//    a leaked part-sized object per build cannot, as the last test shows.
import type { ManifoldToplevel } from 'manifold-3d';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureWasmMemory, wasmMemoryBytes } from '../fixtures/wasm-memory.ts';
import { catalogue, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import type { AnyDesign, Params } from '../../functions/designs/types.ts';
import { defaultParams, validateParams } from '../../functions/designs/validate.ts';
import { evaluateSolidWith } from '../../functions/mesh/evaluate.ts';
import { KernelError } from '../../functions/mesh/errors.ts';
import { geometries, primitives } from '../../functions/mesh/jscad.ts';
import { loadManifold } from '../../functions/mesh/runtime.ts';
import { difference, extrudeShapes, fromGeom3, intersection, rotate, translate, union, type Solid } from '../../functions/mesh/solid.ts';
import { trackHandles, type HandleTracker } from '../fixtures/embind-tracker.ts';
import { largestParams } from '../../functions/designs/kit/largest-params.ts';
import { extremeParams } from '../../functions/designs/kit/extremes.ts';
import { asBodies, asSolid, evaluateBodiesWith } from '../../functions/mesh/bodies.ts';

await prepareCatalogue();

// Must run before the module is instantiated (loadManifold is lazy, called in beforeAll).
captureWasmMemory();

const WARM_UP_BUILDS = 30;
const PLATEAU_BUILDS = 300;

const box = (size: [number, number, number], center: [number, number, number] = [0, 0, 0]): Solid => fromGeom3(primitives.cuboid({ size, center }));

/** A tree with every node kind, nested: geom3, extrude, transform, union, intersection, difference. */
const everyNodeKind = (): Solid =>
  difference(
    union(
      box([30, 20, 5], [0, 0, 2.5]),
      translate([0, 0, 5], extrudeShapes([primitives.circle({ radius: 6, segments: 24 }), primitives.rectangle({ size: [14, 4] })], 3)),
    ),
    rotate([0, 0, Math.PI / 4], intersection(box([8, 8, 40]), fromGeom3(primitives.cylinder({ radius: 5, height: 40, segments: 24 })))),
    box([4, 4, 4], [12, 0, 2]),
  );

const designCases = (): [string, AnyDesign, Params][] =>
  catalogue.flatMap((design) => [
    [`${design.id} defaults`, design, defaultParams(design)] as [string, AnyDesign, Params],
    [`${design.id} largest`, design, largestParams(design).params] as [string, AnyDesign, Params],
    // The smallest configuration too, where a design's rules allow it.
    ...extremeParams(design)
      .filter((set) => set.name === 'all low' && validateParams(design, set.input).ok)
      .map((set) => [`${design.id} ${set.name}`, design, set.input] as [string, AnyDesign, Params]),
  ]);

let wasm: ManifoldToplevel;
let tracker: HandleTracker;

beforeAll(async () => {
  wasm = await loadManifold();
  tracker = trackHandles(wasm);
});
afterAll(() => tracker.restore());
beforeEach(() => tracker.reset());

describe('handle count', () => {
  it('sees a handle that is not deleted, and sees it go when deleted (the check can fail)', () => {
    // prepare: a leaky "evaluator" that forgets its inputs
    const a = wasm.Manifold.cube([1, 1, 1]);
    const b = new wasm.Manifold(new wasm.Mesh({ numProp: 3, vertProperties: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]), triVerts: new Uint32Array([0, 2, 1, 0, 1, 3, 1, 2, 3, 0, 3, 2]) }));
    const sum = wasm.Manifold.union([a, b]);
    const moved = sum.translate([1, 2, 3]);
    const section = wasm.CrossSection.square([2, 2]);

    // act / assert: all five are live, then none
    expect(tracker.live()).toHaveLength(5);
    for (const handle of [a, b, sum, moved, section]) handle.delete();
    expect(tracker.live()).toEqual([]);
  });

  it('frees every intermediate of a tree with every node kind', () => {
    const mesh = evaluateSolidWith(wasm, everyNodeKind());

    expect(mesh.indices.length).toBeGreaterThan(0);
    // 5 leaves, 2 cross-sections, extrude, 2 transforms, 3 booleans at least.
    expect(tracker.created.size).toBeGreaterThanOrEqual(13);
    expect(tracker.live()).toEqual([]);
  });

  it.each(designCases())('frees every intermediate building %s', (_name, design, input) => {
    const result = validateParams(design, input);
    expect(result.ok, JSON.stringify(result)).toBe(true);

    evaluateBodiesWith(wasm, asBodies(design.build((result as { params: Params }).params)));

    expect(tracker.created.size).toBeGreaterThan(1);
    expect(tracker.live()).toEqual([]);
  });

  it('frees everything when the result is empty (KernelError)', () => {
    const emptied = union(box([5, 5, 5]), difference(box([10, 10, 10]), box([20, 20, 20])));
    const nothing = intersection(box([10, 10, 10]), box([10, 10, 10], [50, 0, 0]));

    expect(() => evaluateSolidWith(wasm, difference(box([10, 10, 10]), box([20, 20, 20])))).toThrow(KernelError);
    expect(() => evaluateSolidWith(wasm, nothing)).toThrow(KernelError);
    expect(evaluateSolidWith(wasm, emptied).indices.length).toBeGreaterThan(0);
    expect(tracker.created.size).toBeGreaterThan(6);
    expect(tracker.live()).toEqual([]);
  });

  it('frees the parts already built when a later leaf fails to convert', () => {
    const open = fromGeom3(geometries.geom3.fromPoints([[[0, 0, 0], [1, 0, 0], [0, 1, 0]]]));
    const tree = union(box([10, 10, 10]), translate([5, 0, 0], box([3, 3, 3])), open);

    expect(() => evaluateSolidWith(wasm, tree)).toThrow(/not closed/);
    expect(tracker.created.size).toBeGreaterThanOrEqual(3);
    expect(tracker.live()).toEqual([]);
  });
});

describe('heap plateau', () => {
  const builds = (): Solid[] => [everyNodeKind(), ...catalogue.map((design) => asSolid(design.build(defaultParams(design))))];

  it(`does not grow WASM memory over ${PLATEAU_BUILDS} builds after warm-up`, () => {
    const trees = builds();
    for (let i = 0; i < WARM_UP_BUILDS; i++) evaluateSolidWith(wasm, trees[i % trees.length]);
    const before = wasmMemoryBytes();
    expect(before, 'WASM memory was not captured: was manifold-3d loaded before captureWasmMemory()?').toBeGreaterThan(0);

    for (let i = 0; i < PLATEAU_BUILDS; i++) evaluateSolidWith(wasm, trees[i % trees.length]);

    expect(wasmMemoryBytes()).toBe(before);
  });

  it('does grow it when each build leaks one part-sized object (the plateau check can fail)', () => {
    const tree = everyNodeKind();
    const before = wasmMemoryBytes()!;

    for (let i = 0; i < PLATEAU_BUILDS; i++) {
      evaluateSolidWith(wasm, tree);
      wasm.Manifold.sphere(20, 96); // ~18k triangles, never deleted
    }

    expect(wasmMemoryBytes()).toBeGreaterThan(before);
  });
});
