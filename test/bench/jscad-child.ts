// Child process for the JSCAD side of the benchmark (run with node --import tsx): builds one
// configuration with JSCAD's own booleans a few times within a time budget and reports the
// timings, the open-edge count and the volume of the result over IPC. A separate process, so the parent
// can stop a run that takes too long and its memory figures stay manifold-only.
import { findDesign } from '../../functions/designs/catalogue.ts';
import { prepareDesign, type Params } from '../../functions/designs/types.ts';
import { measurements } from '../../functions/mesh/jscad.ts';
import { evaluateWithJscad } from './jscad-evaluator.ts';
import { openEdgesOfGeom3 } from './open-edges.ts';
import { timed } from './stats.ts';
import { asSolid } from '../../functions/mesh/bodies.ts';

export interface JscadRequest {
  designId: string;
  params: Params;
  maxRuns: number;
  budgetMs: number;
}

export type JscadReply = { ok: true; samples: number[]; openEdges: number; volume: number } | { ok: false; error: string };

/** A first run faster than this is taken as JIT warm-up and not counted. */
const WARM_UP_BELOW_MS = 2000;

process.once('message', async (request: JscadRequest) => {
  const reply = (message: JscadReply) => process.send!(message, () => process.exit(0));
  try {
    const design = findDesign(request.designId);
    if (!design) throw new Error(`unknown design ${request.designId}`);
    await prepareDesign(design, request.params);
    const first = timed(() => evaluateWithJscad(asSolid(design.build(request.params))));
    const samples = first.ms < WARM_UP_BELOW_MS ? [] : [first.ms];
    let spent = first.ms;
    while (samples.length === 0 || (samples.length < request.maxRuns && spent < request.budgetMs)) {
      const run = timed(() => evaluateWithJscad(asSolid(design.build(request.params))));
      samples.push(run.ms);
      spent += run.ms;
    }
    reply({ ok: true, samples, openEdges: openEdgesOfGeom3(first.value), volume: measurements.measureVolume(first.value) });
  } catch (error) {
    reply({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
