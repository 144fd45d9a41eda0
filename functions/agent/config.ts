// The agent's settings: defaults, then a JSON config file, then environment variables for the
// secrets, then command-line flags (each later source wins). Validated once, with messages
// that say exactly what to write instead. One printer per agent process; the old "octoprint"
// key and --octoprint-url still work and mean a printer of kind octoprint. The webhook
// receiver's address and secret are resolved in config-listen.ts.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMaterial, MATERIAL_IDS, type Material } from '../domain/materials.ts';
import type { Size } from '../domain/shop.ts';
import { origin, resolvePrinter, resolveSlicer, text, url, type PrinterFileKeys, type PrinterFlags, type SlicerSettings } from './config-printer.ts';
import { resolveListen, type ListenFileKeys } from './config-listen.ts';
import { ConfigError } from './errors.ts';
import type { PrinterSettings } from './printers/printer.ts';
import type { ListenAddress } from './webhook-listener.ts';

export type { SlicerSettings } from './config-printer.ts';

export interface AgentConfig {
  /** The Atelier site or its API root. */
  apiUrl: string;
  shopKey: string;
  /** Filament loaded now. */
  materials: Material[];
  /** This printer's build volume, mm; null when not given (auto-claim then refuses to start). */
  buildVolume: Size | null;
  /** Seconds between polls, 5–300 (default 30). */
  pollSeconds: number;
  /** Claim fitting offers by itself (default true). */
  autoClaim: boolean;
  /** Jobs held at once in CLAIMED, PRINTING or PRINTED before it claims another (default 1). */
  maxOpenJobs: number;
  /** Absolute path of the download folder (default ./atelier-jobs). */
  downloadDir: string;
  /** The printer host; null to only download (and slice, with a slicer). */
  printer: PrinterSettings | null;
  /** How jobs are sliced; null to leave slicing to the shop (only without a printer). */
  slicer: SlicerSettings | null;
  /** The one origin besides the API's own that download links may point at, or null. */
  storageOrigin: string | null;
  /** Start the print after the upload (default false: upload only). */
  start: boolean;
  /** One round, then exit. */
  once: boolean;
  /** The API URL is plain http to another machine and that is intended: no warning. */
  insecureOk?: boolean;
  /** `--listen`: where the webhook receiver binds; absent when the agent does not listen. */
  listen?: ListenAddress;
  /** The webhook signing secret (present exactly when `listen` is). */
  webhookSecret?: string;
}

/** The config file's shape: every key optional; the keys and the printer password may come from the environment. */
export interface ConfigFile extends PrinterFileKeys, ListenFileKeys {
  apiUrl?: string;
  shopKey?: string;
  materials?: string[];
  buildVolume?: Size;
  pollSeconds?: number;
  autoClaim?: boolean;
  maxOpenJobs?: number;
  downloadDir?: string;
  start?: boolean;
  insecureOk?: boolean;
}

/** What the command line gave (undefined = not given). */
export interface ConfigFlags extends PrinterFlags {
  apiUrl?: string;
  shopKey?: string;
  materials?: string[];
  buildVolume?: string;
  pollSeconds?: string;
  autoClaim?: boolean;
  maxOpenJobs?: string;
  downloadDir?: string;
  start?: boolean;
  once?: boolean;
  insecureOk?: boolean;
  /** --listen [HOST:]PORT */
  listen?: string;
}

export const ENV_SHOP_KEY = 'ATELIER_SHOP_KEY';
export { DEFAULT_SLICER, ENV_OCTOPRINT_KEY, ENV_PRINTER_KEY, ENV_PRINTER_PASSWORD } from './config-printer.ts';

