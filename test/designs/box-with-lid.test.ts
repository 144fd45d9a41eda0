// The box and its lid measured on the one mesh that carries both: two disjoint bodies side by
// side, the inside as asked, and a lip that drops into the box with the chosen clearance.
import { describe, expect, it } from 'vitest';
import { boxWithLid } from '../../functions/designs/box-with-lid.ts';
import { generateValidated } from '../../functions/designs/generate.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { read3mf, write3mf } from '../../functions/mesh/threemf.ts';
import { verifyMesh } from '../../functions/mesh/verify.ts';
import { crossings } from './probe.ts';

const build = async (input: Record<string, number | string>) => {
  const result = validateParams(boxWithLid, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return generateValidated(boxWithLid, result.params);
};

const E = 0.0137;

describe('box-with-lid', () => {
  it('lays box and lid side by side, 5 mm apart, as two bodies in one verified mesh and 3MF', async () => {
    const { mesh, measurements } = await build({ width: 60, depth: 40, height: 30, wall: 2 });
    expect(measurements.size).toEqual([expect.closeTo(2 * 64 + 5, 2), expect.closeTo(44, 2), expect.closeTo(32, 2)]);
    const xs = crossings(mesh, [0, E, 1], 0); // through the box floor and the lid plate
    expect(xs).toHaveLength(4);
    expect(xs[2] - xs[1]).toBeCloseTo(5, 2);
    const back = read3mf(write3mf(mesh)).mesh;
    expect(verifyMesh(back).defects).toEqual([]);
  });

  it('has the inside asked for, and a lip that fits it with the chosen clearance', async () => {
    for (const [fit, clearance] of [['snug', 0.15], ['easy', 0.3]] as const) {
      const { mesh } = await build({ width: 70, depth: 50, height: 20, wall: 2.4, fit });
      const boxCentre = -(70 + 4.8 + 5) / 2;
      const inside = crossings(mesh, [boxCentre, E, 10], 0).filter((x) => x < 0); // the box is on the left
      expect(inside).toHaveLength(4);
      expect(inside[2] - inside[1]).toBeCloseTo(70, 2);
      const lip = crossings(mesh, [-boxCentre, E, 2.4 + 2], 0).filter((x) => x > 0); // half-way up the lip, on the right
      expect(lip).toHaveLength(4);
      expect(lip[3] - lip[0]).toBeCloseTo(70 - 2 * clearance, 2);
      expect(lip[1] - lip[0]).toBeCloseTo(1.2, 2);
    }
  });
});
