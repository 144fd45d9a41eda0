// Times OpenSCAD on planter.scad (a mirror of functions/designs/planter.ts) when `openscad`
// is on PATH. The name goes in as the same glyph outlines the design engraves.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nameLayout } from '../../functions/designs/planter.ts';
import { layoutText } from '../../functions/designs/text.ts';
import type { Params } from '../../functions/designs/types.ts';
import { geometries } from '../../functions/mesh/jscad.ts';
import { percentile } from './stats.ts';

const SCAD = fileURLToPath(new URL('./planter.scad', import.meta.url));

export type OpenScadResult = { ok: true; p50: number; runs: number; version: string } | { ok: false; reason: string };

/** `openscad --version`, or undefined when it is not installed. */
export const openScadVersion = (): string | undefined => {
  const probe = spawnSync('openscad', ['--version'], { encoding: 'utf8' });
  if (probe.error) return undefined;
  return `${probe.stdout}${probe.stderr}`.trim().split('\n')[0];
};

/** Per glyph, its outline points and contour index lists, as layoutText places them (typeface loaded). */
const glyphPolygons = (name: string, font: string, cap: number): { points: number[][][]; paths: number[][][] } => {
  const round = (v: number) => Number(v.toFixed(4));
  const outlines = layoutText(name, { font, height: cap }).shapes.map((shape) => geometries.geom2.toOutlines(shape));
  const points = outlines.map((contours) => contours.flat().map((p) => [round(p[0]), round(p[1])]));
  const paths = outlines.map((contours) => {
    let next = 0;
    return contours.map((contour) => contour.map(() => next++));
  });
  return { points, paths };
};

export const openScadDefines = (params: Params): string[] => {
  const p = params as { name: string; width: number; height: number; shape: string; drainage: string; font: string };
  const layout = nameLayout(p);
  const glyphs = glyphPolygons(p.name, p.font, layout?.cap ?? 0);
  if (!layout) throw new Error('planter params do not fit the name; validate first');
  const defines: Record<string, string> = {
    width: String(p.width),
    height: String(p.height),
    shape: JSON.stringify(p.shape),
    drainage: JSON.stringify(p.drainage),
    glyph_points: JSON.stringify(glyphs.points),
    glyph_paths: JSON.stringify(glyphs.paths),
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
      // OpenSCAD 2021.01 exits 0 after an ERROR it worked round (e.g. "The given mesh is not
      // closed" on a glyph): the part it wrote then lacks that piece, so the time is not comparable.
      const error = run.stderr.split('\n').find((line) => line.startsWith('ERROR:'));
      if (error) return { ok: false, reason: `openscad reported ${error.trim()} (its output is incomplete, so not timed)` };
      samples.push(performance.now() - start);
    }
    return { ok: true, p50: percentile(samples, 50), runs, version };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