const FILE_KEYS = [
  'apiUrl', 'shopKey', 'materials', 'buildVolume', 'pollSeconds', 'autoClaim', 'maxOpenJobs', 'downloadDir',
  'printer', 'octoprint', 'slicer', 'storageOrigin', 'start', 'insecureOk', 'listen', 'webhookSecret',
];
const PRINTER_KEYS = ['kind', 'url', 'apiKey', 'username', 'password'];
const SLICER_KEYS = ['profile', 'twoColourProfile', 'binary'];

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * True when the API URL is plain http to a host other than this machine (localhost,
 * 127.x.x.x, ::1): the shop key would cross the network unencrypted.
 */
export function sendsKeyInClear(apiUrl: string): boolean {
  const parsed = new URL(apiUrl);
  return parsed.protocol === 'http:' && !LOOPBACK.test(parsed.hostname);
}

/** Reads and checks a config file's JSON; warns (through `warn`) when it holds a key others can read. */
export async function readConfigFile(path: string, warn: (message: string) => void = () => {}): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(`config file ${path} must hold a JSON object`);
  const unknown = Object.keys(data).filter((key) => !FILE_KEYS.includes(key));
  if (unknown.length) throw new ConfigError(`unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} in ${path}; known keys: ${FILE_KEYS.join(', ')}`);
  const file = data as ConfigFile;
  for (const [key, known] of [['printer', PRINTER_KEYS], ['slicer', SLICER_KEYS]] as const) {
    const value = (file as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`"${key}" in ${path} must be an object with ${known.join(', ')}`);
    const stray = Object.keys(value).filter((k) => !(known as readonly string[]).includes(k));
    if (stray.length) throw new ConfigError(`unknown key ${stray.map((k) => `"${key}.${k}"`).join(', ')} in ${path}; known: ${known.join(', ')}`);
  }
  if (file.printer && file.octoprint) throw new ConfigError(`${path} has both "printer" and the old "octoprint"; keep only "printer": {"kind": "octoprint", …}`);
  if (file.shopKey !== undefined || file.webhookSecret !== undefined || file.octoprint?.apiKey !== undefined || file.printer?.apiKey !== undefined || file.printer?.password !== undefined) {
    const mode = (await stat(path)).mode;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) warn(`warning: ${path} holds a key and can be read by other users; run: chmod 600 ${path}`);
  }
  return file;
}

const integer = (value: unknown, name: string, min: number, max: number): number | undefined => {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
  return n;
};

const materials = (value: unknown, name: string): Material[] | undefined => {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value.flatMap((v) => (typeof v === 'string' ? v.split(',') : [v])) : [value];
  const out: Material[] = [];
  for (const item of list) {
    const id = typeof item === 'string' ? item.trim().toUpperCase() : item;
    if (!isMaterial(id)) throw new ConfigError(`${name}: unknown material ${JSON.stringify(item)}; use ${MATERIAL_IDS.join(', ')}`);
    if (!out.includes(id)) out.push(id);
  }
  return out;
};

/** "250x210x210" (or with ×) → {x, y, z}. */
export function parseBuildVolume(value: string): Size {
  const parts = value.toLowerCase().split(/[x×*]/).map((p) => Number(p.trim()));
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p) || p <= 0)) {
    throw new ConfigError(`--build-volume must be three sizes in mm as XxYxZ, e.g. 250x210x210, not "${value}"`);
  }
  return { x: parts[0], y: parts[1], z: parts[2] };
}

const buildVolume = (value: unknown, name: string): Size | undefined => {
  if (value === undefined) return undefined;
  const v = value as Partial<Size>;
  const ok = typeof value === 'object' && value !== null && (['x', 'y', 'z'] as const).every((a) => typeof v[a] === 'number' && v[a]! > 0 && v[a]! <= 5000);
  if (!ok) throw new ConfigError(`${name} must be an object with x, y and z in mm, e.g. {"x": 250, "y": 210, "z": 210}`);
  return { x: v.x!, y: v.y!, z: v.z! };
};

const bool = (value: unknown, name: string): boolean | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new ConfigError(`${name} must be true or false`);
  return value;
};

