// The explicit preload step for lettering. build() and the design rules are synchronous and
// pure, so they read typefaces that were loaded before: every host awaits loadTypeface(id)
// (or prepareTypefaces) first, and typeface(id) only hands back what is already in memory.
import { DEFAULT_TYPEFACE, TYPEFACES, typefaceSpec } from './faces.ts';
import { canReadFiles, nodeFontSource, type FontSource } from './font-source.ts';
import { createTypeface, type Typeface } from './typeface.ts';

/** Thrown when lettering is laid out in a face no one loaded: a host skipped the preload. */
export class TypefaceNotLoadedError extends Error {
  override name = 'TypefaceNotLoadedError';
  constructor(readonly id: string) {
    super(`typeface "${id}" is not loaded: await loadTypeface("${id}") before validating or building`);
  }
}

let source: FontSource | undefined;
const loading = new Map<string, Promise<Typeface>>();
const loaded = new Map<string, Typeface>();

/** Says where font bytes come from in this host (the browser worker fetches; Node reads files by default). */
export const setFontSource = (next: FontSource): void => {
  source = next;
};

/**
 * Loads a face once; later calls share the same promise.
 * @example await loadTypeface('serif'); layoutText('Ωμέγα', { typeface: typeface('serif'), height: 8 });
 */
export const loadTypeface = (id: string): Promise<Typeface> => {
  const spec = typefaceSpec(id);
  if (!spec) return Promise.reject(new Error(`no typeface "${id}"`));
  let pending = loading.get(id);
  if (!pending) {
    const from = source ?? (canReadFiles() ? nodeFontSource : undefined);
    if (!from) return Promise.reject(new Error(`typeface "${id}": no font source set in this host (setFontSource)`));
    pending = Promise.all([from(spec), import('opentype.js/dist/opentype.mjs')]).then(([bytes, { parse }]) => {
      const face = createTypeface(spec, bytes, parse);
      loaded.set(id, face);
      return face;
    });
    pending.catch(() => loading.delete(id));
    loading.set(id, pending);
  }
  return pending;
};

/** Loads every face: for Node hosts and tools that letter in any of them (the design kit, tests). */
export const loadAllTypefaces = async (): Promise<Typeface[]> => Promise.all(TYPEFACES.map((face) => loadTypeface(face.id)));

/** Whether a face is in memory. */
export const isTypefaceLoaded = (id: string): boolean => loaded.has(id);

/** A loaded face. Throws TypefaceNotLoadedError when it was not preloaded. */
export const typeface = (id: string): Typeface => {
  const face = loaded.get(id);
  if (!face) throw new TypefaceNotLoadedError(id);
  return face;
};

/**
 * Loads the face raw, not yet validated params would be lettered in: their `font` when it
 * names a face, else the default. Unknown values are left for validation to refuse.
 */
export const prepareTypefaces = async (rawParams: unknown, key = 'font'): Promise<void> => {
  const wanted = rawParams && typeof rawParams === 'object' ? (rawParams as Record<string, unknown>)[key] : undefined;
  const id = typeof wanted === 'string' && typefaceSpec(wanted) ? wanted : DEFAULT_TYPEFACE;
  await loadTypeface(id);
};
