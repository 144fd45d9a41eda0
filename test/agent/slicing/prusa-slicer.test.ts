// slice() with the real PrusaSlicer: a job's 3MF (name-tag at its defaults, built by the project's
// mesh code) sliced with each reference profile gives plausible figures; STL input too; each
// error is produced and says what is wrong; after every failure the output folder is empty.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATERIALS, type Material } from '../../../functions/domain/materials.ts';
import { writeStl } from '../../../functions/mesh/stl.ts';
import type { Measurements } from '../../../functions/mesh/types.ts';
import {
  OutputTooLargeError,
  PartOutsideBedError,
  ProfileError,
  SlicerFailedError,
  SlicerMissingError,
  SlicingTimeoutError,
} from '../../../functions/agent/slicing/errors.ts';
import { PROFILES_DIR, REFERENCE_PROFILES, referenceProfileFor } from '../../../functions/agent/slicing/profile.ts';
import { slice, slicerVersion } from '../../../functions/agent/slicing/prusa-slicer.ts';
import { boxMesh, hasPrusaSlicer, INSTALL_HINT, writeDesignPart } from './support.ts';

if (!hasPrusaSlicer) console.warn(INSTALL_HINT);

describe.skipIf(!hasPrusaSlicer)('slice() with PrusaSlicer', () => {
  let dir: string;
  let part3mf: string;
  let partStl: string;
  let tag: Measurements;
  let outCount = 0;
  const pla = join(PROFILES_DIR, 'atelier-pla-0.4n-0.2mm.ini');

  /** A new, empty folder for one slice's output. */
  const freshOut = async (): Promise<string> => {
    const out = join(dir, `out-${++outCount}`);
    await mkdir(out);
    return out;
  };

  /** Writes a copy of the PLA reference profile with some settings replaced. */
  const variant = async (name: string, settings: Record<string, string>): Promise<string> => {
    let text = await readFile(pla, 'utf8');
    for (const [key, value] of Object.entries(settings)) text = text.replace(new RegExp(`^${key} = .*$`, 'm'), `${key} = ${value}`);
    const path = join(dir, `${name}.ini`);
    await writeFile(path, text);
    return path;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-slice-'));
    ({ path: part3mf, measurements: tag } = await writeDesignPart(dir, 'name-tag', '3mf'));
    ({ path: partStl } = await writeDesignPart(dir, 'name-tag', 'stl'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reports its version', async () => {
    expect(await slicerVersion()).toMatch(/^PrusaSlicer \d+\.\d+/);
  });

  describe.each(REFERENCE_PROFILES.map((id) => [id]))('the name tag with %s', (profile) => {
    it('gives plausible figures and a complete G-code at output', async () => {
      const out = await freshOut();
      const output = join(out, 'tag.gcode');
      const material = (Object.keys(MATERIALS) as Material[]).find((m) => referenceProfileFor(m) === profile)!;
      const density = MATERIALS[material].densityGPerCm3;

      const result = await slice({ input: part3mf, profile, output });

      const volumeCm3 = tag.volume / 1000;
      expect(result.gcodePath).toBe(output);
      expect(result.profile).toBe(profile);
      expect(result.slicer).toMatch(/^PrusaSlicer \d/);
      expect(result.printSeconds).toBeGreaterThan(120);
      expect(result.printSeconds).toBeLessThan(6 * 3600);
      // Perimeters + 15 % infill + skirt: between a third and all of the solid volume (plus the skirt).
      expect(result.filamentCm3).toBeGreaterThan(volumeCm3 / 3);
      expect(result.filamentCm3).toBeLessThan(volumeCm3 * 1.3);
      expect(result.filamentGrams).toBeCloseTo(result.filamentCm3 * density, 1);
      const strandMm2 = Math.PI * 0.875 ** 2;
      expect(result.filamentMm).toBeCloseTo((result.filamentCm3 * 1000) / strandMm2, -1);
      expect(Math.abs(result.layers - tag.size[2] / 0.2)).toBeLessThanOrEqual(1);
      const gcode = await readFile(output);
      expect(result.bytes).toBe(gcode.length);
      expect(result.sha256).toBe(createHash('sha256').update(gcode).digest('hex'));
      expect(gcode.toString('utf8')).toContain(`; filament_density = ${density}`);
      expect(await readdir(out)).toEqual(['tag.gcode']);
    });
  });

  it('slices an STL like the 3MF of the same mesh', async () => {
    const out = await freshOut();
    const from3mf = await slice({ input: part3mf, profile: 'atelier-pla-0.4n-0.2mm', output: join(out, 'a.gcode') });

    const fromStl = await slice({ input: partStl, profile: 'atelier-pla-0.4n-0.2mm', output: join(out, 'b.gcode') });

    expect(fromStl.layers).toBe(from3mf.layers);
    expect(fromStl.filamentMm).toBeCloseTo(from3mf.filamentMm, -1);
    expect(fromStl.printSeconds / from3mf.printSeconds).toBeGreaterThan(0.95);
    expect(fromStl.printSeconds / from3mf.printSeconds).toBeLessThan(1.05);
  });

  it('takes a shop profile by path', async () => {
    const out = await freshOut();
    const shop = await variant('my-shop', { perimeters: '3' });

    const result = await slice({ input: part3mf, profile: shop, output: join(out, 'tag.gcode') });

    expect(result.profile).toBe('my-shop');
    expect(await readFile(join(out, 'tag.gcode'), 'utf8')).toContain('; perimeters = 3');
  });

  it("reports the print's warnings (a part with a gap between its layers)", async () => {
    const out = await freshOut();
    const gap = join(dir, 'gap.stl');
    const lower = boxMesh(20, 20, 2);
    const upper = boxMesh(20, 20, 4);
    const positions = new Float32Array([...lower.positions, ...upper.positions.map((v, i) => (i % 3 === 2 ? v + 6 : v))]);
    const indices = new Uint32Array([...lower.indices, ...upper.indices.map((i) => i + 8)]);
    await writeFile(gap, writeStl({ positions, indices }));

    const result = await slice({ input: gap, profile: 'atelier-pla-0.4n-0.2mm', output: join(out, 'gap.gcode') });

    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^Empty layer between 2 and 6\.2\. Object name: gap\.stl Make sure the object is printable\./);
  });

  describe('failures leave nothing behind', () => {
    const fails = async (request: Partial<Parameters<typeof slice>[0]>): Promise<Error> => {
      const out = await freshOut();
      const error = await slice({ input: part3mf, profile: 'atelier-pla-0.4n-0.2mm', output: join(out, 'tag.gcode'), ...request }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error, 'slice() should have failed').toBeInstanceOf(Error);
      expect(await readdir(out)).toEqual([]);
      return error!;
    };

    it('slicer missing: says how to install it', async () => {
      const error = await fails({ slicer: join(dir, 'no-such-slicer') });
      expect(error).toBeInstanceOf(SlicerMissingError);
      expect(error.message).toContain('apt-get install -y prusa-slicer');
      expect(error.message).toContain('no-such-slicer');
    });

    it('profile file missing', async () => {
      const error = await fails({ profile: join(dir, 'missing.ini') });
      expect(error).toBeInstanceOf(ProfileError);
      expect(error.message).toMatch(/missing\.ini: no such file/);
    });

    it('profile that is not a config (binary garbage)', async () => {
      const garbage = join(dir, 'garbage.ini');
      await writeFile(garbage, Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256)));
      const error = await fails({ profile: garbage });
      expect(error).toBeInstanceOf(ProfileError);
      expect(error.message).toContain('not a PrusaSlicer config');
    });

    it('profile the slicer refuses (an invalid value), with its message', async () => {
      const bad = await variant('bad-layer', { layer_height: 'thick' });
      const error = await fails({ profile: bad });
      expect(error).toBeInstanceOf(ProfileError);
      expect(error.message).toMatch(/refused the profile.*layer_height/);
    });

    it('part wider than the bed: found before slicing, with both sizes', async () => {
      const tiny = await variant('tiny-bed', { bed_shape: '0x0,30x0,30x30,0x30' });
      const error = await fails({ profile: tiny });
      expect(error).toBeInstanceOf(PartOutsideBedError);
      expect(error.message).toMatch(/part \(\d+\.\d × \d+\.\d × 4\.0 mm\) does not fit .* \(30\.0 × 30\.0 × 210\.0 mm\)/);
    });

    it('part taller than max_print_height (which the slicer itself lets through)', async () => {
      const low = await variant('low-ceiling', { max_print_height: '3' });
      const error = await fails({ profile: low });
      expect(error).toBeInstanceOf(PartOutsideBedError);
      expect(error.message).toContain('250.0 × 210.0 × 3.0 mm');
    });

    it("part outside the bed by the slicer's own word (profile without bed_shape)", async () => {
      const partial = join(dir, 'partial.ini');
      await writeFile(partial, 'layer_height = 0.2\nfilament_density = 1.24\n');
      const long = join(dir, 'long.stl');
      await writeFile(long, writeStl(boxMesh(230, 20, 2)));
      const error = await fails({ input: long, profile: partial });
      expect(error).toBeInstanceOf(PartOutsideBedError);
      expect(error.message).toContain('could not fit on the bed');
    });

    it('corrupt 3MF: slicer failure with its message', async () => {
      const corrupt = join(dir, 'corrupt.3mf');
      await writeFile(corrupt, 'PK\x03\x04 this is not a zip');
      const error = await fails({ input: corrupt });
      expect(error).toBeInstanceOf(SlicerFailedError);
      expect(error.message).toMatch(/exit 1\): .*Loading of a model file failed/);
    });

    it('time-out: the slicer is stopped', async () => {
      const error = await fails({ timeoutMs: 150 });
      expect(error).toBeInstanceOf(SlicingTimeoutError);
      expect(error.message).toContain('150 ms');
    });

    it('output too large: the slicer is stopped', async () => {
      const error = await fails({ maxOutputBytes: 50_000 });
      expect(error).toBeInstanceOf(OutputTooLargeError);
      expect(error.message).toContain('50000 byte');
    });

    it('abort: rejects with the signal reason', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new DOMException('stop', 'AbortError')), 150);
      const error = await fails({ signal: controller.signal });
      expect(error.name).toBe('AbortError');
    });
  });
});