export interface ResolveOptions {
  file?: ConfigFile;
  flags?: ConfigFlags;
  env?: Record<string, string | undefined>;
  /** Base for a relative downloadDir. */
  cwd?: string;
}

/**
 * Merges the sources and checks the result. `needsPrinter`: the command will claim on its
 * own, so the loaded materials and the build volume are required.
 */
export function resolveConfig({ file = {}, flags = {}, env = {}, cwd = process.cwd() }: ResolveOptions, needsPrinter: boolean): AgentConfig {
  const apiUrl = url(text(flags.apiUrl, '--api-url') ?? text(file.apiUrl, 'apiUrl'), flags.apiUrl ? '--api-url' : 'apiUrl');
  if (!apiUrl) throw new ConfigError('the Atelier API URL is missing: pass --api-url https://… or set "apiUrl" in the config file');
  const shopKey = text(flags.shopKey, '--key') ?? text(env[ENV_SHOP_KEY] || undefined, ENV_SHOP_KEY) ?? text(file.shopKey, 'shopKey');
  if (!shopKey) throw new ConfigError(`the shop API key is missing: set ${ENV_SHOP_KEY} in the environment (or "shopKey" in a config file only you can read)`);

  const printer = resolvePrinter(file, flags, env);
  const slicer = resolveSlicer(file, flags, cwd);
  if (printer && !slicer) {
    throw new ConfigError(
      `a printer prints G-code, so the agent slices each job: give a slicer profile, e.g. --profile atelier-pla-0.4n-0.2mm ` +
        `(a reference profile) or --profile /path/to/your-printer.ini (exported from PrusaSlicer), or "slicer": {"profile": …}`,
    );
  }
  const storageOrigin = origin(text(flags.storageOrigin, '--storage-origin') ?? text(file.storageOrigin, 'storageOrigin'), flags.storageOrigin ? '--storage-origin' : 'storageOrigin');

  const config: AgentConfig = {
    apiUrl,
    shopKey,
    materials: materials(flags.materials, '--material') ?? materials(file.materials, 'materials') ?? [],
    buildVolume: (flags.buildVolume === undefined ? undefined : parseBuildVolume(flags.buildVolume)) ?? buildVolume(file.buildVolume, 'buildVolume') ?? null,
    pollSeconds: integer(flags.pollSeconds, '--poll', 5, 300) ?? integer(file.pollSeconds, 'pollSeconds', 5, 300) ?? 30,
    autoClaim: flags.autoClaim ?? bool(file.autoClaim, 'autoClaim') ?? true,
    maxOpenJobs: integer(flags.maxOpenJobs, '--max-jobs', 1, 50) ?? integer(file.maxOpenJobs, 'maxOpenJobs', 1, 50) ?? 1,
    downloadDir: resolve(cwd, text(flags.downloadDir, '--download-dir') ?? text(file.downloadDir, 'downloadDir') ?? 'atelier-jobs'),
    printer,
    slicer,
    storageOrigin,
    start: flags.start ?? bool(file.start, 'start') ?? false,
    once: flags.once ?? false,
    insecureOk: flags.insecureOk ?? bool(file.insecureOk, 'insecureOk') ?? false,
    // Only `run` listens; the one-shot commands ignore "listen" in a shared config file.
    ...(needsPrinter ? resolveListen(file, flags.listen, env, flags.once ?? false) : {}),
  };
  if (config.start && !config.printer) throw new ConfigError('--start needs a printer to start: pass --printer-kind and --printer-url (and its key)');
  if (needsPrinter && config.autoClaim) {
    if (!config.materials.length) throw new ConfigError(`say which filament is loaded: --material PLA (repeatable) or "materials": ["PLA"]; or run with --no-auto-claim`);
    if (!config.buildVolume) throw new ConfigError('give this printer\'s build volume: --build-volume 250x210x210 or "buildVolume": {"x": 250, "y": 210, "z": 210}');
  }
  return config;
}
