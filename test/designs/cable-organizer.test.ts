// The cable organizer measured: every clip holds a cable of the chosen size, and its entry is
// narrower than that cable, so the cable has to snap in and cannot fall out.
import { describe, expect, it } from 'vitest';
import { cableOrganizer, clipLayout } from '../../functions/designs/cable-organizer.ts';
import { generateValidated } from '../../functions/designs/generate.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import type { Vec3 } from '../../functions/mesh/types.ts';
import { crossings, isInside } from './probe.ts';

type Input = { cableDiameter: number; cableCount: number; entryGap: number; width: number; baseThickness: number };

const build = async (input: Partial<Input>) => {
  const result = validateParams(cableOrganizer, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const params = result.params as Input;
  const { mesh } = await generateValidated(cableOrganizer, params);
  const layout = clipLayout(params);
  // The evaluator centres the part on y = 0; the layout measures y from the flat back.
  const at = (x: number, y: number): Vec3 => [x, y - layout.height / 2, params.width / 2 + 0.0137];
  return { mesh, layout, params, at };
};

const cases: Partial<Input>[] = [
  {}, // defaults: four 5 mm cables, 3.5 mm gap
  { cableDiameter: 3, cableCount: 8, entryGap: 2, baseThickness: 2 },
  { cableDiameter: 12, cableCount: 1, entryGap: 7.5, baseThickness: 5 },
  { cableDiameter: 9, cableCount: 3, entryGap: 8.5, width: 25 },
];

describe('cable-organizer', () => {
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s: each entry is exactly the chosen gap and narrower than the cable', async (_name, input) => {
    const { mesh, layout, params, at } = await build(input);
    const entryY = (layout.innerY + layout.leadY) / 2;
    expect(layout.centres).toHaveLength(params.cableCount);
    for (const cx of layout.centres) {
      const xs = crossings(mesh, at(cx, entryY), 0).filter((x) => Math.abs(x - cx) < layout.outerRadius);
      // Solid from the outer surface to the entry, the gap, solid again.
      expect(xs).toHaveLength(4);
      const gap = xs[2] - xs[1];
      expect(gap).toBeCloseTo(params.entryGap, 2);
      expect(gap).toBeLessThan(params.cableDiameter);
      expect(isInside(mesh, at(cx, entryY))).toBe(false);
      expect(isInside(mesh, at(cx - gap / 2 - 0.1, entryY))).toBe(true);
    }
  });

  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s: the seat behind each entry is wider than the cable', async (_name, input) => {
    const { mesh, layout, params, at } = await build(input);
    for (const cx of layout.centres) {
      const xs = crossings(mesh, at(cx, layout.centreY), 0).filter((x) => Math.abs(x - cx) < layout.outerRadius + 0.5);
      expect(xs).toHaveLength(4);
      const seat = xs[2] - xs[1];
      expect(seat).toBeGreaterThan(params.cableDiameter);
      expect(seat).toBeLessThan(params.cableDiameter + 1);
      // The cable rests on plastic, not on the tape: solid right below the seat.
      expect(isInside(mesh, at(cx, layout.centreY - layout.innerRadius - 0.2))).toBe(true);
    }
  });

  it('has a flat back along the whole strip, for the tape', async () => {
    const { mesh, layout, at } = await build({});
    for (const x of [-layout.stripLength / 2 + 0.5, 0.3, layout.stripLength / 2 - 0.5]) {
      expect(crossings(mesh, at(x, 1), 1)[0] + layout.height / 2).toBeCloseTo(0, 3);
    }
  });

  it('refuses a gap the cable would fall through, and one it cannot be pushed through', () => {
    const loose = validateParams(cableOrganizer, { cableDiameter: 5, entryGap: 5 });
    expect(loose.ok).toBe(false);
    if (!loose.ok) expect(loose.errors[0]).toMatchObject({ field: 'entryGap', code: 'rule', message: expect.stringMatching(/fall out.*at most 4\.5 mm/) });
    const tight = validateParams(cableOrganizer, { cableDiameter: 10, entryGap: 4 });
    expect(tight.ok).toBe(false);
    if (!tight.ok) expect(tight.errors[0]).toMatchObject({ field: 'entryGap', code: 'rule', message: expect.stringMatching(/at least 6 mm/) });
    expect(validateParams(cableOrganizer, { cableDiameter: 5, entryGap: 4.5 }).ok).toBe(true);
    expect(validateParams(cableOrganizer, { cableDiameter: 10, entryGap: 6 }).ok).toBe(true);
  });
});
