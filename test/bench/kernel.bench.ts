// npm run bench: the geometry kernel per catalogue design, at default and at the largest
// params (for lettered designs, the largest in each typeface, widest and busiest glyph). Times build + manifold-3d + verify + STL + 3MF (p50/p95 after warm-up), reports
// triangles and memory, and compares with the same Solid tree evaluated by JSCAD's own
// booleans (time and open edges) and, for the planter, OpenSCAD when installed.
// Not a vitest file (vitest collects test/**/*.test.ts only).
//
// Environment: BENCH_RUNS (timed manifold runs, default 30), BENCH_DESIGNS (comma-separated
// ids), BENCH_JSCAD_RUNS (default 3), BENCH_JSCAD_BUDGET_MS (default 20000),
// BENCH_JSCAD_TIMEOUT_MS (hard limit per configuration, default 90000), BENCH_SKIP_JSCAD=1.
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { catalogue, findDesign, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import type { AnyDesign, Params } from '../../functions/designs/types.ts';
import { defaultParams, validateParams } from '../../functions/designs/validate.ts';
import { loadManifold } from '../../functions/mesh/runtime.ts';
import { captureWasmMemory, wasmMemoryBytes } from '../fixtures/wasm-memory.ts';
import { timeJscad, type JscadResult } from './jscad-runs.ts';
import { largestParams } from '../../functions/designs/kit/largest-params.ts';
import { letteringConfigurations } from './lettering-largest.ts';
import { STAGES, timeManifold, type ManifoldResult } from './manifold-runs.ts';
import { openScadVersion, timeOpenScad } from './openscad.ts';
import { megabytes } from './stats.ts';
import { formatTable, ms } from './table.ts';

const P95_TARGET_MS = 100;
const SPEEDUP_TARGET = 30;

const env = (name: string, fallback: number): number => (process.env[name] ? Number(process.env[name]) : fallback);
const RUNS = Math.max(20, env('BENCH_RUNS', 30));
const JSCAD = { maxRuns: env('BENCH_JSCAD_RUNS', 3), budgetMs: env('BENCH_JSCAD_BUDGET_MS', 20_000), timeoutMs: env('BENCH_JSCAD_TIMEOUT_MS', 90_000) };
const SKIP_JSCAD = process.env.BENCH_SKIP_JSCAD === '1';

interface Row {
  design: AnyDesign;
  /** 'defaults', 'largest', or for lettered designs 'largest <font> <glyph>'. */
  label: string;
  params: Params;
  backedOff: string[];
  /**
   * Whether JSCAD and OpenSCAD run beside manifold: defaults and the first largest (for a
   * lettered design its first face's widest glyph); its other faces and glyphs would add
   * minutes of their runs and compare nothing new.
   */
  compare: boolean;
  manifold: ManifoldResult;
  memory: { rss: number; heapUsed: number; wasm?: number };
  jscad?: JscadResult;
}

const selected = (): AnyDesign[] => {
  const ids = process.env.BENCH_DESIGNS?.split(',').map((s) => s.trim()).filter(Boolean);
  return ids ? ids.map((id) => findDesign(id) ?? raise(`unknown design ${id}`)) : [...catalogue];
};
const raise = (message: string): never => {
  throw new Error(message);
};

type Config = Pick<Row, 'label' | 'params' | 'backedOff' | 'compare'>;

const configurations = (design: AnyDesign): Config[] => {
  const defaults = validateParams(design, defaultParams(design));
  if (!defaults.ok) throw new Error(`${design.id}: defaults are invalid`);
  const lettered = letteringConfigurations(design);
  const largest = lettered.length ? lettered : [{ label: 'largest', ...largestParams(design) }];
  return [{ label: 'defaults', params: defaults.params, backedOff: [], compare: true }, ...largest.map((config, i) => ({ ...config, compare: i === 0 }))];
};

const measure = async (design: AnyDesign, config: Config): Promise<Row> => {
  const wasm = await loadManifold();
  const manifold = timeManifold(wasm, design, config.params, { runs: RUNS });
  // The verifier passed; edges not shared by exactly two triangles once vertices weld at
  // float32 (as in an STL: holes, or surfaces touching along a line) are a defect all the same:
  // reported under Targets, and the run exits 1.
  if (manifold.openEdges !== 0) process.stderr.write(`  ${design.id} ${config.label}: the open-edge counter found ${manifold.openEdges} on a verified mesh\n`);
  const { rss, heapUsed } = process.memoryUsage();
  const memory = { rss, heapUsed, wasm: wasmMemoryBytes() };
  process.stderr.write(`  ${design.id} ${config.label}: manifold p50 ${ms(manifold.p50)} ms${SKIP_JSCAD || !config.compare ? '' : ', JSCAD…'}\n`);
  const jscad = SKIP_JSCAD || !config.compare ? undefined : await timeJscad(design.id, config.params, JSCAD);
  return { design, ...config, manifold, memory, jscad };
};

/** JSCAD time over manifold build + evaluate (like for like), and over the whole pipeline. */
const speedups = (row: Row): { core: number; pipeline: number } | undefined =>
  row.jscad?.ok ? { core: row.jscad.p50 / row.manifold.coreP50, pipeline: row.jscad.p50 / row.manifold.p50 } : undefined;

const jscadCells = (row: Row): [string, string, string, string] => {
  if (!row.jscad) return ['skipped', '—', '—', '—'];
  if (!row.jscad.ok) return [row.jscad.reason, '—', '—', row.jscad.reason.startsWith('timed out') ? `> ${(JSCAD.timeoutMs / row.manifold.coreP50).toFixed(0)}` : '—'];
  const ratio = speedups(row)!;
  // Same solid, so the volumes must agree: a cheap check that JSCAD did the same work.
  const volumeDiff = ((row.jscad.volume - row.manifold.volume) / row.manifold.volume) * 100;
  return [ms(row.jscad.p50), String(row.jscad.openEdges), volumeDiff.toFixed(3), `${ratio.core.toFixed(0)} (${ratio.pipeline.toFixed(0)})`];
};

const printTargets = (rows: Row[]) => {
  console.log(`\nTargets`);
  const largest = rows.filter((r) => r.label.startsWith('largest'));
  const slow = largest.filter((r) => r.manifold.p95 > P95_TARGET_MS);
  console.log(
    `  p95 at largest params ≤ ${P95_TARGET_MS} ms per design: ${slow.length ? 'MISSED' : 'met'} ` +
      `(worst ${largest.reduce((w, r) => (r.manifold.p95 > w.manifold.p95 ? r : w)).design.id}: ${ms(Math.max(...largest.map((r) => r.manifold.p95)))} ms)` +
      (slow.length ? `; over: ${slow.map((r) => `${r.design.id} ${r.label} ${ms(r.manifold.p95)} ms`).join(', ')}` : ''),
  );
  const cpuWorst = largest.reduce((w, r) => (r.manifold.cpuP95 > w.manifold.cpuP95 ? r : w));
  console.log(`  the same in CPU time per run (what a run costs, less the waiting on a loaded machine): worst ${cpuWorst.design.id} ${cpuWorst.label} ${ms(cpuWorst.manifold.cpuP95)} ms p95`);
  const open = rows.filter((r) => r.manifold.openEdges > 0);
  if (open.length) process.exitCode = 1;
  console.log(
    `  manifold meshes with edges not shared by exactly two triangles once welded at float32 (as an STL stores them): ${open.length ? `${open.length}: ${open.map((r) => `${r.design.id} ${r.label} ${r.manifold.openEdges}`).join(', ')}` : 'none'}`,
  );
  const compared = rows.filter((r) => r.jscad?.ok) as (Row & { jscad: { ok: true; p50: number } })[];
  if (compared.length === 0) {
    console.log(`  ≥ ${SPEEDUP_TARGET}× faster than JSCAD: not measured`);
    return;
  }
  const ratios = compared.map((r) => ({ row: r, ratio: speedups(r)!.core }));
  const under = ratios.filter((x) => x.ratio < SPEEDUP_TARGET);
  const min = ratios.reduce((a, b) => (b.ratio < a.ratio ? b : a));
  console.log(
    `  ≥ ${SPEEDUP_TARGET}× faster than JSCAD (build + booleans, like for like): ${under.length ? 'MISSED' : 'met'} (lowest ${min.row.design.id} ${min.row.label}: ${min.ratio.toFixed(0)}×)` +
      (under.length ? `; under: ${under.map((x) => `${x.row.design.id} ${x.row.label} ${x.ratio.toFixed(0)}×`).join(', ')}` : ''),
  );
  const leaky = compared.filter((r) => r.jscad.ok && (r.jscad as { openEdges: number }).openEdges > 0).length;
  console.log(`  JSCAD results with open edges: ${leaky} of ${compared.length}; manifold-3d: ${open.length} of ${rows.length}`);
};

const printOpenScad = async (rows: Row[]) => {
  console.log('\nOpenSCAD (test/bench/planter.scad, a mirror of functions/designs/planter.ts)');
  if (!openScadVersion()) {
    console.log('  openscad not installed: skipped');
    return;
  }
  const planterRows = rows.filter((r) => r.design.id === 'planter' && r.compare);
  if (planterRows.length === 0) {
    console.log('  planter not benchmarked in this run: skipped');
    return;
  }
  for (const row of planterRows) {
    const result = timeOpenScad(row.params);
    const cells = result.ok ? `${ms(result.p50)} ms p50 over ${result.runs} runs (${result.version}); manifold pipeline ${(result.p50 / row.manifold.p50).toFixed(0)}× faster` : result.reason;
    console.log(`  planter ${row.label}: ${cells}`);
  }
};

const main = async () => {
  const loadAtStart = loadavg()[0].toFixed(2);
  captureWasmMemory();
  await loadManifold();
  await prepareCatalogue();
  const version = (JSON.parse(readFileSync(new URL('../../node_modules/manifold-3d/package.json', import.meta.url), 'utf8')) as { version: string }).version;
  console.log(`Kernel benchmark: Node ${process.version}, manifold-3d ${version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`);
  console.log(`manifold: ${RUNS} timed runs after 5 warm-up of build + evaluate + verify + STL + 3MF`);
  console.log(
    SKIP_JSCAD
      ? 'JSCAD: skipped'
      : `JSCAD: build + JSCAD booleans only (no verify or files), up to ${JSCAD.maxRuns} runs within ${JSCAD.budgetMs / 1000} s, ${JSCAD.timeoutMs / 1000} s hard limit\n`,
  );
  const rows: Row[] = [];
  for (const design of selected()) {
    for (const config of configurations(design)) rows.push(await measure(design, config));
  }

  console.log(
    formatTable(
      ['design', 'params', 'manifold p50 ms', 'p95 ms', 'CPU p50 / p95 ms', 'build+eval p50', 'triangles', 'JSCAD p50 ms', 'JSCAD open edges', 'JSCAD vol Δ %', 'speedup × (pipeline)', 'rss / heap / wasm MB'],
      rows.map((r) => [
        r.design.id,
        r.label,
        ms(r.manifold.p50),
        ms(r.manifold.p95),
        `${ms(r.manifold.cpuP50)} / ${ms(r.manifold.cpuP95)}`,
        ms(r.manifold.coreP50),
        String(r.manifold.triangles),
        ...jscadCells(r),
        `${megabytes(r.memory.rss)} / ${megabytes(r.memory.heapUsed)} / ${megabytes(r.memory.wasm)}`,
      ]),
    ),
  );
  console.log(
    '\nspeedup: JSCAD p50 (build + its booleans) over manifold p50 of build + evaluate, the same work;' +
      ' in brackets, over the whole manifold pipeline (which also verifies and writes STL and 3MF).',
  );
  console.log('\nWhere the manifold time goes (p50 per stage, ms)');
  console.log(
    formatTable(
      ['design', 'params', ...STAGES],
      rows.map((r) => [r.design.id, r.label, ...STAGES.map((stage) => ms(r.manifold.stages[stage]))]),
    ),
  );
  console.log('\nParams used');
  for (const r of rows) {
    console.log(`  ${r.design.id} ${r.label}: ${JSON.stringify(r.params)}${r.backedOff.length ? `  (backed off to pass the design's rules: ${r.backedOff.join(', ')})` : ''}`);
  }
  printTargets(rows);
  await printOpenScad(rows);
  console.log(`\nLoad average (1 min) at start ${loadAtStart}, at end ${loadavg()[0].toFixed(2)} on ${cpus().length} CPUs: timings on a shared machine are noisy.`);
};

await main();
