// Where a typeface's bytes come from. Each host says so once: the browser's worker fetches
// the file Vite emitted for the chosen face; Node (CLI, tests, local host, Lambda) reads the
// TTF from node_modules, or from beside the bundle where the Lambda has no node_modules.
// Node's modules are reached through process.getBuiltinModule, so this file imports nothing
// that a browser bundle would have to stub.
import type { TypefaceSpec } from './faces.ts';

/** Returns the whole font file of a face. */
export type FontSource = (face: TypefaceSpec) => Promise<Uint8Array>;

type NodeProcess = { getBuiltinModule?: (id: string) => any; versions?: { node?: string } };

const nodeProcess = (): NodeProcess | undefined => (globalThis as { process?: NodeProcess }).process;

/** Whether this runtime can read files (Node), so the file source is a sensible default. */
export const canReadFiles = (): boolean => typeof nodeProcess()?.getBuiltinModule === 'function';

/**
 * Reads the TTF from its npm package; where the package is not installed (a Lambda bundle)
 * from a file of the same name beside the running module, or in ATELIER_FONT_DIR when set.
 */
export const nodeFontSource: FontSource = async (face) => {
  const get = nodeProcess()?.getBuiltinModule;
  if (!get) throw new Error(`typeface "${face.id}": this runtime cannot read files; give the host a font source`);
  const { readFile } = get('node:fs/promises') as typeof import('node:fs/promises');
  const { createRequire } = get('node:module') as typeof import('node:module');
  const { fileURLToPath } = get('node:url') as typeof import('node:url');
  const { join, dirname } = get('node:path') as typeof import('node:path');
  const here = import.meta.url;
  const candidates: string[] = [];
  const dir = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.ATELIER_FONT_DIR;
  if (dir) candidates.push(join(dir, face.file));
  try {
    candidates.push(createRequire(here).resolve(face.module));
  } catch {
    // not installed here: a bundle carries the file beside itself
  }
  if (here.startsWith('file:')) candidates.push(join(dirname(fileURLToPath(here)), face.file));
  for (const path of candidates) {
    try {
      return new Uint8Array(await readFile(path));
    } catch {
      // try the next place
    }
  }
  throw new Error(`typeface "${face.id}": ${face.file} not found (looked in ${candidates.join(', ')})`);
};
