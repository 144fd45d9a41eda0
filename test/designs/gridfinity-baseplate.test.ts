// The Gridfinity baseplate measured against the published profile, and against the bin's own
// mesh: at every height a bin's foot is narrower than the socket it stands in.
import { describe, expect, it } from 'vitest';
import { generateValidated } from '../../functions/designs/generate.ts';
import { gridfinityBaseplate } from '../../functions/designs/gridfinity-baseplate.ts';
import { gridfinityBin } from '../../functions/designs/gridfinity-bin.ts';
import type { AnyDesign } from '../../functions/designs/types.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { crossings, isInside } from './probe.ts';

const build = async (design: AnyDesign, input: Record<string, number | string>) => {
  const result = validateParams(design, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return generateValidated(design, result.params);
};

/** Just off the x axis, so probe lines miss mesh edges. */
const Y = 0.0137;

describe('gridfinity-baseplate', () => {
  it('is 42 mm per unit and 4.4 mm tall, 1.2 mm more with a solid bottom', async () => {
    const open = await build(gridfinityBaseplate, { unitsX: 4, unitsY: 2, bottom: 'open' });
    expect(open.measurements.size[0]).toBeCloseTo(168, 3);
    expect(open.measurements.size[1]).toBeCloseTo(84, 3);
    expect(open.measurements.size[2]).toBeCloseTo(4.4, 3);
    expect((await build(gridfinityBaseplate, { unitsX: 1, unitsY: 1, bottom: 'solid' })).measurements.size[2]).toBeCloseTo(5.6, 3);
  });

  it('has sockets with the spec profile: 36.3 mm at the floor, 45° 0.7 mm, straight 1.8 mm, 45° up to 41.5 mm', async () => {
    const { mesh } = await build(gridfinityBaseplate, { unitsX: 1, unitsY: 1, bottom: 'open' });
    const socket = (z: number) => {
      const xs = crossings(mesh, [0, Y, z], 0);
      expect(xs, `at z = ${z}`).toHaveLength(4);
      return xs[2] - xs[1];
    };
    const profile: [number, number][] = [[0.05, 36.4], [0.35, 37.0], [0.7, 37.7], [1.6, 37.7], [2.5, 37.7], [3.5, 39.7], [4.35, 41.4]];
    for (const [z, width] of profile) expect(socket(z), `socket width at z = ${z}`).toBeCloseTo(width, 2);
  });

  it('is an open frame, or closed underneath when the bottom is solid', async () => {
    const open = await build(gridfinityBaseplate, { unitsX: 2, unitsY: 2, bottom: 'open' });
    const solid = await build(gridfinityBaseplate, { unitsX: 2, unitsY: 2, bottom: 'solid' });
    const centre: [number, number, number] = [21, 21 + Y, 0.6];
    expect(isInside(open.mesh, centre)).toBe(false);
    expect(isInside(solid.mesh, centre)).toBe(true);
    // Between two sockets the ridge is 5.7 mm wide at the bottom of the open frame.
    const xs = crossings(open.mesh, [0, 21 + Y, 0.05], 0);
    expect(xs).toHaveLength(6);
    expect(xs[3] - xs[2]).toBeCloseTo(5.7 - 0.1, 2);
  });

  it('takes a bin: the bin’s foot is narrower than the socket at every height, by about 0.25 mm a side', async () => {
    const plate = (await build(gridfinityBaseplate, { unitsX: 1, unitsY: 1, bottom: 'open' })).mesh;
    const bin = (await build(gridfinityBin, { unitsX: 1, unitsY: 1, heightUnits: 2, dividers: 0, lip: 'none' })).mesh;
    for (let z = 0.05; z < 4.4; z += 0.25) {
      const socket = crossings(plate, [0, Y, z], 0);
      const foot = crossings(bin, [0, Y, z], 0);
      const clearance = (socket[2] - socket[1] - (foot[foot.length - 1] - foot[0])) / 2;
      expect(clearance, `clearance a side at z = ${z.toFixed(2)}`).toBeGreaterThan(0.1);
      expect(clearance).toBeLessThan(0.5);
    }
  });
});
