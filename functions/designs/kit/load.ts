// Finds the design `design check` is asked about: a catalogue id, a .ts file exporting one
// design, or a JSCAD script (.js) not yet wrapped (the file is imported, so it is code you have
// in front of you, never fetched).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findDesign } from '../catalogue.ts';
import { loadScriptFile } from '../jscad/load-script.ts';
import type { AnyDesign } from '../types.ts';

const isDesign = (value: unknown): value is AnyDesign =>
  typeof value === 'object' && value !== null && typeof (value as AnyDesign).build === 'function' && Array.isArray((value as AnyDesign).params) && typeof (value as AnyDesign).id === 'string';

/** The designs a file exports, in export order. */
export const designsInFile = async (file: string): Promise<AnyDesign[]> => {
  const module = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  return Object.values(module).filter(isDesign);
};

/** A catalogue id or a file path; throws a message fit for the terminal when neither works. */
export const loadDesign = async (target: string): Promise<AnyDesign> => {
  if (!/[/\\.]/.test(target)) {
    const design = findDesign(target);
    if (!design) throw new Error(`no design "${target}" in the catalogue (give a catalogue id or a path to a .ts file)`);
    return design;
  }
  if (/\.c?js$/.test(target)) return loadScriptFile(target);
  const designs = await designsInFile(target);
  if (designs.length !== 1) throw new Error(`${target} exports ${designs.length} designs; export exactly one (made with defineDesign)`);
  return designs[0];
};
