// `npm run bench:two-colour`: what a second colour costs, measured with PrusaSlicer. Each
// two-colour configuration (name tags, raised and engraved; signs when the catalogue has them)
// is sliced twice with the two-filament reference profile: as the two-part 3MF (parts on
// extruders 1 and 2: tool changes, purge, wipe tower) and as the same item in one colour (its
// whole-item STL). The
// difference is the colour cost; it is fitted (NNLS) on half the set as perJob + perChange ·
// changes + perTowerLayer · tower layers, and the whole two-colour quote is compared with the
// two-colour slice on the other half (and on all). `--write` stores the fit in
// functions/domain/colour-changes-fit.json.
// `npm run bench:two-colour -- [--jobs 2] [--write]`
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROFILES_DIR } from '../../functions/agent/slicing/profile.ts';
import { slice, slicerVersion } from '../../functions/agent/slicing/prusa-slicer.ts';
import { pool } from '../../functions/cli/calibration-set.ts';
import { buildMeshFiles } from '../../functions/designs/build-files.ts';
import { findDesign, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import type { Params } from '../../functions/designs/types.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { colourChanges, type ColourChangeFit, type ColourChangeTerms } from '../../functions/domain/colour-changes.ts';
import { errorSummary } from '../../functions/domain/estimate-fit.ts';
import { nnls } from '../../functions/domain/nnls.ts';
import { PRINT_ESTIMATE_FIT } from '../../functions/domain/print-estimate.ts';
import { priceQuote, QUOTE_TTL_MS } from '../../functions/domain/quote.ts';
import { contentHash } from '../../functions/mesh/hash.ts';
import { formatTable } from './table.ts';

const PROFILE = 'atelier-pla-0.4n-0.2mm-2c';
const COLOURS = ['white', 'black'];
const FIT_FILE = new URL('../../functions/domain/colour-changes-fit.json', import.meta.url);

const { values } = parseArgs({ options: { jobs: { type: 'string' }, write: { type: 'boolean' } } });
const jobs = Number(values.jobs ?? 2);

/** Name tags across text length, letter height, thickness and both styles; signs if offered. */
const configurations = (): { designId: string; params: Params }[] => {
  const out: { designId: string; params: Params }[] = [];
  const texts = ['ADA', 'ATELIER', 'Hello World', 'MK', 'Grace H.', 'ZED 42'];
  const heights = [5, 8, 12];
  const thicknesses = [2, 3, 5];
  let i = 0;
  for (const style of ['raised', 'engraved']) {
    for (const text of texts) {
      for (const shift of [0, 1]) {
        out.push({ designId: 'name-tag', params: { text, letterHeight: heights[(i + shift) % 3], thickness: thicknesses[(i + 2 * shift + 1) % 3], style, colours: 'two' } });
      }
      i++;
    }
  }
  const sign = findDesign('desk-sign');
  if (sign?.params.some((p) => p.key === 'colours')) {
    for (const text of ['OFFICE', 'Meeting Room 2', 'Ada Lovelace', 'QUIET']) {
      out.push({ designId: 'desk-sign', params: { ...Object.fromEntries(sign.params.map((p) => [p.key, p.default])), text, colours: 'two' } });
    }
  }
  return out;
};

interface Row {
  label: string;
  changes: number;
  towerLayers: number;
  /** Slicer, two colours and one colour, per piece. */
  two: { seconds: number; grams: number };
  one: { seconds: number; grams: number };
  /** The quote's whole figures for two colours, with the fit in use at the time. */
  quote: (fit: ColourChangeFit) => { seconds: number; grams: number };
  /** The quote's figures for the same item in one colour (no colour cost). */
  plain: { seconds: number; grams: number };
}

const sliceFile = async (dir: string, name: string, bytes: Uint8Array, ext: '3mf' | 'stl') => {
  const input = join(dir, `${name}.${ext}`);
  await writeFile(input, bytes);
  const result = await slice({ input, profile: join(PROFILES_DIR, `${PROFILE}.ini`), output: join(dir, `${name}.gcode`) });
  await rm(result.gcodePath, { force: true });
  return { seconds: result.printSeconds, grams: result.filamentGrams };
};

const measure = async (dir: string, c: { designId: string; params: Params }, index: number): Promise<Row | undefined> => {
  const design = findDesign(c.designId)!;
  const valid = validateParams(design, c.params);
  if (!valid.ok) {
    console.log(`  left out ${c.designId} ${JSON.stringify(c.params)}: ${valid.ok ? '' : valid.errors[0].message}`);
    return undefined;
  }
  const built = await buildMeshFiles(design, valid.params, await contentHash(design.id, design.version, valid.params));
  // One colour: the very same item (the STL is the whole, every part in one body), so the
  // difference is the colour cost alone, not a different shape (an engraving left empty).
  const [two, one] = await Promise.all([sliceFile(dir, `two-${index}`, built.files['3mf'], '3mf'), sliceFile(dir, `one-${index}`, built.files.stl, 'stl')]);
  const parts = built.parts;
  const { toolChanges, towerLayers } = colourChanges(parts, COLOURS, PRINT_ESTIMATE_FIT.layerMm);
  const m = built.measurements;
  const whole = { volume: m.volume, surfaceArea: m.surfaceArea, size: m.size, print: built.print, designId: design.id, params: valid.params };
  return {
    label: `${c.designId} ${String(c.params.style ?? '')} "${String(c.params.text)}" h${String(c.params.letterHeight ?? '')} t${String(c.params.thickness ?? '')}`,
    changes: toolChanges,
    towerLayers,
    two,
    one,
    quote: (fit) => {
      const q = priceQuote(whole, 'PLA', 1, [], 0, QUOTE_TTL_MS, PRINT_ESTIMATE_FIT, { parts, colours: COLOURS }, fit);
      return { seconds: q.printSeconds, grams: q.weightGrams };
    },
    plain: (() => {
      const q = priceQuote(whole, 'PLA', 1, [], 0, QUOTE_TTL_MS, PRINT_ESTIMATE_FIT, { parts, colours: ['white', 'white'] });
      return { seconds: q.printSeconds, grams: q.weightGrams };
    })(),
  };
};

/** NNLS of y on [1, changes, towerLayers]. */
const fitTerms = (rows: readonly Row[], y: (r: Row) => number): ColourChangeTerms => {
  const [perJob, perChange, perTowerLayer] = nnls(rows.map((r) => [1, r.changes, r.towerLayers]), rows.map(y));
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return { perJob: round(perJob), perChange: round(perChange), perTowerLayer: round(perTowerLayer) };
};

const pct = (v: number) => (v * 100).toFixed(1);
const errors = (rows: readonly Row[], fit: ColourChangeFit) => ({
  time: errorSummary(rows.map((r) => r.quote(fit).seconds), rows.map((r) => r.two.seconds)),
  grams: errorSummary(rows.map((r) => r.quote(fit).grams), rows.map((r) => r.two.grams)),
});

const started = Date.now();
const dir = await mkdtemp(join(tmpdir(), 'atelier-bench-two-colour-'));
try {
  const slicer = await slicerVersion();
  await prepareCatalogue(); // the typefaces the text designs validate and build with
  const set = configurations();
  console.log(`${slicer}, profile ${PRINT_ESTIMATE_FIT.slicer === slicer ? '' : '(estimate fitted on another slicer) '}${PROFILE}; ${set.length} configurations`);
  const rows = (await pool(set, jobs, (c, i) => measure(dir, c, i))).filter((r): r is Row => r !== undefined);
  const density = 1.24;
  const gramsToMm3 = (g: number) => (g / density) * 1000;
  const fitOn = (subset: readonly Row[], source: string): ColourChangeFit => ({
    source,
    seconds: fitTerms(subset, (r) => r.two.seconds - r.one.seconds),
    purgeMm3: fitTerms(subset, (r) => gramsToMm3(r.two.grams - r.one.grams)),
  });
  const train = rows.filter((_, i) => i % 2 === 0);
  const test = rows.filter((_, i) => i % 2 === 1);
  const heldOut = fitOn(train, 'half');
  const all = fitOn(rows, 'all');
  const before = errors(rows, JSON.parse(JSON.stringify((await import('../../functions/domain/colour-changes-fit.json', { with: { type: 'json' } })).default)));

  console.log('\nper configuration (PLA, one piece): slicer two colours vs one colour, and the quote for two\n');
  console.log(formatTable(
    ['configuration', 'changes', 'tower', 'sliced 2c s', 'sliced 1c s', 'Δ s', 'quote s', 'sliced 2c g', 'sliced 1c g', 'Δ g', 'quote g'],
    rows.map((r) => {
      const q = r.quote(all);
      return [r.label, String(r.changes), String(r.towerLayers), r.two.seconds.toFixed(0), r.one.seconds.toFixed(0), (r.two.seconds - r.one.seconds).toFixed(0), String(q.seconds), r.two.grams.toFixed(2), r.one.grams.toFixed(2), (r.two.grams - r.one.grams).toFixed(2), String(q.grams)];
    }),
  ));
  console.log(`\nfit on all ${rows.length}: seconds ${JSON.stringify(all.seconds)}, purge mm³ ${JSON.stringify(all.purgeMm3)}`);
  console.log(`fit on half (${train.length}): seconds ${JSON.stringify(heldOut.seconds)}, purge mm³ ${JSON.stringify(heldOut.purgeMm3)}`);
  const line = (name: string, e: ReturnType<typeof errors>) =>
    `${name}: time median ${pct(e.time.median)} %, p90 ${pct(e.time.p90)} %; grams median ${pct(e.grams.median)} %, p90 ${pct(e.grams.p90)} %`;
  console.log('\n|error| of the whole two-colour quote against the two-colour slice');
  console.log(line(`  with the fit committed before this run, all ${rows.length}`, before));
  console.log(line(`  held-out half (${test.length}), fit on the other half`, errors(test, heldOut)));
  console.log(line(`  all ${rows.length}, fit on all`, errors(rows, all)));
  // Where the error comes from: the colour cost itself, or the one-colour estimate on this printer.
  const costError = (subset: readonly Row[], fit: ColourChangeFit) => ({
    time: errorSummary(subset.map((r) => r.quote(fit).seconds - r.plain.seconds), subset.map((r) => r.two.seconds - r.one.seconds)),
    grams: errorSummary(subset.map((r) => r.quote(fit).grams - r.plain.grams), subset.map((r) => r.two.grams - r.one.grams)),
  });
  console.log(line(`  the colour cost alone (quote's extra vs sliced Δ), held-out half`, costError(test, heldOut)));
  const base = {
    time: errorSummary(rows.map((r) => r.plain.seconds), rows.map((r) => r.one.seconds)),
    grams: errorSummary(rows.map((r) => r.plain.grams), rows.map((r) => r.one.grams)),
  };
  console.log(line(`  the one-colour estimate vs the same item sliced in one colour on the two-filament printer, all`, base));
  if (values.write) {
    const e = errors(rows, all);
    const round = (s: { median: number; p90: number }) => ({ median: Math.round(s.median * 1e4) / 1e4, p90: Math.round(s.p90 * 1e4) / 1e4 });
    const fit: ColourChangeFit = {
      ...all,
      source: `${slicer}, ${PROFILE}: ${rows.length} two-colour configurations sliced in two colours and in one (npm run bench:two-colour -- --write, ${new Date().toISOString().slice(0, 10)})`,
      residuals: { samples: rows.length, time: round(e.time), grams: round(e.grams) },
    };
    await writeFile(FIT_FILE, `${JSON.stringify(fit, null, 2)}\n`);
    console.log(`\nwrote ${FIT_FILE.pathname}`);
  }
  console.log(`${rows.length} configurations in ${((Date.now() - started) / 60000).toFixed(1)} min`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
