// The mesh worker: the same design code and manifold-3d WASM the server runs, off the main
// thread. Requests queue per lane and only the newest of each lane is built; between builds
// the worker yields so messages that arrived meanwhile can replace queued ones. Typefaces are
// loaded here, the chosen one only, before its params are validated and built.
import { findDesign } from '../../../functions/designs/catalogue.ts';
import { canReadFiles } from '../../../functions/designs/typefaces/font-source.ts';
import { setFontSource } from '../../../functions/designs/typefaces/registry.ts';
import { prepareDesign } from '../../../functions/designs/types.ts';
import { validateParams } from '../../../functions/designs/validate.ts';
import { asBodies, evaluateBodiesWith } from '../../../functions/mesh/bodies.ts';
import { measureMesh } from '../../../functions/mesh/measure.ts';
import { loadManifold } from '../../../functions/mesh/runtime.ts';
import { PREVIEW_LANE, type BuildRequest, type BuildResponse } from './protocol.ts';
import { fetchTypeface } from './typeface-source.ts';

// In a browser the worker fetches the face's file from the site; where it can read files (the
// worker's tests run it in Node) the default file source stays.
if (!canReadFiles()) setFontSource(fetchTypeface);

interface WorkerScope {
  onmessage: ((event: MessageEvent<BuildRequest>) => void) | null;
  postMessage(message: BuildResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

const queued = new Map<string, BuildRequest>();
let scheduled = false;

const reply = (message: BuildResponse): void => {
  const transfer = message.type === 'built'
    ? [...new Set([message.positions, message.indices, ...message.parts.flatMap((p) => [p.positions, p.indices])].map((a) => a.buffer))]
    : [];
  scope.postMessage(message, transfer);
};

const build = async (request: BuildRequest): Promise<BuildResponse> => {
  const design = findDesign(request.designId);
  if (!design) return { type: 'failed', id: request.id, message: `This site has no design "${request.designId}".` };
  try {
    await prepareDesign(design, request.params);
  } catch (error) {
    return { type: 'failed', id: request.id, message: `The typeface could not be loaded (${error instanceof Error ? error.message : String(error)}); check the connection and try again.` };
  }
  const validation = validateParams(design, request.params);
  if (!validation.ok) return { type: 'invalid', id: request.id, errors: validation.errors };
  try {
    const wasm = await loadManifold();
    const started = performance.now();
    const { whole: mesh, parts } = evaluateBodiesWith(wasm, asBodies(design.build(validation.params)));
    const { size, triangleCount, volume } = measureMesh(mesh);
    const builtParts = parts.map(({ role, label, colourSlot, mesh: part }) => ({ role, label, colourSlot, positions: part.positions, indices: part.indices }));
    return {
      type: 'built', id: request.id, positions: mesh.positions, indices: mesh.indices, parts: builtParts, size, triangles: triangleCount, volume,
      buildMs: performance.now() - started,
    };
  } catch (error) {
    return { type: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) };
  }
};

/** The live preview first, then the oldest queued lane. */
const takeNext = (): BuildRequest | undefined => {
  const lane = queued.has(PREVIEW_LANE) ? PREVIEW_LANE : queued.keys().next().value;
  if (lane === undefined) return undefined;
  const request = queued.get(lane);
  queued.delete(lane);
  return request;
};

/** One build at a time; `scheduled` stays set until it is done, so builds never overlap. */
const drain = async (): Promise<void> => {
  const next = takeNext();
  if (next) reply(await build(next));
  scheduled = false;
  if (queued.size) schedule();
};

const schedule = (): void => {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => void drain(), 0);
};

scope.onmessage = ({ data }) => {
  const older = queued.get(data.lane);
  if (older) reply({ type: 'stale', id: older.id });
  queued.set(data.lane, data);
  schedule();
};
