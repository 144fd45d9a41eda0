// Multi-part evaluation: each body is evaluated and placed in the whole item's frame, touching
// bodies are fine, overlapping ones, repeated roles and empty lists are KernelErrors, and a
// lone Solid is one 'body' part identical to evaluateSolid's mesh.
import { describe, expect, it } from 'vitest';
import { asBodies, asSolid, evaluateBodies, type Body } from '../../functions/mesh/bodies.ts';
import { evaluateSolid } from '../../functions/mesh/evaluate.ts';
import { KernelError } from '../../functions/mesh/errors.ts';
import { primitives } from '../../functions/mesh/jscad.ts';
import { measureMesh } from '../../functions/mesh/measure.ts';
import { fromGeom3, type Solid } from '../../functions/mesh/solid.ts';
import { verifyMesh } from '../../functions/mesh/verify.ts';

const box = (size: [number, number, number], center: [number, number, number]): Solid => fromGeom3(primitives.cuboid({ size, center }));

/** A 20 × 10 × 2 plate with a 4 × 4 × 1 block standing on it, off-centre. */
const plateAndBlock = (blockZ = 2.5): Body[] => [
  { role: 'base', label: 'Base', colourSlot: 0, solid: box([20, 10, 2], [100, 50, 1]) },
  { role: 'letters', label: 'Letters', colourSlot: 1, solid: box([4, 4, 1], [105, 50, blockZ]) },
];

describe('evaluateBodies', () => {
  it('places touching parts in the whole item’s frame, each watertight, the whole their union', async () => {
    const { whole, parts } = await evaluateBodies(plateAndBlock());
    expect(parts.map((p) => [p.role, p.colourSlot])).toEqual([['base', 0], ['letters', 1]]);
    expect(verifyMesh(whole).ok).toBe(true);
    const [base, letters] = parts.map((p) => measureMesh(p.mesh));
    expect(verifyMesh(parts[0].mesh).ok).toBe(true);
    expect(verifyMesh(parts[1].mesh, { onPlate: false }).defects).toEqual([]);
    expect(base.bbox.min).toEqual([-10, -5, 0]);
    expect(letters.bbox.min[0]).toBeCloseTo(3, 5);
    expect(letters.bbox.min[2]).toBeCloseTo(2, 5);
    expect(measureMesh(whole).volume).toBeCloseTo(base.volume + letters.volume, 3);
    expect(measureMesh(whole).size).toEqual([20, 10, 3]);
  });

  it('refuses bodies that overlap, naming both', async () => {
    await expect(evaluateBodies(plateAndBlock(2.2))).rejects.toThrow(/"base" and "letters" overlap by 4\.8/);
  });

  it('refuses repeated roles and an empty list', async () => {
    const [base] = plateAndBlock();
    await expect(evaluateBodies([base, { ...base, solid: box([1, 1, 1], [200, 0, 0]) }])).rejects.toThrow(KernelError);
    await expect(evaluateBodies([])).rejects.toThrow(/no bodies/);
  });

  it('treats a lone Solid as one part, the very mesh evaluateSolid gives', async () => {
    const solid = box([3, 4, 5], [7, 7, 7]);
    const { whole, parts } = await evaluateBodies(asBodies(solid));
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ role: 'body', label: 'Body', colourSlot: 0 });
    expect(parts[0].mesh).toBe(whole);
    expect(whole).toEqual(await evaluateSolid(solid));
    expect(asSolid(solid)).toBe(solid);
    expect(measureMesh(await evaluateSolid(asSolid(plateAndBlock()))).volume).toBeCloseTo(416, 3);
  });
});
