// The headphone hanger measured on its mesh: the clamp's gap is the desk's thickness plus
// 0.3 mm, the cradle is as wide as asked with an 8 mm lip, it lies on its side with no
// overhang (one extruded profile), and the rule keeps it from tipping off the desk.
import { describe, expect, it } from 'vitest';
import { generateValidated } from '../../functions/designs/generate.ts';
import { headphoneHanger } from '../../functions/designs/headphone-hanger.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { crossings } from './probe.ts';

const build = async (input: Record<string, number | string>) => {
  const result = validateParams(headphoneHanger, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return generateValidated(headphoneHanger, result.params);
};

const E = 0.0137; // off-axis, so probe lines miss mesh edges
const P = { deskThickness: 18, clampDepth: 50, drop: 30, cradle: 40, width: 20, thickness: 5 };
const SIZE = [55, 5 + 30 + 10 + 18.3, 20];
/** The mesh is centred on x = y = 0; this takes x from the clamp's far end, y from the cradle's underside. */
const at = (x: number, y: number, z: number): [number, number, number] => [x - SIZE[0] / 2, y - SIZE[1] / 2, z];

describe('headphone-hanger', () => {
  it('clamps a board of the given thickness with 0.3 mm to spare', async () => {
    const { mesh } = await build(P);
    const ys = crossings(mesh, at(2 + E, 0, 10 + E), 1); // up through the arms, over the desk and beyond the cradle
    expect(ys).toHaveLength(4);
    expect(ys[2] - ys[1]).toBeCloseTo(18.3, 3);
    expect(ys[1] - ys[0]).toBeCloseTo(5, 3); // the lower arm
    expect(ys[3] - ys[2]).toBeCloseTo(5, 3); // the upper arm
  });

  it('has a cradle as wide as asked with a lip 8 mm above its floor, under the desk', async () => {
    const { mesh, measurements } = await build(P);
    const xs = crossings(mesh, at(0, 5 + 6 + E, 10 + E), 0); // above the cradle floor, below the lip's top
    expect(xs).toHaveLength(4);
    expect(xs[2] - xs[1]).toBeCloseTo(40, 3);
    expect(xs[3]).toBeCloseTo(measurements.size[0] / 2, 3); // the drop is the hanger's outer face
    expect(crossings(mesh, [xs[0] + 2.5, 0, 10 + E], 1).slice(0, 2).map((y) => y + SIZE[1] / 2)).toEqual([expect.closeTo(0, 3), expect.closeTo(13, 3)]); // floor + lip
  });

  it('is one prism: every face is vertical or flat on the bed, so nothing overhangs', async () => {
    const { mesh, measurements } = await build(P);
    const zs = new Set(Array.from({ length: mesh.positions.length / 3 }, (_, i) => mesh.positions[i * 3 + 2].toFixed(6)));
    expect([...zs].sort()).toEqual(['0.000000', '20.000000']);
    expect(measurements.size).toEqual(SIZE.map((v) => expect.closeTo(v, 3)));
  });

  it('refuses a cradle wider than the clamp reaches, in the customer’s words', () => {
    const result = validateParams(headphoneHanger, { clampDepth: 30, cradle: 40 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toEqual(expect.objectContaining({ field: 'clampDepth', code: 'rule', message: expect.stringMatching(/40 mm cradle needs a clamp reaching at least 45 mm/) }));
  });
});
