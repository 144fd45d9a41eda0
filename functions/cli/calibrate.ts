// `npm run calibrate`: slices a fixed-seed reference set (random valid configurations of every
// design, in every material, with the reference profiles) and fits the print estimate's
// coefficients to it; writes functions/domain/print-estimate-fit.json, which the quote reads.
// With --shop-profile, slices the same set with a shop's own .ini and prints the speed factor
// to register for that shop (npm run shops -- speed-factor ID <factor>).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { slice, slicerVersion } from '../agent/slicing/prusa-slicer.ts';
import { parseIni, referenceProfileFor, resolveProfile } from '../agent/slicing/profile.ts';
import { errorSummary, fitMaterial, residuals, type FitSample, type ProfileFacts } from '../domain/estimate-fit.ts';
import { isMaterial, MATERIAL_IDS, type Material } from '../domain/materials.ts';
import type { PrintEstimateFit } from '../domain/print-estimate.ts';
import { DEFAULT_LAYER_OPTIONS } from '../mesh/layers.ts';
import { buildParts, CALIBRATION_SEED, referenceConfigurations, SLICE_CACHE, SliceCache, sliceParts, type Sample } from './calibration-set.ts';
import { prepareCatalogue } from '../designs/catalogue.ts';

export const DEFAULT_PER_DESIGN = 15;
export const FIT_FILE = 'functions/domain/print-estimate-fit.json';

export const CALIBRATE_USAGE = `Usage:
  npm run calibrate -- [--per-design ${DEFAULT_PER_DESIGN}] [--seed ${CALIBRATION_SEED}] [--jobs 2] [--out ${FIT_FILE}]
      Slices --per-design random configurations of every design in every material with the
      reference profiles (functions/agent/slicing/profiles) and writes the fitted estimate.
      Slicer results are kept in ${SLICE_CACHE}, so a second run only slices what is new.
  npm run calibrate -- --shop-profile my.ini [--material PLA] [--per-design 5]
      Slices the same set with a shop's own PrusaSlicer config and prints the speed factor
      (reference time / shop time) to register: npm run shops -- speed-factor SHOP_ID <factor>.`;

/** What the fit needs from a profile: density, and the cooling floor when cooling is on. */
export const profileFacts = async (profile: string): Promise<ProfileFacts> => {
  const resolved = resolveProfile(profile);
  const ini = parseIni(await readFile(resolved.path, 'utf8'));
  const first = (key: string) => Number((ini.get(key) ?? '0').split(',')[0]);
  return {
    profile: resolved.name,
    density: first('filament_density'),
    floorS: first('cooling') ? first('slowdown_below_layer_time') : 0,
  };
};

const percent = (v: number) => `${(v * 100).toFixed(1)} %`;

