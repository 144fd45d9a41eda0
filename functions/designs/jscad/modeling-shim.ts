// The @jscad/modeling a design script gets from require() under Atelier: JSCAD itself, except
// that 3D union/subtract/intersect build our Solid tree (evaluated by manifold-3d, watertight)
// instead of running JSCAD's BSP booleans (which leave T-junctions, i.e. open edges).
// Primitives, 2D shapes and 2D booleans, extrusions and hulls stay JSCAD's and become leaves.
// Affine transforms and colorize on a boolean's result are replayed on an empty stand-in solid
// to read back the matrix JSCAD composed, so their every option works unchanged. Any other
// function given a boolean's result (measure, hull, expand, center, align ...) throws a message
// saying to apply it before combining: that result exists only after main() returns.
import { booleans, colors, curves, expansions, extrusions, geometries, hulls, maths, measurements, modifiers, primitives, text, transforms, utils } from '../../mesh/jscad.ts';
import { difference, intersection, transform, union, type Solid } from '../../mesh/solid.ts';
import { DeferredSolid, isDeferred, isSolidLike, solidOf } from './deferred-solid.ts';

/** The real @jscad/modeling, as `require('@jscad/modeling')` returns it in jscad.app. */
export const jscadModeling = { booleans, colors, curves, expansions, extrusions, geometries, hulls, maths, measurements, modifiers, primitives, text, transforms, utils };

export type Modeling = typeof jscadModeling;
// JSCAD's functions are typed per overload; the shim handles them generically.
type Fn = (...args: any[]) => any;
type Namespace = Record<string, unknown>;

const STAND_IN = Symbol('deferred solid behind this stand-in');

const hasDeferred = (args: unknown[]): boolean => args.flat(Infinity as 1).some(isDeferred);

/** Runs an affine transform or colorize on deferred solids through empty stand-ins. */
const throughStandIns = (fn: Fn): Fn => (...args) => {
  if (!hasDeferred(args)) return fn(...args);
  const swap = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(swap) : isDeferred(value) ? Object.assign(geometries.geom3.create(), { [STAND_IN]: value }) : value;
  const back = (result: any): unknown => {
    const deferred: DeferredSolid | undefined = result?.[STAND_IN];
    if (!deferred) return result;
    return maths.mat4.isIdentity(result.transforms) ? deferred : new DeferredSolid(transform(result.transforms, deferred.solid));
  };
  const out = fn(...args.map(swap));
  return Array.isArray(out) ? out.map(back) : back(out);
};

const refusing = (path: string, fn: Fn): Fn => (...args) => {
  if (hasDeferred(args))
    throw new Error(
      `${path}() was given the result of union/subtract/intersect; under Atelier those run on manifold-3d after main() returns, so no JSCAD function can look inside them: apply it to the shapes before combining them`,
    );
  return fn(...args);
};

/** Every function of a namespace (nested ones too) made to refuse deferred solids; `isA` checks stay as they are. */
const guarded = (ns: Namespace, path: string, keep: Record<string, Fn> = {}): any =>
  Object.fromEntries(
    Object.entries(ns).map(([key, value]) => [
      key,
      keep[key] ??
        (typeof value === 'function' ? (key === 'isA' ? value : refusing(`${path}.${key}`, value as Fn))
          : value && typeof value === 'object' ? guarded(value as Namespace, `${path}.${key}`) : value),
    ]),
  );

/** A 3D boolean as a tree node; 2D booleans stay JSCAD's (exact polygon clipping). */
const deferredBoolean = (name: string, real: Fn, make: (solids: Solid[]) => Solid): Fn => (...objects) => {
  const list = objects.flat(Infinity as 1);
  if (list.length === 0) throw new Error(`${name}: wrong number of arguments`);
  if (!list.some(isSolidLike)) return real(...objects);
  if (!list.every(isSolidLike)) throw new Error(`${name}: cannot combine 2D and 3D shapes; extrude the 2D ones first`);
  return list.length === 1 ? list[0] : new DeferredSolid(make(list.map(solidOf)));
};

const affine = ['translate', 'translateX', 'translateY', 'translateZ', 'rotate', 'rotateX', 'rotateY', 'rotateZ', 'scale', 'scaleX', 'scaleY', 'scaleZ', 'mirror', 'mirrorX', 'mirrorY', 'mirrorZ', 'transform'];

/**
 * The modeling API a script sees under Atelier (see the header). Pure: building it twice gives
 * the same behaviour, and it keeps no state between calls.
 * @example const { booleans, primitives } = atelierModeling; booleans.union(primitives.cube(), primitives.sphere()) // a DeferredSolid
 */
export const atelierModeling: Modeling = {
  ...jscadModeling,
  booleans: guarded(booleans, 'booleans', {
    union: deferredBoolean('union', booleans.union, (solids) => union(...solids)),
    subtract: deferredBoolean('subtract', booleans.subtract, ([base, ...cutters]) => difference(base, ...cutters)),
    intersect: deferredBoolean('intersect', booleans.intersect, (solids) => intersection(...solids)),
  }),
  transforms: guarded(transforms, 'transforms', Object.fromEntries(affine.map((key) => [key, throughStandIns((transforms as unknown as Record<string, Fn>)[key])]))),
  colors: guarded(colors, 'colors', { colorize: throughStandIns(colors.colorize) }),
  expansions: guarded(expansions, 'expansions'),
  extrusions: guarded(extrusions, 'extrusions'),
  geometries: guarded(geometries, 'geometries'),
  hulls: guarded(hulls, 'hulls'),
  measurements: guarded(measurements, 'measurements'),
  modifiers: guarded(modifiers, 'modifiers'),
};
