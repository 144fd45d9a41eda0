// `npm run bench:estimate`: the quote's grams and print time against PrusaSlicer's on a held-out
// random set (another seed than the calibration's), per design and material, with the old
// shell + infill model beside it. Slices with the reference profiles (cached in .calibration/).
// `npm run bench:estimate -- [--per-design 8] [--seed 2] [--jobs 2]`
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { slice, slicerVersion } from '../../functions/agent/slicing/prusa-slicer.ts';
import { referenceProfileFor } from '../../functions/agent/slicing/profile.ts';
import { prepareCatalogue } from '../../functions/designs/catalogue.ts';
import { buildParts, CALIBRATION_SEED, referenceConfigurations, SLICE_CACHE, SliceCache, sliceParts, type Sample } from '../../functions/cli/calibration-set.ts';
import { errorSummary } from '../../functions/domain/estimate-fit.ts';
import { MATERIAL_IDS } from '../../functions/domain/materials.ts';
import { PRINT_ESTIMATE_FIT } from '../../functions/domain/print-estimate.ts';
import { priceQuote } from '../../functions/domain/quote.ts';
import { legacyEstimatePrint } from './legacy-estimate.ts';
import { formatTable } from './table.ts';

export const BENCH_SEED = 2;
const TARGET = { median: 0.05, p90: 0.15 };

const { values } = parseArgs({ options: { 'per-design': { type: 'string' }, seed: { type: 'string' }, jobs: { type: 'string' } } });
const perDesign = Number(values['per-design'] ?? 8);
const seed = Number(values.seed ?? BENCH_SEED);
const jobs = Number(values.jobs ?? 2);
if (seed === CALIBRATION_SEED) throw new Error(`seed ${seed} is the calibration seed: the benchmark needs a held-out set`);

interface Row {
  sample: Sample;
  grams: number;
  seconds: number;
  oldGrams: number;
  oldSeconds: number;
}

/** The quote's figures (rounded as the customer sees them) and the old model's, for one sample. */
const measure = (sample: Sample): Row => {
  const part = { volume: sample.volumeMm3, surfaceArea: sample.surfaceAreaMm2, size: sample.size, print: sample.features, designId: sample.designId, params: sample.params };
  const quote = priceQuote(part, sample.material, 1, [], 0);
  const old = legacyEstimatePrint(part, sample.material);
  return { sample, grams: quote.weightGrams, seconds: quote.printSeconds, oldGrams: old.grams, oldSeconds: old.seconds };
};

const pct = (v: number) => `${(v * 100).toFixed(1)}`;
const summary = (rows: Row[]) => ({
  grams: errorSummary(rows.map((r) => r.grams), rows.map((r) => r.sample.sliced.grams)),
  time: errorSummary(rows.map((r) => r.seconds), rows.map((r) => r.sample.sliced.seconds)),
  oldGrams: errorSummary(rows.map((r) => r.oldGrams), rows.map((r) => r.sample.sliced.grams)),
  oldTime: errorSummary(rows.map((r) => r.oldSeconds), rows.map((r) => r.sample.sliced.seconds)),
});
const cells = (label: string, material: string, rows: Row[]) => {
  const s = summary(rows);
  return [label, material, String(rows.length), pct(s.grams.median), pct(s.grams.p90), pct(s.time.median), pct(s.time.p90), pct(s.oldGrams.median), pct(s.oldGrams.p90), pct(s.oldTime.median), pct(s.oldTime.p90)];
};

const started = Date.now();
const dir = await mkdtemp(join(tmpdir(), 'atelier-bench-estimate-'));
try {
  const slicer = await slicerVersion();
  await prepareCatalogue();
  const parts = await buildParts(referenceConfigurations(seed, perDesign), dir);
  console.log(`${slicer}; held-out set: seed ${seed}, ${perDesign} configurations per design × ${MATERIAL_IDS.length} materials; fit: seed ${PRINT_ESTIMATE_FIT.seed}, ${PRINT_ESTIMATE_FIT.samples} samples (${PRINT_ESTIMATE_FIT.slicer})`);
  const cache = await SliceCache.open(SLICE_CACHE);
  const onSkipped = (part: { designId: string; params: unknown }, why: string) => console.log(`  left out ${part.designId} ${JSON.stringify(part.params)}: ${why}`);
  const samples = await sliceParts(parts, {
    slice,
    profileFor: referenceProfileFor,
    materials: MATERIAL_IDS,
    jobs,
    cache,
    onSkipped,
    onSliced: (done, total) => done % 20 === 0 && console.log(`  sliced ${done}/${total} (${((Date.now() - started) / 1000).toFixed(0)} s)`),
  });
  const rows = samples.map(measure);
  const designs = [...new Set(rows.map((r) => r.sample.designId))];
  const table: string[][] = [];
  for (const designId of designs) for (const m of MATERIAL_IDS) table.push(cells(designId, m, rows.filter((r) => r.sample.designId === designId && r.sample.material === m)));
  for (const m of MATERIAL_IDS) table.push(cells('all designs', m, rows.filter((r) => r.sample.material === m)));
  table.push(cells('overall', 'all', rows));
  console.log('\n|error| against PrusaSlicer, % (quote: the fitted model as quoted; old: shell + infill model)\n');
  console.log(formatTable(['design', 'material', 'n', 'g med', 'g p90', 't med', 't p90', 'old g med', 'old g p90', 'old t med', 'old t p90'], table));
  const overall = summary(rows);
  const verdict = (name: string, s: { median: number; p90: number }) =>
    `${name}: median ${pct(s.median)} % (target ≤ ${pct(TARGET.median)}), p90 ${pct(s.p90)} % (target ≤ ${pct(TARGET.p90)}) — ${s.median <= TARGET.median && s.p90 <= TARGET.p90 ? 'met' : 'MISSED'}`;
  console.log(`\n${verdict('grams', overall.grams)}\n${verdict('time', overall.time)}`);
  const ratio = (r: Row) => r.sample.sliced.seconds / r.oldSeconds;
  const ratios = rows.map(ratio).sort((a, b) => a - b);
  console.log(`old model's time was ${(1 / ratios.at(-1)!).toFixed(2)}–${(1 / ratios[0]).toFixed(2)}× the slicer's on this set`);
  console.log(`${rows.length} samples in ${((Date.now() - started) / 60000).toFixed(1)} min`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
