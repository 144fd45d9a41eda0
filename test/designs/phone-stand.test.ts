// Phone stand checks the catalogue sweep cannot make: the slot is exactly the device's
// thickness, the footprint carries everything above it, nothing needs support to print, and
// the cable gap leaves room for a plug.
import { describe, expect, it } from 'vitest';
import { generateValidated } from '../../functions/designs/generate.ts';
import { phoneStand, standProfile, type ProfilePoint } from '../../functions/designs/phone-stand.ts';
import type { Params } from '../../functions/designs/types.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { maths, primitives } from '../../functions/mesh/jscad.ts';
import { difference, evaluateSolid, extrudeShapes, fromGeom3, intersection, measureMesh, transform, translate, type Solid } from '../../functions/mesh/index.ts';
import { asSolid } from '../../functions/mesh/bodies.ts';

type StandInput = { deviceThickness: number; angle: number; width: number; support: number; lip: number; cable: string };

const valid = (input: Partial<StandInput>): StandInput => {
  const result = validateParams(phoneStand, input);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.params as StandInput;
};

/** Side-profile coordinates (y, z, x along the width) to the world, as the stand stands. */
const STAND_UP = maths.mat4.fromValues(0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1);

/**
 * A box in the slot's own frame: `across` runs out of the device's screen from the back wall
 * of the slot, `along` up the device from the slot floor, `x` across the stand's width.
 */
const slotBox = (p: StandInput, across: [number, number], along: [number, number], x: [number, number]): Solid => {
  const { slotCorner, along: u, out: n } = standProfile(p);
  const at = (a: number, b: number): ProfilePoint => [slotCorner[0] + n[0] * a + u[0] * b, slotCorner[1] + n[1] * a + u[1] * b];
  const corners = [at(across[0], along[0]), at(across[1], along[0]), at(across[1], along[1]), at(across[0], along[1])];
  const section = primitives.polygon({ points: corners });
  return transform(STAND_UP, translate([0, 0, x[0]], extrudeShapes([section], x[1] - x[0])));
};

/** Volume (mm³) of the part of `probe` the stand does not occupy. */
const freeVolume = async (p: StandInput, probe: Solid): Promise<number> =>
  measureMesh(await evaluateSolid(difference(probe, asSolid(phoneStand.build(p))))).volume;

const volume = async (solid: Solid): Promise<number> => measureMesh(await evaluateSolid(solid)).volume;

const corners: Partial<StandInput>[] = [
  {},
  { deviceThickness: 6, angle: 50, width: 40, support: 50, lip: 5 },
  { deviceThickness: 16, angle: 80, width: 160, support: 150, lip: 25 },
  { deviceThickness: 16, angle: 50, width: 160, support: 150, lip: 25, cable: 'gap' },
  { deviceThickness: 6, angle: 80, width: 100, support: 150, lip: 5, cable: 'gap' },
  { deviceThickness: 9.5, angle: 57, width: 50, support: 50, lip: 17, cable: 'gap' },
];

