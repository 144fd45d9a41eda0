// One configuration through the same path an order takes (build, manifold-3d, verifier,
// measure) and everything the catalogue promises about it: no defects, the size within
// 0.01 mm of size(), a positive volume, triangles within budget, and for a multi-part item
// parts that add up to the whole (each part is verified on its own by generateValidated).
// Shared by `design check` and the catalogue test.
import { MeshDefectError } from '../../mesh/errors.ts';
import { generateValidated, type GeneratedMesh } from '../generate.ts';
import type { AnyDesign, Params } from '../types.ts';
import type { Finding } from './findings.ts';

export const SIZE_TOLERANCE_MM = 0.01;

export interface ProbedBuild {
  findings: Finding[];
  /** Wall-clock milliseconds for build + evaluate + verify + measure. */
  ms: number;
  built?: GeneratedMesh;
}

const show = (params: Params): string => JSON.stringify(params);

export const probeBuild = async (design: AnyDesign, params: Params): Promise<ProbedBuild> => {
  const start = performance.now();
  let built: GeneratedMesh;
  try {
    built = await generateValidated(design, params);
  } catch (error) {
    const ms = performance.now() - start;
    if (error instanceof MeshDefectError) return { ms, findings: [{ kind: 'mesh-defect', message: `${error.message} at ${show(params)}` }] };
    return { ms, findings: [{ kind: 'build-failed', message: `${(error as Error).message} at ${show(params)}` }] };
  }
  const ms = performance.now() - start;
  const findings: Finding[] = [];
  const promised = design.size(params);
  const size = built.measurements.size;
  const off = [0, 1, 2].filter((axis) => !(Math.abs(size[axis] - promised[axis]) <= SIZE_TOLERANCE_MM));
  if (off.length) {
    const axes = off.map((a) => `${'xyz'[a]} built ${size[a].toFixed(3)} promised ${Number(promised[a]).toFixed(3)}`).join(', ');
    findings.push({ kind: 'size-promise', message: `${axes} mm at ${show(params)}` });
  }
  if (!(built.measurements.volume > 0)) findings.push({ kind: 'mesh-defect', message: `volume ${built.measurements.volume} at ${show(params)}` });
  if (built.measurements.triangleCount > design.budget.maxTriangles)
    findings.push({ kind: 'over-budget', message: `${built.measurements.triangleCount} triangles > budget ${design.budget.maxTriangles} at ${show(params)}` });
  if (built.parts.length > 1) {
    const sum = built.parts.reduce((total, part) => total + part.measurements.volume, 0);
    const whole = built.measurements.volume;
    // Touching parts add up to their union; an overlap or a gap would not.
    if (!(Math.abs(sum - whole) <= Math.max(0.01, whole * 1e-4))) {
      findings.push({ kind: 'mesh-defect', message: `parts add up to ${sum.toFixed(3)} mm³ but the whole is ${whole.toFixed(3)} mm³ at ${show(params)}` });
    }
  }
  return { ms, findings, built };
};
