// From validated params to a verified mesh: build, evaluate with
// manifold-3d, verify independently, measure, name by content hash. A multi-part item is
// verified as a whole and part by part.
import { asBodies, evaluateBodies } from '../mesh/bodies.ts';
import { MeshDefectError } from '../mesh/errors.ts';
import { contentHash } from '../mesh/hash.ts';
import { measureMesh } from '../mesh/measure.ts';
import type { Measurements, Mesh, PartSummary } from '../mesh/types.ts';
import { verifyMesh } from '../mesh/verify.ts';
import { prepareDesign, type AnyDesign, type Params } from './types.ts';
import type { FieldError } from './validate.ts';

export interface GeneratedMesh {
  designId: string;
  version: number;
  params: Params;
  hash: string;
  /** The whole item (the union of its parts). */
  mesh: Mesh;
  measurements: Measurements;
  /** Each part in the item's frame; one ('body', slot 0) whose mesh is `mesh` for a single-part item. */
  parts: GeneratedPart[];
}

export interface GeneratedPart extends PartSummary {
  mesh: Mesh;
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
  await prepareDesign(design, params);
  const { whole: mesh, parts } = await evaluateBodies(asBodies(design.build(params)));
  const report = verifyMesh(mesh);
  if (!report.ok) throw new MeshDefectError(report.defects);
  const measurements = measureMesh(mesh);
  const generatedParts = parts.map((part): GeneratedPart => {
    if (parts.length === 1) return { ...part, measurements };
    const partReport = verifyMesh(part.mesh, { onPlate: false });
    if (!partReport.ok) throw new MeshDefectError(partReport.defects.map((d) => `part "${part.role}": ${d}`));
    return { ...part, measurements: measureMesh(part.mesh) };
  });
  return {
    designId: design.id,
    version: design.version,
    params,
    hash: await contentHash(design.id, design.version, params),
    mesh,
    measurements,
    parts: generatedParts,
  };
};
