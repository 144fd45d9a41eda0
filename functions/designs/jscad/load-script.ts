// `design check FILE.js`: a JSCAD script on the designer's disk, checked before it has a
// wrapper. Its generated module is written to a temporary folder and imported, so the script
// runs exactly as it will once committed (the same ScriptFactory, no eval). Node-only.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unwrappedJscadDesign, type JscadDesign } from './jscad-design.ts';
import type { ScriptFactory } from './script-factory.ts';
import { scriptExportName, scriptModuleName, scriptModuleText } from './script-module-text.ts';

export const loadScriptFile = async (file: string): Promise<JscadDesign> => {
  const name = basename(file);
  const source = await readFile(file, 'utf8');
  const dir = await mkdtemp(join(tmpdir(), 'atelier-jscad-'));
  try {
    const moduleFile = join(dir, scriptModuleName(name));
    await writeFile(moduleFile, scriptModuleText(name, source));
    const module = (await import(pathToFileURL(moduleFile).href)) as Record<string, ScriptFactory>;
    return unwrappedJscadDesign(name.replace(/\.c?js$/, ''), module[scriptExportName(name)]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
