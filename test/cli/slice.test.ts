// `npm run slice`, called in-process: usage errors, a refusal in the shop's words, and (with the
// real PrusaSlicer) the figures of a sliced name tag.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSeconds, runSliceCli } from '../../functions/cli/slice.ts';
import { PROFILES_DIR } from '../../functions/agent/slicing/profile.ts';
import { hasPrusaSlicer, INSTALL_HINT, writeDesignPart } from '../agent/slicing/support.ts';

const run = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSliceCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('npm run slice', () => {
  let dir: string;
  let part: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-slice-cli-'));
    ({ path: part } = await writeDesignPart(dir, 'name-tag', '3mf'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('formats durations', () => {
    expect(formatSeconds(834)).toBe('13m 54s');
    expect(formatSeconds(93_784)).toBe('26h 03m 04s');
  });

  it('exits 2 with the usage on a wrong command line', async () => {
    expect(await run()).toMatchObject({ code: 2, err: expect.stringContaining('give exactly one part file') });
    expect(await run(part, '--speed', 'fast')).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--speed'") });
    expect(await run(part, '--timeout', '0')).toMatchObject({ code: 2, err: expect.stringContaining('--timeout must be') });
  });

  it('exits 1 with the reason when the part does not fit', async () => {
    const tiny = join(dir, 'tiny.ini');
    const text = await readFile(join(PROFILES_DIR, 'atelier-pla-0.4n-0.2mm.ini'), 'utf8');
    await writeFile(tiny, text.replace(/^bed_shape = .*$/m, 'bed_shape = 0x0,40x0,40x40,0x40'));

    const result = await run(part, '--profile', tiny);

    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^slice: the part \(\d+\.\d × \d+\.\d × 4\.0 mm\) does not fit the profile's printable volume \(40\.0 × 40\.0 × 210\.0 mm\)$/);
  });

  it.skipIf(!hasPrusaSlicer)('prints the figures and writes the G-code beside the part', async () => {
    const result = await run(part, '-p', 'atelier-petg-0.4n-0.2mm');

    expect(result.code).toBe(0);
    expect(result.out).toMatch(/print time {2}\d+m \d\ds \(\d+ s\)/);
    expect(result.out).toMatch(/layers {6}20/);
    expect(result.out).toContain('profile atelier-petg-0.4n-0.2mm');
    expect((await stat(join(dir, 'name-tag.gcode'))).size).toBeGreaterThan(10_000);
  });
  if (!hasPrusaSlicer) it.skip(INSTALL_HINT, () => undefined);
});
