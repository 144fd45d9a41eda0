// Slicer profiles: the reference profiles committed in ./profiles (by id) or any PrusaSlicer
// config a shop exported (by path). Reads the few settings checked before the slicer runs:
// the bed (bed_shape, max_print_height) and the printer technology.
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProfileError } from './errors.ts';

/** Where the reference profiles live. */
export const PROFILES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'profiles');

/** The reference profiles committed in ./profiles: generic 0.4 mm nozzle, 0.2 mm layers. */
export const REFERENCE_PROFILES = [
  'atelier-pla-0.4n-0.2mm',
  'atelier-petg-0.4n-0.2mm',
  'atelier-asa-0.4n-0.2mm',
  'atelier-tpu-0.4n-0.2mm',
] as const;

/** Reference profiles for two-colour jobs: the same settings on a one-nozzle, two-filament printer (wipe tower). */
export const MULTI_MATERIAL_PROFILES = ['atelier-pla-0.4n-0.2mm-2c', 'atelier-petg-0.4n-0.2mm-2c'] as const;

export type ReferenceProfileId = (typeof REFERENCE_PROFILES)[number] | (typeof MULTI_MATERIAL_PROFILES)[number];

/** Every profile id that resolves to a committed file. */
export const isReferenceProfile = (id: string): boolean =>
  (REFERENCE_PROFILES as readonly string[]).includes(id) || (MULTI_MATERIAL_PROFILES as readonly string[]).includes(id);

/** The reference profile for a material (PLA, PETG, ASA, TPU). */
export const referenceProfileFor = (material: string): ReferenceProfileId => {
  const id = `atelier-${material.toLowerCase()}-0.4n-0.2mm`;
  const found = REFERENCE_PROFILES.find((p) => p === id);
  if (!found) throw new ProfileError(material, `no reference profile for material "${material}"; known: ${REFERENCE_PROFILES.join(', ')}`);
  return found;
};

export interface ResolvedProfile {
  /** The file the slicer loads. */
  path: string;
  /** The reference id, or the file name without .ini. */
  name: string;
}

/**
 * A reference id resolves to ./profiles/<id>.ini; anything else with a slash or an .ini extension is a
 * path (relative to the working directory).
 * @example resolveProfile('atelier-pla-0.4n-0.2mm').path // …/functions/agent/slicing/profiles/atelier-pla-0.4n-0.2mm.ini
 */
export const resolveProfile = (profile: string): ResolvedProfile => {
  if (!profile.trim()) throw new ProfileError(profile, 'no profile given: name a reference profile or a PrusaSlicer .ini');
  if (isReferenceProfile(profile)) return { path: join(PROFILES_DIR, `${profile}.ini`), name: profile };
  const isPath = isAbsolute(profile) || /[\\/]/.test(profile) || extname(profile).toLowerCase() === '.ini';
  if (isPath) return { path: resolve(profile), name: basename(profile, extname(profile)) };
  throw new ProfileError(profile, `unknown reference profile "${profile}"; known: ${REFERENCE_PROFILES.join(', ')}, or give the path of a .ini`);
};

/** `key = value` pairs of a PrusaSlicer config (comments, blank lines and [section] headers skipped). */
export const parseIni = (text: string): Map<string, string> => {
  const entries = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';') || trimmed.startsWith('[')) continue;
    const eq = trimmed.indexOf('=');
    if (eq > 0) entries.set(trimmed.slice(0, eq).trim(), trimmed.slice(eq + 1).trim());
  }
  return entries;
};

/** The printable volume a profile declares, in mm. */
export interface BuildVolume {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** max_print_height; 0 when the profile does not say. */
  height: number;
}

export interface ProfileInfo extends ResolvedProfile {
  settings: Map<string, string>;
  /** Undefined when the profile sets no bed_shape (the slicer then uses its default 200×200). */
  bed?: BuildVolume;
}

/** "0x0,250x0,250x210,0x210" → its bounding box; undefined when unreadable. */
export const parseBedShape = (shape: string, maxPrintHeight = 0): BuildVolume | undefined => {
  const points = shape.split(',').map((p) => p.trim().split('x').map(Number));
  if (points.length < 3 || points.some((p) => p.length !== 2 || !p.every(Number.isFinite))) return undefined;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return {
    minX: Math.min(...xs),
    minY: Math.min(...ys),
    maxX: Math.max(...xs),
    maxY: Math.max(...ys),
    height: Number.isFinite(maxPrintHeight) && maxPrintHeight > 0 ? maxPrintHeight : 0,
  };
};

const LINE = /^\s*(?:[#;].*|\[[^\]]*\]|[A-Za-z0-9_]+\s*=.*)?\s*$/;

/**
 * Reads and checks a profile before the slicer sees it: the file exists, is a single PrusaSlicer
 * config (key = value lines, not a bundle with [sections], not binary), and is for FFF printing.
 */
export const readProfile = async (profile: string): Promise<ProfileInfo> => {
  const resolved = resolveProfile(profile);
  if (extname(resolved.path).toLowerCase() !== '.ini') {
    throw new ProfileError(profile, `${resolved.path} is not a .ini file; export the profile from the slicer (File > Export > Export Config)`);
  }
  let text: string;
  try {
    text = await readFile(resolved.path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(cause);
    throw new ProfileError(profile, `cannot read profile ${resolved.path}: ${why}`, { cause });
  }
  const lines = text.split(/\r?\n/);
  const bad = lines.findIndex((line) => line.includes('\0') || !LINE.test(line));
  if (bad >= 0) {
    throw new ProfileError(profile, `${resolved.path} line ${bad + 1} is not "key = value": not a PrusaSlicer config (${JSON.stringify(lines[bad].slice(0, 60))})`);
  }
  if (lines.some((line) => /^\s*\[[^\]]*\]\s*$/.test(line))) {
    throw new ProfileError(profile, `${resolved.path} is a config bundle ([sections]); export a single config (File > Export > Export Config)`);
  }
  const settings = parseIni(text);
  if (settings.size === 0) throw new ProfileError(profile, `${resolved.path} holds no settings`);
  const technology = settings.get('printer_technology');
  if (technology && technology !== 'FFF') {
    throw new ProfileError(profile, `${resolved.path} is for ${technology} printers; Atelier slices for FFF (filament) printers`);
  }
  const shape = settings.get('bed_shape');
  const bed = shape ? parseBedShape(shape, Number(settings.get('max_print_height') ?? 0)) : undefined;
  if (shape && !bed) throw new ProfileError(profile, `${resolved.path}: bed_shape "${shape}" is not a list of XxY points`);
  return { ...resolved, settings, bed };
};
