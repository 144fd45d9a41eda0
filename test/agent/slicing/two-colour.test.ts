// Two colours through the real PrusaSlicer: the name tag with letters in a second colour, built
// and written by the project's own code, opens as ONE object with TWO parts (PrusaSlicer saves it
// back with two volumes on extruders 1 and 2), slices with the two-filament reference profile into
// G-code that changes tools (T0 and T1) with both filaments' figures summed; the single-filament
// profile prints both parts from one. The agent's slicing stage picks the profile by the job's
// filament count and holds a two-colour job when the shop gave no multi-material profile.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../functions/agent/agent-state.ts';
import { sliceJob } from '../../../functions/agent/slice-stage.ts';
import { MULTI_MATERIAL_PROFILES, PROFILES_DIR } from '../../../functions/agent/slicing/profile.ts';
import { slice } from '../../../functions/agent/slicing/prusa-slicer.ts';
import type { SliceRequest } from '../../../functions/agent/slicing/types.ts';
import { buildMeshFiles, type MeshFiles } from '../../../functions/designs/build-files.ts';
import { nameTag } from '../../../functions/designs/name-tag.ts';
import { prepareDesign } from '../../../functions/designs/types.ts';
import { validateParams } from '../../../functions/designs/validate.ts';
import { PRUSA_CONFIG_PATH } from '../../../functions/mesh/threemf-parts.ts';
import { hasPrusaSlicer, INSTALL_HINT } from './support.ts';

if (!hasPrusaSlicer) console.warn(INSTALL_HINT);

const TWO = 'atelier-pla-0.4n-0.2mm-2c';
const toolChanges = (gcode: string): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const m of gcode.matchAll(/^(T\d+)\s*$/gm)) counts[m[1]] = (counts[m[1]] ?? 0) + 1;
  return counts;
};

describe.skipIf(!hasPrusaSlicer)('a two-colour name tag in PrusaSlicer', () => {
  let dir: string;
  let tag3mf: string;
  let built: MeshFiles;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-two-colour-'));
    await prepareDesign(nameTag, { text: 'ANNA', colours: 'two' });
    const validation = validateParams(nameTag, { text: 'ANNA', colours: 'two' });
    if (!validation.ok) throw new Error('invalid params');
    built = await buildMeshFiles(nameTag, validation.params, 'f00d'.repeat(16));
    tag3mf = join(dir, 'tag.3mf');
    await writeFile(tag3mf, built.files['3mf']);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is read as one object with two parts on extruders 1 and 2', () => {
    expect(built.parts.map((p) => [p.role, p.colourSlot])).toEqual([['base', 0], ['letters', 1]]);
    const saved = join(dir, 'saved.3mf');
    execFileSync('prusa-slicer', ['--loglevel', '0', '--export-3mf', '--output', saved, tag3mf], { stdio: 'ignore' });
    const config = strFromU8(unzipSync(readFileSync(saved))[PRUSA_CONFIG_PATH]);
    const objects = [...config.matchAll(/<object\b[\s\S]*?<\/object>/g)].map((m) => m[0]);
    expect(objects).toHaveLength(1);
    const volumes = [...objects[0].matchAll(/<volume\b[\s\S]*?<\/volume>/g)].map((m) => ({
      name: /key="name" value="([^"]*)"/.exec(m[0])?.[1],
      extruder: /key="extruder" value="(\d+)"/.exec(m[0])?.[1],
      triangles: Number(/lastid="(\d+)"/.exec(m[0])![1]) - Number(/firstid="(\d+)"/.exec(m[0])![1]) + 1,
    }));
    expect(volumes).toEqual([
      { name: 'Base', extruder: '1', triangles: built.parts[0].measurements.triangleCount },
      { name: 'Letters', extruder: '2', triangles: built.parts[1].measurements.triangleCount },
    ]);
  });

  it('slices with two extruders: tool changes T0 and T1, figures for both filaments', async () => {
    const output = join(dir, 'two.gcode');
    const result = await slice({ input: tag3mf, profile: TWO, output });
    const gcode = await readFile(output, 'utf8');
    const tools = toolChanges(gcode);
    expect(tools.T0).toBeGreaterThanOrEqual(1);
    expect(tools.T1).toBeGreaterThanOrEqual(1);
    const grams = /^; filament used \[g\] = (.+)$/m.exec(gcode)![1].split(',').map(Number);
    expect(grams).toHaveLength(2);
    expect(grams.every((g) => g > 0)).toBe(true);
    expect(result.filamentGrams).toBeCloseTo(grams[0] + grams[1], 1);
    expect(result.printSeconds).toBeGreaterThan(120);
    expect(Math.abs(result.layers - built.measurements.size[2] / 0.2)).toBeLessThanOrEqual(1);
    expect(result.profile).toBe(TWO);
  });

  it('prints both parts from one filament with the single-filament profile', async () => {
    const output = join(dir, 'one.gcode');
    await slice({ input: tag3mf, profile: 'atelier-pla-0.4n-0.2mm', output });
    const gcode = await readFile(output, 'utf8');
    expect(toolChanges(gcode).T1).toBeUndefined();
    expect(/^; filament used \[g\] = (.+)$/m.exec(gcode)![1].split(',')).toHaveLength(1);
  });

  it('has a committed profile file for each multi-material reference id', async () => {
    for (const id of MULTI_MATERIAL_PROFILES) {
      const text = await readFile(join(PROFILES_DIR, `${id}.ini`), 'utf8');
      expect(text).toMatch(/^nozzle_diameter = 0\.4,0\.4$/m);
      expect(text).toMatch(/^single_extruder_multi_material = 1$/m);
      expect(text).toMatch(/^wipe_tower = 1$/m);
    }
  });
});

describe('the slicing stage picks the profile by the job’s filaments', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-pick-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const record = async (filaments?: number): Promise<JobRecord> => {
    const path = join(dir, 'job.3mf');
    await writeFile(path, 'x');
    // sha256 of "x"
    const threeMf = { path, bytes: 1, sha256: '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881' };
    return { id: 'o1', designId: 'name-tag', ...(filaments ? { filaments } : {}), stage: 'downloaded', threeMf, updatedAt: 0 } as JobRecord;
  };
  const run = async (job: JobRecord, twoColourProfile?: string) => {
    const asked: SliceRequest[] = [];
    const fake = async (request: SliceRequest) => {
      asked.push(request);
      return { gcodePath: request.output, bytes: 1, sha256: 'a', warnings: [], slicer: 'PrusaSlicer 2.5.0', profile: request.profile, elapsedMs: 1, printSeconds: 60, filamentMm: 1, filamentCm3: 1, filamentGrams: 1, layers: 1 };
    };
    const outcome = await sliceJob(job, 'name-tag-o1', dir, { slice: fake, profile: 'atelier-pla-0.4n-0.2mm', twoColourProfile, binary: 'prusa-slicer' }, new AbortController().signal);
    return { outcome, profiles: asked.map((r) => r.profile) };
  };

  it('slices a one-filament job with the shop’s profile and a two-filament one with its two-colour profile', async () => {
    expect((await run(await record(), TWO)).profiles).toEqual(['atelier-pla-0.4n-0.2mm']);
    expect((await run(await record(2), TWO)).profiles).toEqual([TWO]);
  });

  it('holds a two-filament job when the shop gave no two-colour profile, saying how to give one', async () => {
    const { outcome, profiles } = await run(await record(2));
    expect(profiles).toEqual([]);
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining('--two-colour-profile') });
  });
});
