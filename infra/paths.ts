// Where the CDK app finds the code it deploys, resolved from this file so synthesis works
// from any working directory (the CLI, vitest, an editor).
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TYPEFACES } from '../functions/designs/typefaces/faces.ts';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A path under the repository root. */
export const fromRoot = (...segments: string[]): string => join(PROJECT_ROOT, ...segments);

/** The typefaces' TTF files, shipped beside the mesh function's bundle (read there by typefaces/font-source.ts). */
export const typefaceFilePaths = (): string[] => {
  const require = createRequire(fromRoot('package.json'));
  return TYPEFACES.map((face) => require.resolve(face.module));
};

/** manifold-3d's WebAssembly binary, shipped beside the mesh function's bundle. */
export const manifoldWasmPath = (): string => createRequire(fromRoot('package.json')).resolve('manifold-3d/manifold.wasm');
