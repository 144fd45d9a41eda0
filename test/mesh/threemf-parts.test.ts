// The multi-part 3MF: one object whose triangles carry their part's base material, PrusaSlicer's
// volume config (triangle ranges, extruder = slot + 1) and Bambu's, equal bytes for equal parts,
// and read3mf reading every part back closed.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { evaluateBodies } from '../../functions/mesh/bodies.ts';
import { primitives } from '../../functions/mesh/jscad.ts';
import { measureMesh } from '../../functions/mesh/measure.ts';
import { fromGeom3, type Solid } from '../../functions/mesh/solid.ts';
import { BAMBU_CONFIG_PATH, PRUSA_CONFIG_PATH, write3mfParts } from '../../functions/mesh/threemf-parts.ts';
import { read3mf } from '../../functions/mesh/threemf.ts';

const box = (size: [number, number, number], center: [number, number, number]): Solid => fromGeom3(primitives.cuboid({ size, center }));

const twoParts = async () =>
  (
    await evaluateBodies([
      { role: 'base', label: 'Base', colourSlot: 0, solid: box([30, 10, 2], [0, 0, 1]) },
      { role: 'letters', label: 'Letters & "marks"', colourSlot: 1, solid: box([4, 4, 1], [5, 0, 2.5]) },
    ])
  ).parts;

describe('write3mfParts', () => {
  it('writes one object with every part, each triangle with its part’s material', async () => {
    const parts = await twoParts();
    const files = unzipSync(write3mfParts(parts, { title: 'Tag' }));
    const model = strFromU8(files['3D/3dmodel.model']);
    expect(model.match(/<object /g)).toHaveLength(1);
    expect(model).toMatch(/<base name="Base" displaycolor="#F4F4F0FF"\/>/);
    expect(model).toMatch(/<base name="Letters &amp; &quot;marks&quot;" displaycolor="#1D1D1FFF"\/>/);
    expect(model).toMatch(/<object id="2" name="Tag" type="model" pid="1" pindex="0">/);
    expect(model.match(/<triangle [^>]*p1="1"\/>/g)).toHaveLength(12);
    expect(model.match(/<triangle /g)).toHaveLength(24);
    expect(model).toMatch(/<item objectid="2" printable="1"\/>/);
  });

  it('tells PrusaSlicer and Bambu/Orca which triangles are which part and its extruder', async () => {
    const files = unzipSync(write3mfParts(await twoParts(), { title: 'Tag' }));
    const prusa = strFromU8(files[PRUSA_CONFIG_PATH]);
    expect(prusa).toMatch(/<object id="2" instances_count="1">/);
    expect([...prusa.matchAll(/<volume firstid="(\d+)" lastid="(\d+)">/g)].map((m) => [m[1], m[2]])).toEqual([['0', '11'], ['12', '23']]);
    expect([...prusa.matchAll(/key="extruder" value="(\d+)"/g)].map((m) => m[1])).toEqual(['1', '2']);
    expect(prusa.match(/key="volume_type" value="ModelPart"/g)).toHaveLength(2);
    const bambu = strFromU8(files[BAMBU_CONFIG_PATH]);
    expect([...bambu.matchAll(/key="extruder" value="(\d+)"/g)].map((m) => m[1])).toEqual(['1', '1', '2']);
  });

  it('gives equal bytes for equal parts and reads back every part closed', async () => {
    const parts = await twoParts();
    const bytes = write3mfParts(parts, { title: 'Tag' });
    expect(write3mfParts(await twoParts(), { title: 'Tag' })).toEqual(bytes);
    const { mesh } = read3mf(bytes);
    expect(mesh.indices.length / 3).toBe(24);
    expect(measureMesh(mesh).volume).toBeCloseTo(30 * 10 * 2 + 16, 3);
  });
});
