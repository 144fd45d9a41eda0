// `npm run design -- jscad-sync [DIR]`: (re)writes the generated module beside every JSCAD
// script in DIR (default functions/designs/jscad-scripts/). Node-only; never bundled.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { scriptModuleName, scriptModuleText } from './script-module-text.ts';

export const SCRIPTS_DIR = 'functions/designs/jscad-scripts';

export interface SyncResult {
  written: string[];
  unchanged: string[];
}

/** The import path of script-factory.ts as seen from `dir`, POSIX style. */
const factoryImportFrom = (root: string, dir: string): string => {
  const path = relative(join(root, dir), join(root, 'functions/designs/jscad/script-factory.ts')).split('\\').join('/');
  return path.startsWith('.') ? path : `./${path}`;
};

/** Writes what is stale; with `write: false` only lists it (the test that keeps modules in sync). */
export const syncScripts = async (root: string, dir = SCRIPTS_DIR, { write = true } = {}): Promise<SyncResult> => {
  const result: SyncResult = { written: [], unchanged: [] };
  const files = (await readdir(join(root, dir))).filter((f) => /\.c?js$/.test(f)).sort();
  for (const file of files) {
    const text = scriptModuleText(file, await readFile(join(root, dir, file), 'utf8'), factoryImportFrom(root, dir));
    const target = join(dir, scriptModuleName(file));
    const before = await readFile(join(root, target), 'utf8').catch(() => undefined);
    if (before === text) result.unchanged.push(target);
    else {
      if (write) await writeFile(join(root, target), text);
      result.written.push(target);
    }
  }
  return result;
};
