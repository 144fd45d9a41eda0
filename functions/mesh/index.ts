// The geometry kernel's public surface: solids in, verified meshes and files out.
export * from './types.ts';
export * from './errors.ts';
export * from './solid.ts';
export { evaluateSolid, evaluateSolidWith } from './evaluate.ts';
export { loadManifold } from './runtime.ts';
export { verifyMesh, assertPrintable } from './verify.ts';
export { measureMesh } from './measure.ts';
export { writeStl, readStl } from './stl.ts';
export { write3mf, read3mf } from './threemf.ts';
export { canonicalJson, contentHash, sha256Hex } from './hash.ts';