const options = {
  seed: { type: 'string' },
  'per-design': { type: 'string' },
  jobs: { type: 'string' },
  out: { type: 'string' },
  'shop-profile': { type: 'string' },
  material: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const positiveInteger = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got ${text})`);
  return value;
};

const main = async (): Promise<number> => {
  const { values } = parseArgs({ options, allowPositionals: false });
  if (values.help) {
    console.log(CALIBRATE_USAGE);
    return 0;
  }
  const shopProfile = values['shop-profile'];
  const seed = positiveInteger('seed', values.seed, CALIBRATION_SEED);
  const perDesign = positiveInteger('per-design', values['per-design'], shopProfile ? 5 : DEFAULT_PER_DESIGN);
  const jobs = positiveInteger('jobs', values.jobs, 2);
  const material = (values.material ?? 'PLA').toUpperCase();
  if (!isMaterial(material)) throw new Error(`--material must be one of ${MATERIAL_IDS.join(', ')}`);
  const started = Date.now();
  await prepareCatalogue();
  const slicer = await slicerVersion();
  const dir = await mkdtemp(join(tmpdir(), 'atelier-parts-'));
  try {
    const parts = await buildParts(referenceConfigurations(seed, perDesign), dir);
    console.log(`${slicer}; ${parts.length} configurations (seed ${seed}) built in ${((Date.now() - started) / 1000).toFixed(0)} s; slicing with ${jobs} jobs…`);
    const cache = await SliceCache.open(SLICE_CACHE);
    const onSkipped = (part: { designId: string; params: unknown }, why: string) => console.log(`  left out ${part.designId} ${JSON.stringify(part.params)}: ${why}`);
    const progress = (done: number, total: number) => {
      if (done % 20 === 0 || done === total) console.log(`  sliced ${done}/${total} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    };
    if (shopProfile) {
      const reference = await sliceParts(parts, { slice, profileFor: referenceProfileFor, materials: [material], jobs, cache, onSliced: progress, onSkipped });
      const shop = await sliceParts(parts, { slice, profileFor: () => shopProfile, materials: [material], jobs, onSliced: progress, onSkipped });
      const sum = (samples: Sample[]) => samples.reduce((s, x) => s + x.sliced.seconds, 0);
      const factor = sum(reference) / sum(shop);
      const spread = errorSummary(
        shop.map((s) => s.sliced.seconds * factor),
        reference.map((s) => s.sliced.seconds),
      );
      console.log(`${shopProfile} prints the reference set in ${(sum(shop) / 3600).toFixed(1)} h, the reference profile in ${(sum(reference) / 3600).toFixed(1)} h.`);
      console.log(`Speed factor: ${factor.toFixed(2)} (per part after scaling: median ${percent(spread.median)}, p90 ${percent(spread.p90)} apart)`);
      console.log(`Register it: npm run shops -- speed-factor SHOP_ID ${factor.toFixed(2)}`);
      return 0;
    }
    const samples = await sliceParts(parts, { slice, profileFor: referenceProfileFor, materials: MATERIAL_IDS, jobs, cache, onSliced: progress, onSkipped });
    const fit: PrintEstimateFit = {
      slicer,
      layerMm: DEFAULT_LAYER_OPTIONS.layerMm,
      seed,
      samples: samples.length,
      fittedAt: new Date().toISOString(),
      profiles: MATERIAL_IDS.map(referenceProfileFor),
      materials: {} as PrintEstimateFit['materials'],
      residuals: {},
    };
    const byMaterial = (m: Material) => samples.filter((s) => s.material === m).map(toFitSample);
    for (const m of MATERIAL_IDS) fit.materials[m] = fitMaterial(byMaterial(m), m, await profileFacts(referenceProfileFor(m)));
    // Six significant digits are plenty; the residuals are those of the rounded file.
    fit.materials = JSON.parse(JSON.stringify(fit.materials, (_, v) => (typeof v === 'number' ? Number(v.toPrecision(6)) : v)));
    for (const m of MATERIAL_IDS) fit.residuals[m] = roundResiduals(residuals(byMaterial(m), m, fit));
    const out = values.out ?? FIT_FILE;
    await writeFile(out, `${JSON.stringify(fit, null, 2)}\n`);
    console.log(`material  grams median / p90     time median / p90   (calibration set, in-sample)`);
    for (const m of MATERIAL_IDS) {
      const r = fit.residuals[m];
      console.log(`${m.padEnd(8)}  ${percent(r.grams.median).padStart(7)} / ${percent(r.grams.p90).padEnd(9)}  ${percent(r.time.median).padStart(7)} / ${percent(r.time.p90)}`);
    }
    console.log(`wrote ${out} in ${((Date.now() - started) / 60000).toFixed(1)} min`);
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
const roundResiduals = (r: ReturnType<typeof residuals>) => ({
  grams: { median: round4(r.grams.median), p90: round4(r.grams.p90) },
  time: { median: round4(r.time.median), p90: round4(r.time.p90) },
});

/** A calibration sample as the fit takes it. */
export const toFitSample = (s: Sample): FitSample => ({
  designId: s.designId,
  params: s.params,
  volume: s.volumeMm3,
  surfaceArea: s.surfaceAreaMm2,
  size: s.size,
  print: s.features,
  sliced: { seconds: s.sliced.seconds, grams: s.sliced.grams },
});

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
