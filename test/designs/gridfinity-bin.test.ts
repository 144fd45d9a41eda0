// The Gridfinity bin measured against the published spec: 42 mm pitch less 0.5 mm, the stepped
// foot (0.8 / 1.8 / 2.15 mm at 45°), 7 mm height units, and a lip another bin's foot fits into.
import { describe, expect, it } from 'vitest';
import { generateValidated } from '../../functions/designs/generate.ts';
import { gridfinityBin } from '../../functions/designs/gridfinity-bin.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { crossings } from './probe.ts';

const build = async (input: Record<string, number | string>) => {
  const result = validateParams(gridfinityBin, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return generateValidated(gridfinityBin, result.params);
};

/** Just off the x axis, so probe lines cross the straight sides and miss mesh edges. */
const Y = 0.0137;

/** Outer width along x of the solid at height z, measured from the mesh. */
const widthAt = (mesh: Parameters<typeof crossings>[0], z: number): number => {
  const xs = crossings(mesh, [0, Y, z], 0);
  return xs[xs.length - 1] - xs[0];
};

describe('gridfinity-bin', () => {
  it('is 42·n − 0.5 mm across for every grid count', async () => {
    const expected = [41.5, 83.5, 125.5, 167.5];
    for (let n = 1; n <= 4; n++) {
      const { measurements } = await build({ unitsX: n, unitsY: 5 - n, dividers: 0 });
      expect(measurements.size[0]).toBeCloseTo(expected[n - 1], 2);
      expect(measurements.size[1]).toBeCloseTo(expected[4 - n], 2);
    }
  });

  it('is 7 mm per height unit, plus the lip when it has one', async () => {
    expect((await build({ heightUnits: 6, lip: 'none' })).measurements.size[2]).toBeCloseTo(42, 3);
    expect((await build({ heightUnits: 6, lip: 'stacking' })).measurements.size[2]).toBeCloseTo(42 + 3.8, 3);
  });

  it('has a foot with the spec profile: 45° 0.8 mm, straight 1.8 mm, 45° 2.15 mm, 41.5 mm on top', async () => {
    const { mesh } = await build({ unitsX: 1, unitsY: 1, heightUnits: 2, dividers: 0, lip: 'none' });
    const profile: [number, number][] = [
      [0.05, 35.6 + 0.1], // bottom chamfer starts at 35.6 mm
      [0.4, 36.4],
      [0.79, 37.18],
      [1.7, 37.2], // straight step
      [2.59, 37.2],
      [3.675, 39.35], // top chamfer
      [4.7, 41.4],
      [5.5, 41.5], // the bin body above the foot
    ];
    for (const [z, width] of profile) expect(widthAt(mesh, z), `width at z = ${z}`).toBeCloseTo(width, 2);
  });

  it('puts one foot per cell on the 42 mm grid, 37.2 mm wide at the straight step', async () => {
    const { mesh } = await build({ unitsX: 3, unitsY: 1, dividers: 0 });
    const edges = crossings(mesh, [0, Y, 1.7], 0);
    const expected = [-42, 0, 42].flatMap((centre) => [centre - 18.6, centre + 18.6]);
    expect(edges).toHaveLength(expected.length);
    edges.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 2));
  });

  it('has a stacking lip that another bin’s foot drops into', async () => {
    const { mesh } = await build({ unitsX: 1, unitsY: 1, heightUnits: 3, dividers: 0, lip: 'stacking' });
    const wallTop = 21;
    // The lip's straight band (0.7 … 2.5 mm above the wall top) is inset 1.9 mm from the outside.
    const band = crossings(mesh, [0, Y, wallTop + 1.6], 0);
    expect(band).toHaveLength(4);
    const opening = band[2] - band[1];
    expect(opening).toBeCloseTo(41.5 - 2 * 1.9, 2);
    // Its lower tip is inset 2.6 mm; the foot's 35.6 mm bottom passes it.
    const tip = crossings(mesh, [0, Y, wallTop - 0.6], 0);
    expect(tip[2] - tip[1]).toBeCloseTo(41.5 - 2 * 2.6, 2);
    // Foot and lip measured on the same mesh: the foot's straight step and bottom fit through.
    expect(widthAt(mesh, 1.7)).toBeLessThan(opening);
    expect(widthAt(mesh, 0.05)).toBeLessThan(tip[2] - tip[1]);
  });

  it('splits the bin into equal compartments with 1.2 mm dividers', async () => {
    const { mesh } = await build({ unitsX: 2, unitsY: 1, heightUnits: 3, dividers: 2, lip: 'none' });
    const xs = crossings(mesh, [0, Y, 12.3], 0);
    expect(xs).toHaveLength(8); // outer wall, inner wall, 2 × 2 divider faces, inner wall, outer wall
    const compartment = (83.5 - 2 * 1.2 - 2 * 1.2) / 3;
    for (const i of [1, 3, 5]) expect(xs[i + 1] - xs[i]).toBeCloseTo(compartment, 2);
    for (const i of [0, 2, 4, 6]) expect(xs[i + 1] - xs[i]).toBeCloseTo(1.2, 2);
  });

  it('refuses compartments too narrow to reach into, naming the dividers', () => {
    expect(validateParams(gridfinityBin, { unitsX: 1, dividers: 3 }).ok).toBe(true);
    const result = validateParams(gridfinityBin, { unitsX: 1, dividers: 4 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([expect.objectContaining({ field: 'dividers', code: 'rule' })]);
      expect(result.errors[0].message).toMatch(/compartments only 6\.9 mm wide/);
    }
  });
});
