// Times OpenSCAD on planter.scad (a mirror of functions/designs/planter.ts) when `openscad`
// is on PATH. The name goes in as the same JSCAD stroke polylines the design engraves.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nameLayout } from '../../functions/designs/planter.ts';
import type { Params } from '../../functions/designs/types.ts';
import { text } from '../../functions/mesh/jscad.ts';
import { percentile } from './stats.ts';

const SCAD = fileURLToPath(new URL('./planter.scad', import.meta.url));

export type OpenScadResult = { ok: true; p50: number; runs: number; version: string } | { ok: false; reason: string };

/** `openscad --version`, or undefined when it is not installed. */
export const openScadVersion = (): string | undefined => {
  const probe = spawnSync('openscad', ['--version'], { encoding: 'utf8' });
  if (probe.error) return undefined;
  return `${probe.stdout}${probe.stderr}`.trim().split('\n')[0];
};

/** The name's strokes centred as functions/designs/text.ts layoutText centres them. */
const centredStrokes = (name: string, size: number): number[][][] => {
  const strokes = text.vectorText({ height: size, align: 'center' }, name);
  const points = strokes.flat();
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const round = (v: number) => Number(v.toFixed(4));
  return strokes.map((line) => line.map((p) => [round(p[0] - cx), round(p[1] - cy)]));
};

export const openScadDefines = (params: Params): string[] => {
  const p = params as { name: string; width: number; height: number; shape: string; drainage: string };
  const layout = nameLayout(p);
  if (!layout) throw new Error('planter params do not fit the name; validate first');
  const defines: Record<string, string> = {
    width: String(p.width),
    height: String(p.height),
    shape: JSON.stringify(p.shape),
    drainage: JSON.stringify(p.drainage),
    stroke: String(layout.stroke),
    strokes: JSON.stringify(centredStrokes(p.name, layout.size)),
  };
  return Object.entries(defines).flatMap(([key, value]) => ['-D', `${key}=${value}`]);
};

export const timeOpenScad = (params: Params, { runs = 3, timeoutMs = 300_000 } = {}): OpenScadResult => {
  const version = openScadVersion();
  if (!version) return { ok: false, reason: 'openscad not installed: skipped' };
  const dir = mkdtempSync(join(tmpdir(), 'atelier-openscad-'));
  try {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const run = spawnSync('openscad', ['-o', join(dir, 'out.stl'), ...openScadDefines(params), SCAD], { encoding: 'utf8', timeout: timeoutMs });
      if (run.status !== 0) return { ok: false, reason: `openscad failed: ${(run.stderr || run.error?.message || '').trim().split('\n').slice(-3).join(' | ')}` };
      samples.push(performance.now() - start);
    }
    return { ok: true, p50: percentile(samples, 50), runs, version };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
