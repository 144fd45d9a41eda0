// The reference set behind the print estimate: seeded random configurations of every design,
// built, measured and sliced per material with the reference profile. `npm run calibrate` fits
// on one seed, `npm run bench:estimate` checks on another; slicer results are cached on disk
// (.calibration/) so a second run only slices what is new.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PartOutsideBedError } from '../agent/slicing/errors.ts';
import type { Slice } from '../agent/slicing/types.ts';
import { catalogue } from '../designs/catalogue.ts';
import { generateValidated } from '../designs/generate.ts';
import { randomValidParams, seededRandom } from '../designs/kit/random-params.ts';
import type { AnyDesign, Params } from '../designs/types.ts';
import type { Material } from '../domain/materials.ts';
import { canonicalJson } from '../mesh/hash.ts';
import { printFeatures, type PrintFeatures } from '../mesh/print-features.ts';
import { write3mf } from '../mesh/threemf.ts';
import type { Vec3 } from '../mesh/types.ts';

/** The calibration set's seed; the estimate benchmark uses another (held-out) one. */
export const CALIBRATION_SEED = 1;
/** Where slicer results are kept between runs (git-ignored). */
export const SLICE_CACHE = '.calibration/slices.json';

/** One configuration, measured the way the quote measures it. */
export interface Part {
  designId: string;
  params: Params;
  size: Vec3;
  volumeMm3: number;
  surfaceAreaMm2: number;
  features: PrintFeatures;
  /** The 3MF on disk, for the slicer. */
  file: string;
}

/** What the slicer said about one part in one profile. */
export interface SlicedFigures {
  seconds: number;
  grams: number;
  layers: number;
}

export interface Sample extends Omit<Part, 'file'> {
  material: Material;
  profile: string;
  sliced: SlicedFigures;
}

/** `perDesign` configurations of each design, drawn from `seed` (each design its own stream). */
export const referenceConfigurations = (seed: number, perDesign: number, designs: readonly AnyDesign[] = catalogue) =>
  designs.flatMap((design, i) => randomValidParams(design, perDesign, seededRandom(seed * 7919 + i)).map((params) => ({ design, params })));

/** Builds, measures and writes each configuration's 3MF into `dir`. */
export const buildParts = async (configurations: { design: AnyDesign; params: Params }[], dir: string): Promise<Part[]> => {
  const parts: Part[] = [];
  for (const [i, { design, params }] of configurations.entries()) {
    const built = await generateValidated(design, params);
    const file = join(dir, `${i}-${design.id}.3mf`);
    await writeFile(file, write3mf(built.mesh, { title: `${design.id} ${i}` }));
    const m = built.measurements;
    parts.push({ designId: design.id, params, size: m.size, volumeMm3: m.volume, surfaceAreaMm2: m.surfaceArea, features: printFeatures(built.mesh), file });
  }
  return parts;
};

/** Runs `work` over `items` with at most `jobs` at a time, in order of the items. */
export const pool = async <T, R>(items: readonly T[], jobs: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
};

/** Slicer results by profile, design, version-free params: a configuration is sliced once. */
export class SliceCache {
  /** Writes in order, one at a time (parallel slices finish together). */
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly entries: Record<string, SlicedFigures>,
  ) {}

  static async open(path: string): Promise<SliceCache> {
    const text = await readFile(path, 'utf8').catch(() => '{}');
    return new SliceCache(path, JSON.parse(text));
  }

  static key = (profile: string, designId: string, params: Params) => `${profile}|${designId}|${canonicalJson(params)}`;

  get(key: string): SlicedFigures | undefined {
    return this.entries[key];
  }

  async set(key: string, figures: SlicedFigures): Promise<void> {
    this.entries[key] = figures;
    const write = async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(this.path, JSON.stringify(this.entries));
    };
    this.writing = this.writing.then(write, write);
    await this.writing;
  }
}

export interface SliceSetOptions {
  slice: Slice;
  /** Profile per material (reference ids, or one shop .ini for all). */
  profileFor: (material: Material) => string;
  materials: readonly Material[];
  jobs: number;
  cache?: SliceCache;
  /** Called after each slice, for progress. */
  onSliced?: (done: number, total: number) => void;
}

/**
 * Slices every part in every material (cache first), `jobs` slicer processes at a time. A part
 * that does not fit the profile's bed is left out (and reported through onSkipped).
 */
export const sliceParts = async (parts: readonly Part[], options: SliceSetOptions & { onSkipped?: (part: Part, reason: string) => void }): Promise<Sample[]> => {
  const work = options.materials.flatMap((material) => parts.map((part) => ({ part, material, profile: options.profileFor(material) })));
  const scratch = await mkdtemp(join(tmpdir(), 'atelier-calibrate-'));
  let done = 0;
  try {
    const samples = await pool(work, options.jobs, async ({ part, material, profile }, i): Promise<Sample | undefined> => {
      const key = SliceCache.key(profile, part.designId, part.params);
      let sliced = options.cache?.get(key);
      if (!sliced) {
        const output = join(scratch, `${i}.gcode`);
        const result = await options.slice({ input: part.file, profile, output }).catch((error: unknown) => {
          if (error instanceof PartOutsideBedError) return undefined;
          throw error;
        });
        if (!result) {
          options.onSkipped?.(part, `does not fit the bed of ${profile}`);
          options.onSliced?.(++done, work.length);
          return undefined;
        }
        await rm(output, { force: true });
        sliced = { seconds: result.printSeconds, grams: result.filamentGrams, layers: result.layers };
        await options.cache?.set(key, sliced);
      }
      options.onSliced?.(++done, work.length);
      const { file: _file, ...measured } = part;
      return { ...measured, material, profile: profile.replace(/^.*\//, '').replace(/\.ini$/, ''), sliced };
    });
    return samples.filter((s): s is Sample => s !== undefined);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
};
