// npm run bench:slice: every catalogue design at its defaults, as 3MF, through PrusaSlicer with
// each reference profile. Prints wall time per slice, the G-code's figures and its size, and the
// machine's load (slicing is CPU-bound: times scale with it).
// Not a vitest file (vitest collects test/**/*.test.ts only).
//
// Environment: BENCH_DESIGNS (comma-separated ids), BENCH_PROFILES (comma-separated ids), SLICER.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERENCE_PROFILES } from '../../functions/agent/slicing/profile.ts';
import { slice, slicerVersion } from '../../functions/agent/slicing/prusa-slicer.ts';
import { catalogue } from '../../functions/designs/catalogue.ts';
import { writeDesignPart } from '../agent/slicing/support.ts';
import { formatTable } from './table.ts';

const list = (name: string, all: readonly string[]): string[] => (process.env[name] ? process.env[name]!.split(',') : [...all]);
const designs = list('BENCH_DESIGNS', catalogue.map((d) => d.id));
const profiles = list('BENCH_PROFILES', REFERENCE_PROFILES);
const slicer = process.env.SLICER ?? 'prusa-slicer';

const hm = (seconds: number): string => `${Math.floor(seconds / 3600)}:${String(Math.round((seconds % 3600) / 60)).padStart(2, '0')}`;

const dir = await mkdtemp(join(tmpdir(), 'atelier-bench-slice-'));
try {
  console.log(`${await slicerVersion(slicer)}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), load ${loadavg()[0].toFixed(1)} at start`);
  const rows: string[][] = [];
  for (const design of designs) {
    const { path, measurements } = await writeDesignPart(dir, design, '3mf');
    for (const profile of profiles) {
      const r = await slice({ input: path, profile, output: join(dir, `${design}-${profile}.gcode`), slicer });
      rows.push([
        design,
        profile,
        (r.elapsedMs / 1000).toFixed(1),
        hm(r.printSeconds),
        r.filamentGrams.toFixed(1),
        (measurements.volume / 1000).toFixed(1),
        String(r.layers),
        (r.bytes / 1e6).toFixed(2),
        String(r.warnings.length),
        loadavg()[0].toFixed(1),
      ]);
      console.error(`${design} ${profile} ${(r.elapsedMs / 1000).toFixed(1)} s`);
    }
  }
  console.log(formatTable(['design', 'profile', 'slice s', 'print h:mm', 'g', 'mesh cm³', 'layers', 'G-code MB', 'warnings', 'load'], rows));
} finally {
  await rm(dir, { recursive: true, force: true });
}
