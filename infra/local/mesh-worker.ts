// What one worker thread of the local host's mesh pool runs: a cold build by design id.
import { buildMeshFiles, type MeshFiles } from '../../functions/designs/build-files.ts';
import { findDesign } from '../../functions/designs/catalogue.ts';
import type { Params } from '../../functions/designs/types.ts';
import { loadManifold } from '../../functions/mesh/runtime.ts';

export interface MeshTask {
  designId: string;
  params: Params;
  hash: string;
}

/** A task that only loads the kernel (manifold-3d's WASM): the host waits for it before it says it is ready. */
export interface WarmTask {
  warm: true;
}

export const buildTask = async (task: MeshTask | WarmTask): Promise<MeshFiles | null> => {
  if ('warm' in task) {
    await loadManifold();
    return null;
  }
  const { designId, params, hash } = task;
  const design = findDesign(designId);
  if (!design) throw new Error(`no design ${designId}`);
  return buildMeshFiles(design, params, hash);
};
