// The wall hook measured: the screw holes are where the design says (and a screwdriver can
// reach them past the tip), countersunk on the front, teardrops pointing up on the printer.
import { describe, expect, it } from 'vitest';
import { generateValidated } from '../../functions/designs/generate.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { screwHoles, wallHook } from '../../functions/designs/wall-hook.ts';
import type { Vec3 } from '../../functions/mesh/types.ts';
import { crossings } from './probe.ts';

type Input = { hookDepth: number; plateHeight: number; width: number; thickness: number; screw: string };

const build = async (input: Partial<Input>) => {
  const result = validateParams(wallHook, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const p = result.params as Input;
  const { mesh } = await generateValidated(wallHook, p);
  // The evaluator centres x and y; the design measures x from the wall and y from the bottom.
  const at = (x: number, y: number, z: number): Vec3 => [x - p.hookDepth / 2, y - p.plateHeight / 2, z];
  const ys = (x: number, z: number) => crossings(mesh, at(x, 0, z), 1).map((y) => y + p.plateHeight / 2);
  const zs = (x: number, y: number) => crossings(mesh, at(x, y, 0), 2);
  return { mesh, p, ys, zs };
};

/** The gap in a sorted list of surface crossings that contains `value`. */
const gapAround = (values: number[], value: number): [number, number] => {
  const i = values.findIndex((v) => v > value);
  expect(i % 2, `${value} should sit in a hole, crossings ${values}`).toBe(0);
  return [values[i - 1], values[i]];
};

const cases: Partial<Input>[] = [
  {},
  { hookDepth: 80, plateHeight: 120, width: 40, thickness: 10, screw: '5' },
  { hookDepth: 30, plateHeight: 60, width: 20, thickness: 5, screw: '3' },
];

describe('wall-hook', () => {
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s: screw holes are where the design promises, countersunk on the front only', async (_name, input) => {
    const { p, ys } = await build(input);
    const holes = screwHoles(p);
    const z = holes.z + 0.0137; // just off the hole axis, clear of mesh edges
    for (const y of [holes.lower, holes.upper]) {
      const [low, high] = gapAround(ys(p.thickness / 2, z), y);
      expect((low + high) / 2).toBeCloseTo(y, 2);
      expect(high - low).toBeCloseTo(holes.hole, 2);
      const [backLow, backHigh] = gapAround(ys(0.05, z), y);
      expect(backHigh - backLow).toBeCloseTo(holes.hole, 2);
      const [frontLow, frontHigh] = gapAround(ys(p.thickness - 0.05, z), y);
      expect(Math.abs(frontHigh - frontLow - (holes.head - 0.1))).toBeLessThan(0.06);
    }
  });

  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s: both screw heads clear the tip, so a straight screwdriver reaches them', async (_name, input) => {
    const { p, ys } = await build(input);
    const holes = screwHoles(p);
    const tipCrossings = ys(p.hookDepth - p.thickness / 2, p.width / 2);
    const tipTop = tipCrossings[tipCrossings.length - 1];
    expect(holes.lower - holes.head / 2).toBeGreaterThan(tipTop);
    expect(holes.upper - holes.lower).toBeGreaterThanOrEqual(holes.head);
    expect(holes.upper + holes.head / 2).toBeLessThan(p.plateHeight - p.thickness / 2);
  });

  it('makes each hole a teardrop pointing up on the printer, so it needs no support', async () => {
    const { p, zs } = await build({});
    const holes = screwHoles(p);
    const off = 0.0137; // probe just beside the hole's axis, clear of mesh edges
    const [below, above] = gapAround(zs(p.thickness / 2, holes.lower + off), holes.z);
    const r = holes.hole / 2;
    expect(holes.z - below).toBeCloseTo(Math.sqrt(r * r - off * off), 2); // round underneath
    expect(above - holes.z).toBeCloseTo(r * Math.SQRT2 - off, 2); // 45° roof meeting at a point above
  });

  it('has an arm as thick as chosen, resting on the bed', async () => {
    const { p, ys } = await build({ thickness: 7.5, hookDepth: 50, width: 25 });
    const arm = ys(p.hookDepth / 2, p.width / 2);
    expect(arm[0]).toBeCloseTo(0, 3);
    expect(arm[1] - arm[0]).toBeCloseTo(7.5, 2);
  });

  it('refuses a weak arm, a hook too narrow for its screws and a plate too short for two', () => {
    const weak = validateParams(wallHook, { hookDepth: 80, width: 20, thickness: 6 });
    expect(weak.ok).toBe(false);
    if (!weak.ok) expect(weak.errors).toContainEqual(expect.objectContaining({ field: 'thickness', message: expect.stringMatching(/at least 8 mm thick/) }));
    expect(validateParams(wallHook, { hookDepth: 80, width: 20, thickness: 8 }).ok).toBe(true);

    const narrow = validateParams(wallHook, { width: 12, screw: '5' });
    expect(narrow.ok).toBe(false);
    if (!narrow.ok) expect(narrow.errors).toContainEqual(expect.objectContaining({ field: 'width', message: expect.stringMatching(/at least 15 mm wide/) }));

    const short = validateParams(wallHook, { plateHeight: 40 });
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.errors).toEqual([expect.objectContaining({ field: 'plateHeight', message: expect.stringMatching(/at least 46 mm tall/) })]);
  });
});
