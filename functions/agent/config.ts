// The agent's settings: defaults, then a JSON config file, then environment variables for the
// secrets, then command-line flags (each later source wins). Validated once, with messages
// that say exactly what to write instead. One printer per agent process; the old "octoprint"
// key and --octoprint-url still work and mean a printer of kind octoprint.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMaterial, MATERIAL_IDS, type Material } from '../domain/materials.ts';
import type { Size } from '../domain/shop.ts';
import { ConfigError } from './errors.ts';
import { PRINTER_KINDS, type PrinterKind, type PrinterSettings } from './printers/printer.ts';
import { REFERENCE_PROFILES } from './slicing/profile.ts';

export interface SlicerSettings {
  /** A reference profile id (e.g. atelier-pla-0.4n-0.2mm) or the absolute path of the shop's .ini. */
  profile: string;
  /** The slicer binary (default prusa-slicer). */
  binary: string;
}

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
}

/** The config file's shape: every key optional; octoprint.apiKey may come from the environment. */
export interface ConfigFile {
  apiUrl?: string;
  shopKey?: string;
  materials?: string[];
  buildVolume?: Size;
  pollSeconds?: number;
  autoClaim?: boolean;
  maxOpenJobs?: number;
  downloadDir?: string;
  printer?: { kind?: string; url?: string; apiKey?: string; username?: string; password?: string };
  /** Old spelling of printer {kind: "octoprint"}. */
  octoprint?: { url?: string; apiKey?: string };
  slicer?: { profile?: string; binary?: string };
  storageOrigin?: string;
  start?: boolean;
  insecureOk?: boolean;
}

/** What the command line gave (undefined = not given). */
export interface ConfigFlags {
  apiUrl?: string;
  shopKey?: string;
  materials?: string[];
  buildVolume?: string;
  pollSeconds?: string;
  autoClaim?: boolean;
  maxOpenJobs?: string;
  downloadDir?: string;
  printerKind?: string;
  printerUrl?: string;
  printerKey?: string;
  octoprintUrl?: string;
  octoprintKey?: string;
  profile?: string;
  slicer?: string;
  storageOrigin?: string;
  start?: boolean;
  once?: boolean;
  insecureOk?: boolean;
}

export const ENV_SHOP_KEY = 'ATELIER_SHOP_KEY';
export const ENV_PRINTER_KEY = 'PRINTER_API_KEY';
export const ENV_PRINTER_PASSWORD = 'PRINTER_PASSWORD';
export const ENV_OCTOPRINT_KEY = 'OCTOPRINT_API_KEY';
export const DEFAULT_SLICER = 'prusa-slicer';

const FILE_KEYS = [
  'apiUrl', 'shopKey', 'materials', 'buildVolume', 'pollSeconds', 'autoClaim', 'maxOpenJobs', 'downloadDir',
  'printer', 'octoprint', 'slicer', 'storageOrigin', 'start', 'insecureOk',
];
const PRINTER_KEYS = ['kind', 'url', 'apiKey', 'username', 'password'];
const SLICER_KEYS = ['profile', 'binary'];

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
  if (file.shopKey !== undefined || file.octoprint?.apiKey !== undefined || file.printer?.apiKey !== undefined || file.printer?.password !== undefined) {
    const mode = (await stat(path)).mode;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) warn(`warning: ${path} holds a key and can be read by other users; run: chmod 600 ${path}`);
  }
  return file;
}

const text = (value: unknown, name: string): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(`${name} must be a non-empty string`);
  return value.trim();
};

const url = (value: string | undefined, name: string): string | undefined => {
  if (value === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL such as http://localhost:3000, not "${value}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConfigError(`${name} must use http or https, not ${parsed.protocol}`);
  return value.replace(/\/+$/, '');
};

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
  };
  if (config.start && !config.printer) throw new ConfigError('--start needs a printer to start: pass --printer-kind and --printer-url (and its key)');
  if (needsPrinter && config.autoClaim) {
    if (!config.materials.length) throw new ConfigError(`say which filament is loaded: --material PLA (repeatable) or "materials": ["PLA"]; or run with --no-auto-claim`);
    if (!config.buildVolume) throw new ConfigError('give this printer\'s build volume: --build-volume 250x210x210 or "buildVolume": {"x": 250, "y": 210, "z": 210}');
  }
  return config;
}

/** An http(s) origin, "https://files.example" (a path, query or fragment is a mistake). */
const origin = (value: string | undefined, name: string): string | null => {
  const checked = url(value, name);
  if (checked === undefined) return null;
  const parsed = new URL(checked);
  if (parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username) throw new ConfigError(`${name} must be an origin such as https://files.example, without a path, not "${value}"`);
  return parsed.origin;
};

