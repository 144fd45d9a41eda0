// The pipe clip measured on its mesh: a ring 0.2 mm over the pipe resting on the base, an
// opening of 80 % of the diameter so the pipe snaps in, two teardrop screw holes through the
// ears clear of the ring, and rules that speak of screws and walls.
import { describe, expect, it } from 'vitest';
import { generateValidated } from '../../functions/designs/generate.ts';
import { pipeClip } from '../../functions/designs/pipe-clip.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { crossings, isInside } from './probe.ts';

const build = async (input: Record<string, number | string>) => {
  const result = validateParams(pipeClip, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return generateValidated(pipeClip, result.params);
};

const E = 0.0137; // off-axis, so probe lines miss mesh edges
// The mesh is centred on x = y = 0: y below is measured from the base's underside (the wall side).

describe('pipe-clip', () => {
  it('has a ring 0.2 mm over the pipe, resting on a base as thick as the wall', async () => {
    const { mesh, measurements } = await build({ diameter: 20, width: 15, wall: 3, screw: '4' });
    const floor = -measurements.size[1] / 2;
    const xs = crossings(mesh, [0, floor + 3 + 10.1 + E, 7.5 + E], 0); // across the ring at the pipe's centre height
    expect(xs).toHaveLength(4);
    expect(xs[2] - xs[1]).toBeCloseTo(20.2, 1);
    expect((xs[1] + xs[2]) / 2).toBeCloseTo(0, 2);
    expect(crossings(mesh, [E, 0, 7.5 + E], 1).slice(0, 2).map((y) => y - floor)).toEqual([expect.closeTo(0, 3), expect.closeTo(3, 2)]); // the base under the pipe
  });

  it('opens 80 % of the diameter at the top, so the pipe snaps in', async () => {
    const { mesh, measurements } = await build({ diameter: 30, width: 15, wall: 3, screw: '4' });
    const r = 15.1;
    const tipY = 3 + r + r * Math.cos(Math.asin(12 / r)); // the inner edge of the tips
    const xs = crossings(mesh, [0, tipY - 0.01 - measurements.size[1] / 2, 7.5 + E], 0);
    expect(xs).toHaveLength(4);
    expect(xs[2] - xs[1]).toBeCloseTo(24, 1);
    expect(measurements.size[1]).toBeLessThan(3 + 2 * r + 3); // the top of the ring is open
  });

  it('has a teardrop screw hole through each ear, clear of the ring', async () => {
    const { mesh, measurements } = await build({ diameter: 20, width: 20, wall: 3, screw: '4' });
    const y = 1.5 - measurements.size[1] / 2; // half-way through the base
    const outer = 10.1 + 3;
    const holeX = outer + (2 * 4 + 4) / 2; // from the clip's centre
    for (const x of [-holeX, holeX]) {
      expect(isInside(mesh, [x + E, y, 10])).toBe(false); // the hole's centre
      expect(isInside(mesh, [x + E, y, 10 + 2.25 * 1.3])).toBe(false); // the teardrop's roof
      expect(isInside(mesh, [x + E, y, 10 - 2.25 * 1.3])).toBe(true); // round below
    }
    expect(isInside(mesh, [outer + 0.5, y, 10])).toBe(true); // solid between ring and hole
  });

  it('refuses a screw too big for the clip and walls too thin for the pipe, in the customer’s words', () => {
    const screw = validateParams(pipeClip, { width: 10, screw: '5' });
    expect(screw.ok).toBe(false);
    if (!screw.ok) expect(screw.errors[0]).toEqual(expect.objectContaining({ field: 'width', code: 'rule', message: expect.stringMatching(/5 mm screw needs a clip at least 11 mm wide/) }));
    const wall = validateParams(pipeClip, { diameter: 50, wall: 3 });
    expect(wall.ok).toBe(false);
    if (!wall.ok) expect(wall.errors[0]).toEqual(expect.objectContaining({ field: 'wall', code: 'rule', message: expect.stringMatching(/50 mm pipe needs walls of at least 3.5 mm/) }));
    expect(validateParams(pipeClip, { diameter: 50, wall: 3.5 }).ok).toBe(true);
  });
});
