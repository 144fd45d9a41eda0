// The modeling API scripts get under Atelier: 3D booleans become a Solid tree that manifold-3d
// evaluates to the same solid JSCAD's booleans give (same volume and box, but closed), transforms
// and colorize on those results still work, and JSCAD functions that would need the result refuse it clearly.
import { describe, expect, it } from 'vitest';
import { DeferredSolid, resultToSolid } from '../../../functions/designs/jscad/deferred-solid.ts';
import { atelierModeling, jscadModeling, type Modeling } from '../../../functions/designs/jscad/modeling-shim.ts';
import { runScript, type ScriptFactory } from '../../../functions/designs/jscad/script-factory.ts';
import { evaluateSolid } from '../../../functions/mesh/evaluate.ts';
import { measureMesh } from '../../../functions/mesh/measure.ts';
import { verifyMesh } from '../../../functions/mesh/verify.ts';

const { booleans, primitives, transforms, colors, measurements, hulls } = atelierModeling;

/** A small script, written the way jscad.app expects, that moves boolean results around. */
const movedScript: ScriptFactory = (require, module) => {
  const { booleans, colors, primitives, transforms } = require('@jscad/modeling') as Modeling;
  const { subtract, union, intersect } = booleans;
  const { cuboid, cylinder, sphere } = primitives;
  const { translate, rotate, mirrorX, scale, rotateZ } = transforms;
  const main = () => {
    const block = subtract(cuboid({ size: [20, 10, 6] }), cylinder({ radius: 3, height: 8, segments: 16 }));
    const lens = intersect(sphere({ radius: 6, segments: 16 }), cuboid({ size: [8, 8, 8], center: [0, 0, 4] }));
    const leaning = rotate([0.3, 0, 0.2], translate([15, 0, 0], block));
    const mirrored = mirrorX(translate([25, 0, 0], scale([1, 2, 1], lens)));
    return colors.colorize([1, 0, 0], [union(leaning, rotateZ(0.1, mirrored)), cuboid({ size: [4, 4, 4], center: [0, 30, 0] })]);
  };
  module.exports = { main };
};

describe('the modeling shim', () => {
  it('turns 3D union, subtract and intersect into tree nodes, flattening arrays as JSCAD does', () => {
    const [a, b, c] = [primitives.cube({ size: 2 }), primitives.sphere({ radius: 1 }), primitives.cylinder({ radius: 1, height: 3 })];

    const united = booleans.union([a, [b]], c);
    const cut = booleans.subtract(a, b, c);
    const common = booleans.intersect(a, b);

    expect(united).toBeInstanceOf(DeferredSolid);
    expect((united as unknown as DeferredSolid).solid).toMatchObject({ kind: 'union', children: [{ kind: 'geom3' }, { kind: 'geom3' }, { kind: 'geom3' }] });
    expect((cut as unknown as DeferredSolid).solid).toMatchObject({ kind: 'difference', base: { kind: 'geom3', geom: a }, cutters: [{ geom: b }, { geom: c }] });
    expect((common as unknown as DeferredSolid).solid).toMatchObject({ kind: 'intersection' });
    expect(booleans.union(a)).toBe(a);
  });

  it("leaves 2D booleans to JSCAD, whose polygon clipping is exact", () => {
    const shape = booleans.union(primitives.square({ size: 4 }), primitives.circle({ radius: 2.5, segments: 16 }));

    expect(jscadModeling.geometries.geom2.isA(shape)).toBe(true);
    // Deliberately mixed, as a script might do by mistake.
    const mixed = [primitives.square({ size: 4 }), primitives.cube({ size: 4 })] as never[];
    expect(() => booleans.union(...mixed)).toThrow(/cannot combine 2D and 3D shapes/);
  });

  it('evaluates moved, mirrored and scaled boolean results to the solid JSCAD computes, but closed', async () => {
    const ours = runScript(movedScript, atelierModeling).main({});
    const theirs = runScript(movedScript, jscadModeling).main({}) as never[];

    const mesh = await evaluateSolid(resultToSolid(ours));
    const measured = measureMesh(mesh);
    const box = jscadModeling.measurements.measureAggregateBoundingBox(theirs);
    const volume = theirs.reduce((sum, g) => sum + jscadModeling.measurements.measureVolume(g), 0);

    expect(verifyMesh(mesh).defects).toEqual([]);
    expect(measured.volume).toBeCloseTo(volume, 1);
    for (const axis of [0, 1, 2]) expect(measured.size[axis]).toBeCloseTo(box[1][axis] - box[0][axis], 3);
  });

  it('keeps colorize on a boolean result as the same tree (Atelier prints one colour)', () => {
    const cut = booleans.subtract(primitives.cube({ size: 4 }), primitives.cube({ size: 2 }));

    expect(colors.colorize([0, 1, 0], cut)).toBe(cut);
    expect(colors.colorize([0, 1, 0], [cut, cut])).toEqual([cut, cut]);
  });

  it('refuses to measure, hull or centre a boolean result, saying what to do instead', () => {
    const cut = booleans.subtract(primitives.cube({ size: 4 }), primitives.cube({ size: 2 }));

    expect(() => measurements.measureBoundingBox(cut)).toThrow(/measurements\.measureBoundingBox\(\) was given the result of union\/subtract\/intersect.*apply it to the shapes before combining them/);
    expect(() => hulls.hull(cut)).toThrow(/hulls\.hull\(\)/);
    expect(() => transforms.center({}, cut)).toThrow(/transforms\.center\(\)/);
    expect(measurements.measureBoundingBox(primitives.cube({ size: 4 }))).toEqual([[-2, -2, -2], [2, 2, 2]]);
  });

  it('says what main() returned when it is not a printable solid', () => {
    expect(() => resultToSolid(primitives.square({ size: 3 }))).toThrow(/returned a 2D shape \(extrude it first\)/);
    expect(() => resultToSolid([])).toThrow(/nothing to print/);
  });
});

describe('runScript', () => {
  it('gives a script only @jscad/modeling, and insists on main()', () => {
    const wantsFs: ScriptFactory = (require) => void require('fs');
    const noMain: ScriptFactory = (_require, module) => void (module.exports = { getParameterDefinitions: () => [] });

    expect(() => runScript(wantsFs, atelierModeling)).toThrow("may require only '@jscad/modeling', not 'fs'");
    expect(() => runScript(noMain, atelierModeling)).toThrow('exports no main(params)');
  });
});