const printerKind = (value: string | undefined, name: string): PrinterKind | undefined => {
  if (value === undefined) return undefined;
  const kind = value.trim().toLowerCase();
  if (!PRINTER_KINDS.includes(kind as PrinterKind)) throw new ConfigError(`${name} must be one of ${PRINTER_KINDS.join(', ')}, not "${value}"`);
  return kind as PrinterKind;
};

const KEY_HELP: Record<PrinterKind, string> = {
  octoprint: 'OctoPrint → Settings → Application Keys',
  moonraker: 'only if Moonraker requires one: its [authorization] section, or an API key from /access/api_key',
  prusalink: 'PrusaLink shows it in Settings → API Key (or use the digest password: "printer": {"username": "maker", "password": …})',
};

/**
 * The printer, from flags over env over file. --octoprint-url / "octoprint" are the old
 * spelling of kind octoprint; OCTOPRINT_API_KEY is honoured for an OctoPrint.
 */
function resolvePrinter(file: ConfigFile, flags: ConfigFlags, env: Record<string, string | undefined>): PrinterSettings | null {
  const legacyUrl = text(flags.octoprintUrl, '--octoprint-url') ?? text(file.octoprint?.url, 'octoprint.url');
  const newUrl = text(flags.printerUrl, '--printer-url') ?? text(file.printer?.url, 'printer.url');
  if (legacyUrl && newUrl) throw new ConfigError('give the printer once: --printer-url (with --printer-kind) or the old --octoprint-url, not both');
  const printerUrl = url(newUrl ?? legacyUrl, newUrl ? 'printer url' : 'octoprint url');
  const kind = printerKind(text(flags.printerKind, '--printer-kind') ?? text(file.printer?.kind, 'printer.kind'), '--printer-kind') ?? (legacyUrl ? 'octoprint' : undefined);
  if (!printerUrl) {
    if (kind) throw new ConfigError(`the ${kind} printer needs its address: --printer-url http://… or "printer": {"url": …}`);
    return null;
  }
  if (!kind) throw new ConfigError(`say which kind of printer ${printerUrl} is: --printer-kind ${PRINTER_KINDS.join('|')} or "printer": {"kind": …}`);
  if (legacyUrl && kind !== 'octoprint') throw new ConfigError(`--octoprint-url is for an OctoPrint; for ${kind} use --printer-url`);
  const fromEnv = (name: string) => text(env[name] || undefined, name);
  const apiKey =
    text(flags.printerKey, '--printer-key') ??
    text(flags.octoprintKey, '--octoprint-key') ??
    fromEnv(ENV_PRINTER_KEY) ??
    (kind === 'octoprint' ? fromEnv(ENV_OCTOPRINT_KEY) : undefined) ??
    text(file.printer?.apiKey, 'printer.apiKey') ??
    text(file.octoprint?.apiKey, 'octoprint.apiKey') ??
    null;
  const password = fromEnv(ENV_PRINTER_PASSWORD) ?? text(file.printer?.password, 'printer.password');
  const username = text(file.printer?.username, 'printer.username');
  if (!apiKey && kind === 'octoprint') throw new ConfigError(`OctoPrint needs an API key: set ${ENV_PRINTER_KEY} (or ${ENV_OCTOPRINT_KEY}) (${KEY_HELP.octoprint})`);
  if (!apiKey && kind === 'prusalink' && !password) throw new ConfigError(`PrusaLink needs an API key in ${ENV_PRINTER_KEY} or a password in ${ENV_PRINTER_PASSWORD} (${KEY_HELP.prusalink})`);
  return { kind, url: printerUrl, apiKey, ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

/** The slicer: a profile (reference id, or a .ini path made absolute) and the binary. */
function resolveSlicer(file: ConfigFile, flags: ConfigFlags, cwd: string): SlicerSettings | null {
  const profile = text(flags.profile, '--profile') ?? text(file.slicer?.profile, 'slicer.profile');
  const binary = text(flags.slicer, '--slicer') ?? text(file.slicer?.binary, 'slicer.binary');
  if (!profile) {
    if (binary) throw new ConfigError(`--slicer names the binary; also give the profile: --profile atelier-pla-0.4n-0.2mm or --profile your-printer.ini`);
    return null;
  }
  const isPath = /[\\/]/.test(profile) || /\.ini$/i.test(profile);
  if (!isPath && !(REFERENCE_PROFILES as readonly string[]).includes(profile)) {
    throw new ConfigError(`the slicer profile must be a reference profile (${REFERENCE_PROFILES.join(', ')}) or the path of your .ini file, not "${profile}"`);
  }
  return { profile: isPath ? resolve(cwd, profile) : profile, binary: binary ?? DEFAULT_SLICER };
}
