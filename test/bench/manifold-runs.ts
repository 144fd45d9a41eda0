// Times the production path for one configuration: build() → manifold-3d evaluation →
// independent verification → STL → 3MF, after a warm-up, and checks every result.
// Each stage is timed too, so a slow total can be traced to its stage.
import type { ManifoldToplevel } from 'manifold-3d';
import type { AnyDesign, Params } from '../../functions/designs/types.ts';
import { evaluateSolidWith } from '../../functions/mesh/evaluate.ts';
import { measureMesh } from '../../functions/mesh/measure.ts';
import { writeStl } from '../../functions/mesh/stl.ts';
import { write3mf } from '../../functions/mesh/threemf.ts';
import type { Mesh } from '../../functions/mesh/types.ts';
import { verifyMesh } from '../../functions/mesh/verify.ts';
import { openEdgesOfMesh } from './open-edges.ts';
import { percentile } from './stats.ts';
import { asSolid } from '../../functions/mesh/bodies.ts';

export const STAGES = ['build', 'evaluate', 'verify', 'stl', '3mf'] as const;
export type Stage = (typeof STAGES)[number];

export interface ManifoldResult {
  p50: number;
  p95: number;
  /** p50 and p95 of the process's CPU time (user + system) per run: what the run cost, less
   * the waiting a loaded machine adds to wall time, ms. */
  cpuP50: number;
  cpuP95: number;
  runs: number;
  /** p50 of build + evaluate alone, the part JSCAD's booleans replace, ms. */
  coreP50: number;
  /** p50 of each stage alone, ms. */
  stages: Record<Stage, number>;
  triangles: number;
  volume: number;
  /** Open edges by the benchmark's own counter: must be 0, it cross-checks the counter. */
  openEdges: number;
}

const pipeline = (wasm: ManifoldToplevel, design: AnyDesign, params: Params): { mesh: Mesh; times: number[] } => {
  const marks = [performance.now()];
  const solid = asSolid(design.build(params));
  marks.push(performance.now());
  const mesh = evaluateSolidWith(wasm, solid);
  marks.push(performance.now());
  const report = verifyMesh(mesh);
  marks.push(performance.now());
  if (!report.ok) throw new Error(`${design.id} ${JSON.stringify(params)}: ${report.defects.join('; ')}`);
  writeStl(mesh);
  marks.push(performance.now());
  write3mf(mesh, { title: design.name });
  marks.push(performance.now());
  return { mesh, times: marks.slice(1).map((t, i) => t - marks[i]) };
};

export const timeManifold = (wasm: ManifoldToplevel, design: AnyDesign, params: Params, { warmUp = 5, runs = 30 } = {}): ManifoldResult => {
  for (let i = 0; i < warmUp; i++) pipeline(wasm, design, params);
  const totals: number[] = [];
  const cpu: number[] = [];
  const perStage: number[][] = STAGES.map(() => []);
  let mesh: Mesh | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const run = pipeline(wasm, design, params);
    totals.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    run.times.forEach((t, s) => perStage[s].push(t));
    mesh = run.mesh;
  }
  return {
    p50: percentile(totals, 50),
    p95: percentile(totals, 95),
    cpuP50: percentile(cpu, 50),
    cpuP95: percentile(cpu, 95),
    runs,
    coreP50: percentile(perStage[0].map((build, i) => build + perStage[1][i]), 50),
    stages: Object.fromEntries(STAGES.map((stage, s) => [stage, percentile(perStage[s], 50)])) as Record<Stage, number>,
    triangles: mesh!.indices.length / 3,
    volume: measureMesh(mesh!).volume,
    openEdges: openEdgesOfMesh(mesh!),
  };
};
