// What one worker thread of the local host's mesh pool runs: a cold build by design id.
import { buildMeshFiles, type MeshFiles } from '../../functions/designs/build-files.ts';
import { findDesign } from '../../functions/designs/catalogue.ts';
import type { Params } from '../../functions/designs/types.ts';

export interface MeshTask {
  designId: string;
  params: Params;
  hash: string;
}

export const buildTask = async ({ designId, params, hash }: MeshTask): Promise<MeshFiles> => {
  const design = findDesign(designId);
  if (!design) throw new Error(`no design ${designId}`);
  return buildMeshFiles(design, params, hash);
};