describe('phone-stand', () => {
  it.each([
    [6, 50],
    [11, 65],
    [16, 80],
    [12.5, 72],
  ])('cuts the slot exactly %s mm wide, square to the device leaning at %s°', async (deviceThickness, angle) => {
    const p = valid({ deviceThickness, angle, width: 60, lip: 12, cable: 'none' });
    const along: [number, number] = [0.5, p.lip - 0.5];
    const x: [number, number] = [1, p.width - 1];
    // A card 0.01 mm thinner than the device slides in without touching anything...
    const snug = slotBox(p, [0.01, deviceThickness - 0.01], along, x);
    expect(await freeVolume(p, snug)).toBeCloseTo(await volume(snug), 1);
    // ...and one 0.1 mm proud on each side digs 0.1 mm into both walls over their whole face.
    const proud = slotBox(p, [-0.1, deviceThickness + 0.1], along, x);
    const buried = (await volume(proud)) - (await freeVolume(p, proud));
    const expected = 2 * 0.1 * (along[1] - along[0]) * (x[1] - x[0]);
    expect(Math.abs(buried - expected) / expected).toBeLessThan(0.01);
  });

  it.each(corners.map((input) => [JSON.stringify(input), input] as const))('stands entirely over its own footprint: %s', async (_label, input) => {
    const p = valid(input);
    const { mesh } = await generateValidated(phoneStand, p as unknown as Params);
    let footFront = Infinity, footBack = -Infinity, front = Infinity, back = -Infinity, top = -Infinity;
    for (let v = 0; v < mesh.positions.length / 3; v++) {
      const y = mesh.positions[3 * v + 1], z = mesh.positions[3 * v + 2];
      front = Math.min(front, y);
      back = Math.max(back, y);
      top = Math.max(top, z);
      if (z === 0) {
        footFront = Math.min(footFront, y);
        footBack = Math.max(footBack, y);
      }
    }
    // Nothing overhangs the footprint, in front or behind: the top of the back support, where a
    // leaning device pushes, included.
    expect(footFront).toBeLessThanOrEqual(front + 1e-4);
    expect(footBack).toBeGreaterThanOrEqual(back - 1e-4);
    const supportTop = [...Array(mesh.positions.length / 3).keys()].filter((v) => mesh.positions[3 * v + 2] > top - 1e-4).map((v) => mesh.positions[3 * v + 1]);
    expect(Math.min(...supportTop)).toBeGreaterThan(footFront);
    expect(Math.max(...supportTop)).toBeLessThanOrEqual(footBack + 1e-4);
  });

  it.each(corners.map((input) => [JSON.stringify(input), input] as const))('prints standing with no support: nothing overhangs more than 45° off the plate: %s', async (_label, input) => {
    const { mesh } = await generateValidated(phoneStand, valid(input) as unknown as Params);
    const { positions: q, indices } = mesh;
    for (let t = 0; t < indices.length; t += 3) {
      const [a, b, c] = [indices[t], indices[t + 1], indices[t + 2]];
      const u = [q[3 * b] - q[3 * a], q[3 * b + 1] - q[3 * a + 1], q[3 * b + 2] - q[3 * a + 2]];
      const w = [q[3 * c] - q[3 * a], q[3 * c + 1] - q[3 * a + 1], q[3 * c + 2] - q[3 * a + 2]];
      const normal = [u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]];
      const facingDown = -normal[2] / Math.hypot(normal[0], normal[1], normal[2]);
      if (facingDown > Math.SQRT1_2 + 1e-6) {
        expect([q[3 * a + 2], q[3 * b + 2], q[3 * c + 2]], `triangle ${t / 3} overhangs`).toEqual([0, 0, 0]);
      }
    }
  });

  it('leaves room under the slot for a charging plug only when asked to', async () => {
    const table = fromGeom3(primitives.cuboid({ size: [1000, 1000, 500], center: [0, 0, 250] }));
    for (const angle of [50, 65, 80]) {
      const withGap = valid({ angle, deviceThickness: 8, cable: 'gap' });
      const without = { ...withGap, cable: 'none' };
      // A USB-C plug with its sleeve: 12 × 6 mm, 30 mm long, straight down out of the device,
      // as far as it is above the table.
      const plug = (p: StandInput) =>
        intersection(table, slotBox(p, [p.deviceThickness / 2 - 3, p.deviceThickness / 2 + 3], [-30, 0.5], [p.width / 2 - 6, p.width / 2 + 6]));
      const room = await volume(plug(withGap));
      expect(room).toBeGreaterThan(12 * 6 * 30);
      expect(await freeVolume(withGap, plug(withGap))).toBeCloseTo(room, 1);
      // Without the gap the slot sits low on solid material: the plug has next to no room.
      const blocked = plug(without);
      expect(await freeVolume(without, blocked)).toBeLessThan(0.25 * (await volume(blocked)));
    }
  });

  it('refuses a stand too narrow for its height, saying how wide it must be', () => {
    const tall = { support: 150, angle: 80 };
    const refused = validateParams(phoneStand, { ...tall, width: 75 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.errors).toEqual([expect.objectContaining({ field: 'width', code: 'rule', message: expect.stringMatching(/^A stand 152 mm tall needs to be at least 76 mm wide/) })]);
    }
    expect(validateParams(phoneStand, { ...tall, width: 80 }).ok).toBe(true);
  });

  it('refuses a cable gap on a stand too narrow to hold the device either side of it', () => {
    const refused = validateParams(phoneStand, { width: 45, support: 50, cable: 'gap' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors).toEqual([expect.objectContaining({ field: 'width', code: 'rule', message: expect.stringContaining('at least 50 mm wide') })]);
    expect(validateParams(phoneStand, { width: 45, support: 50, cable: 'none' }).ok).toBe(true);
    expect(validateParams(phoneStand, { width: 50, support: 50, cable: 'gap' }).ok).toBe(true);
  });
});
