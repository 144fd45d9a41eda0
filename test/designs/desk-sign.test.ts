// The desk sign measured on its mesh: a 45° face (no overhang beyond 45°), letters standing
// 1 mm out of it or cut 1 mm into it, and a length that follows the text.
import { beforeAll, describe, expect, it } from 'vitest';
import { deskSign } from '../../functions/designs/desk-sign.ts';
import { generateValidated } from '../../functions/designs/generate.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { crossings, rayHits } from './probe.ts';
import { prepareCatalogue } from '../../functions/designs/catalogue.ts';

beforeAll(() => prepareCatalogue());

const build = async (input: Record<string, number | string>) => {
  const result = validateParams(deskSign, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return generateValidated(deskSign, result.params);
};

const A = Math.SQRT1_2;

describe('desk-sign', () => {
  it('has a face at 45°: beside the text, depth into the sign grows 1:1 with height', async () => {
    const { mesh, measurements } = await build({ text: 'I', letterHeight: 20 });
    const x = measurements.size[0] / 2 - 1; // in the margin, clear of the letter
    const front = (z: number) => crossings(mesh, [x, 0, z], 1)[0];
    expect(front(10) - front(6)).toBeCloseTo(4, 2);
    // The mesh comes centred on x and y; the face starts above the 2 mm lip at the front.
    expect(front(4) + measurements.size[1] / 2).toBeCloseTo(4 - 2, 2);
  });

  it('raises letters 1 mm out of the face, or engraves them 1 mm in', async () => {
    const depthAtCentre = async (style: string) => {
      const { mesh, measurements } = await build({ text: 'I', letterHeight: 20, style });
      const rise = measurements.size[2] - 2;
      const centre: [number, number, number] = [0, -measurements.size[1] / 2 + rise / 2, 2 + rise / 2];
      const origin: [number, number, number] = [0.0137, centre[1] - 10 * A, centre[2] + 10 * A];
      return rayHits(mesh, origin, [0, A, -A])[0] - 10; // < 0: stands out; > 0: cut in
    };
    expect(await depthAtCentre('raised')).toBeCloseTo(-1, 2);
    expect(await depthAtCentre('engraved')).toBeCloseTo(1, 2);
  });

  it('grows with the text and refuses a sign longer than 220 mm in the customer’s words', async () => {
    const short = await build({ text: 'AB' });
    const long = await build({ text: 'ABCDEF' });
    expect(long.measurements.size[0]).toBeGreaterThan(short.measurements.size[0] * 2);
    const result = validateParams(deskSign, { text: 'W'.repeat(18), letterHeight: 30 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ field: 'text', code: 'rule', message: expect.stringMatching(/at most 220 mm: use fewer characters or smaller letters/) });
  });
});
