// Argument parsing for `npm run mesh`: pure (no I/O), so every case is unit-tested.
// `key=value` pairs stay text until a design's schema says which ones are numbers.
import type { AnyDesign } from '../designs/types.ts';

export type OutputFormat = 'stl' | '3mf';

export type MeshCommand =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'build'; designId: string; assignments: Record<string, string>; out?: { path: string; format: OutputFormat } }
  | { kind: 'usage-error'; message: string };

/** A decimal number as a person types it; no hex, no "Infinity", no empty string. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

const formatOf = (path: string): OutputFormat | undefined => {
  const lower = path.toLowerCase();
  return lower.endsWith('.stl') ? 'stl' : lower.endsWith('.3mf') ? '3mf' : undefined;
};

const usage = (message: string): MeshCommand => ({ kind: 'usage-error', message });

/**
 * Parses the arguments after `npm run mesh --`.
 * @example parseMeshArgs(['name-tag', 'text=ADA', '--out', 'tag.3mf'])
 *   // { kind: 'build', designId: 'name-tag', assignments: { text: 'ADA' }, out: { path: 'tag.3mf', format: '3mf' } }
 */
export const parseMeshArgs = (argv: readonly string[]): MeshCommand => {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  let list = false;
  let designId: string | undefined;
  let outPath: string | undefined;
  const pairs = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--list') {
      list = true;
    } else if (arg === '--out' || arg === '-o') {
      const value = argv[++i];
      if (value === undefined || value === '') return usage(`${arg} needs a file name ending in .stl or .3mf`);
      outPath = value;
    } else if (arg.startsWith('--out=')) {
      outPath = arg.slice('--out='.length);
      if (!outPath) return usage('--out needs a file name ending in .stl or .3mf');
    } else if (arg.startsWith('-')) {
      return usage(`unknown option ${arg}`);
    } else if (arg.includes('=')) {
      const eq = arg.indexOf('=');
      const key = arg.slice(0, eq);
      if (!key) return usage(`"${arg}" has no parameter name before "="`);
      if (pairs.has(key)) return usage(`${key} is given twice`);
      pairs.set(key, arg.slice(eq + 1));
    } else if (designId === undefined) {
      designId = arg;
    } else {
      return usage(`expected key=value after the design, got "${arg}"`);
    }
  }
  // fromEntries defines own properties, so even a key like "__proto__" stays a plain key.
  const assignments = Object.fromEntries(pairs);
  if (list) {
    return designId || outPath !== undefined || pairs.size ? usage('--list takes no other arguments') : { kind: 'list' };
  }
  if (!designId) return usage('name a design (see --list)');
  if (outPath === undefined) return { kind: 'build', designId, assignments };
  const format = formatOf(outPath);
  if (!format) return usage(`--out ${outPath}: the file name must end in .stl or .3mf`);
  return { kind: 'build', designId, assignments, out: { path: outPath, format } };
};

/**
 * Turns `key=value` text into raw params by the design's schema: values of number params
 * that read as decimal numbers become numbers; everything else stays a string, so the
 * validator reports a precise `type` (or `unknown`) error instead of this parser guessing.
 */
export const paramsFromAssignments = (design: AnyDesign, assignments: Record<string, string>): Record<string, number | string> =>
  Object.fromEntries(
    Object.entries(assignments).map(([key, text]) => {
      const spec = design.params.find((p) => p.key === key);
      return [key, spec?.type === 'number' && NUMBER.test(text.trim()) ? Number(text) : text];
    }),
  );
