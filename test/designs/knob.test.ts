// The knob measured on its mesh: the bore is the shaft plus 0.2 mm, a D-shaft's flat sits at
// 75 % of the diameter, a round shaft gets a set-screw hole through the wall, flutes grip.
import { describe, expect, it } from 'vitest';
import { generateValidated } from '../../functions/designs/generate.ts';
import { knob } from '../../functions/designs/knob.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { crossings, isInside } from './probe.ts';

const build = async (input: Record<string, number | string>) => {
  const result = validateParams(knob, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return generateValidated(knob, result.params);
};

const E = 0.0137; // off-axis, so probe lines miss mesh edges

describe('knob', () => {
  it('has a bore 0.2 mm over the shaft, 3 mm short of the face', async () => {
    const { mesh } = await build({ shaftDiameter: 8, shaft: 'round', diameter: 30, height: 20, grip: 'smooth' });
    const ys = crossings(mesh, [E, 0, 15], 1); // along y, clear of the set screw on +x
    expect(ys).toHaveLength(4);
    expect(ys[2] - ys[1]).toBeCloseTo(8.2, 1);
    expect(crossings(mesh, [E, E, 0], 2)).toEqual([expect.closeTo(0, 3), expect.closeTo(3, 3)]); // face, then the bore's floor
  });

  it('has the flat of a D-shaft at 75 % of its diameter', async () => {
    const { mesh } = await build({ shaftDiameter: 6, shaft: 'd-shaft', diameter: 30, height: 16, grip: 'smooth' });
    const ys = crossings(mesh, [E, 0, 10], 1);
    expect(ys).toHaveLength(4);
    expect(ys[2] - ys[1]).toBeCloseTo(4.5 + 0.2, 2); // across the flat
    const xs = crossings(mesh, [0, -0.5, 10], 0);
    expect(xs[2] - xs[1]).toBeGreaterThan(6); // the round part is full width
  });

  it('takes an M3 set screw on a round shaft only, through the wall to the outside', async () => {
    const round = await build({ shaftDiameter: 6, shaft: 'round', diameter: 30, height: 16, grip: 'smooth' });
    const d = await build({ shaftDiameter: 6, shaft: 'd-shaft', diameter: 30, height: 16, grip: 'smooth' });
    const z = 3 + 13 / 2;
    expect(isInside(round.mesh, [10, E, z])).toBe(false);
    expect(isInside(d.mesh, [10, E, z])).toBe(true);
    expect(isInside(round.mesh, [-10, E, z])).toBe(true); // one side only
  });

  it('has flutes 1 mm deep when fluted, round when smooth', async () => {
    const fluted = await build({ diameter: 40, grip: 'fluted' });
    const smooth = await build({ diameter: 40, grip: 'smooth' });
    const crest = crossings(fluted.mesh, [0, 0, 8], 0); // on the x axis: a crest
    expect(crest[crest.length - 1]).toBeCloseTo(20, 2);
    // Half-way between crests (15° off the axis) the fluted knob is 1 mm smaller.
    const trough = (mesh: typeof fluted.mesh) => {
      const t = Math.tan(Math.PI / 12);
      for (let r = 21; r > 15; r -= 0.01) if (isInside(mesh, [r, r * t, 8])) return Math.hypot(r, r * t);
      return 0;
    };
    expect(trough(fluted.mesh)).toBeCloseTo(19, 1);
    expect(trough(smooth.mesh)).toBeGreaterThan(19.9);
  });

  it('refuses a knob too small for its shaft, in the customer’s words', () => {
    const result = validateParams(knob, { shaftDiameter: 10, diameter: 18 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([expect.objectContaining({ field: 'diameter', code: 'rule' })]);
      expect(result.errors[0].message).toMatch(/10 mm shaft needs a fluted knob at least 21 mm across/);
    }
  });
});
