// The committed JSCAD scripts, written the standard way (getParameterDefinitions, JSCAD's own
// union/subtract in their source), swept through the verifier: each configuration built on our
// kernel must be closed (0 open edges) and keep its size promise, while the same script run on
// JSCAD's own booleans leaves open edges (T-junctions). Both counts use the benchmark's counter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cableGrommet } from '../../../functions/designs/cable-grommet.ts';
import { hexKeyHolder } from '../../../functions/designs/hex-key-holder.ts';
import type { JscadDesign } from '../../../functions/designs/jscad/jscad-design.ts';
import { jscadModeling } from '../../../functions/designs/jscad/modeling-shim.ts';
import { runScript } from '../../../functions/designs/jscad/script-factory.ts';
import { validParams } from '../../../functions/designs/kit/arbitraries.ts';
import { probeBuild } from '../../../functions/designs/kit/probe-build.ts';
import { spacer } from '../../../functions/designs/spacer.ts';
import type { Geom3 } from '../../../functions/mesh/jscad.ts';
import { openEdgesOfGeom3, openEdgesOfMesh } from '../../bench/open-edges.ts';

const RUNS = 50;
const SEED = 13;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe.each([spacer, cableGrommet, hexKeyHolder].map((d) => [d.id, d] as const))('JSCAD script %s', (_id, design: JscadDesign) => {
  it(`builds ${RUNS} random valid configurations watertight on our kernel, where JSCAD's booleans leave edges open`, async () => {
    const configurations = fc.sample(validParams(design), { numRuns: RUNS, seed: SEED });
    const withJscad = runScript(design.jscad.script, jscadModeling);
    const ours: number[] = [];
    const theirs: number[] = [];
    const ms: number[] = [];
    const jscadMs: number[] = [];

    for (const params of configurations) {
      const probe = await probeBuild(design, params);
      expect(probe.findings, JSON.stringify(params)).toEqual([]);
      ours.push(openEdgesOfMesh(probe.built!.mesh));
      ms.push(probe.ms);
      const start = performance.now();
      const geom = withJscad.main(design.jscad.toScript(params)) as Geom3;
      jscadMs.push(performance.now() - start);
      theirs.push(openEdgesOfGeom3(geom));
    }

    console.info(
      `${design.id}: ${RUNS} configurations; open edges on manifold-3d ${Math.max(...ours)} max; ` +
        `on JSCAD's booleans ${theirs.filter((n) => n > 0).length}/${RUNS} open, median ${median(theirs)}, max ${Math.max(...theirs)}; ` +
        `p50 ${median(ms).toFixed(0)} ms to build, evaluate and verify on ours, ${median(jscadMs).toFixed(0)} ms for JSCAD's booleans alone`,
    );
    expect(configurations).toHaveLength(RUNS);
    expect(ours.every((n) => n === 0)).toBe(true);
    expect(theirs.filter((n) => n > 0).length).toBeGreaterThan(RUNS / 2);
  });
});
