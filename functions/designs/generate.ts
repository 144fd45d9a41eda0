// From validated params to a verified mesh: build, evaluate with
// manifold-3d, verify independently, measure, name by content hash.
import { evaluateSolid } from '../mesh/evaluate.ts';
import { MeshDefectError } from '../mesh/errors.ts';
import { contentHash } from '../mesh/hash.ts';
import { measureMesh } from '../mesh/measure.ts';
import type { Measurements, Mesh } from '../mesh/types.ts';
import { verifyMesh } from '../mesh/verify.ts';
import type { AnyDesign, Params } from './types.ts';
import type { FieldError } from './validate.ts';

export interface GeneratedMesh {
  designId: string;
  version: number;
  params: Params;
  hash: string;
  mesh: Mesh;
  measurements: Measurements;
}

/** Raised for input that fails validation; carries every field error. */
export class InvalidParamsError extends Error {
  override name = 'InvalidParamsError';
  constructor(readonly errors: FieldError[]) {
    super(`invalid parameters: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  }
}

/** Builds already-validated params. Throws MeshDefectError if the result breaks the contract. */
export const generateValidated = async (design: AnyDesign, params: Params): Promise<GeneratedMesh> => {
  const mesh = await evaluateSolid(design.build(params));
  const report = verifyMesh(mesh);
  if (!report.ok) throw new MeshDefectError(report.defects);
  return {
    designId: design.id,
    version: design.version,
    params,
    hash: await contentHash(design.id, design.version, params),
    mesh,
    measurements: measureMesh(mesh),
  };
};
