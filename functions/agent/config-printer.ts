// The printer and slicer part of the agent's settings: which printer (kind, URL, key or
// password, from flags over environment over file; the old "octoprint" spelling means kind
// octoprint), which slicer profile and binary, the one storage origin downloads may use, and
// the small value checks (text, url) the rest of the config shares.
import { resolve } from 'node:path';
import { ConfigError } from './errors.ts';
import { PRINTER_KINDS, type PrinterKind, type PrinterSettings } from './printers/printer.ts';
import { isReferenceProfile, MULTI_MATERIAL_PROFILES, REFERENCE_PROFILES } from './slicing/profile.ts';

export const ENV_PRINTER_KEY = 'PRINTER_API_KEY';
export const ENV_PRINTER_PASSWORD = 'PRINTER_PASSWORD';
export const ENV_OCTOPRINT_KEY = 'OCTOPRINT_API_KEY';
export const DEFAULT_SLICER = 'prusa-slicer';

/** The config file's printer and slicer keys. */
export interface PrinterFileKeys {
  printer?: { kind?: string; url?: string; apiKey?: string; username?: string; password?: string };
  /** Old spelling of printer {kind: "octoprint"}. */
  octoprint?: { url?: string; apiKey?: string };
  slicer?: { profile?: string; twoColourProfile?: string; binary?: string };
  storageOrigin?: string;
}

/** The command line's printer and slicer flags. */
export interface PrinterFlags {
  printerKind?: string;
  printerUrl?: string;
  printerKey?: string;
  octoprintUrl?: string;
  octoprintKey?: string;
  profile?: string;
  twoColourProfile?: string;
  slicer?: string;
  storageOrigin?: string;
}

/** A trimmed non-empty string, or undefined when absent. */
export const text = (value: unknown, name: string): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(`${name} must be a non-empty string`);
  return value.trim();
};

/** An http(s) URL without trailing slashes, or undefined when absent. */
export const url = (value: string | undefined, name: string): string | undefined => {
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

export interface SlicerSettings {
  /** A reference profile id (e.g. atelier-pla-0.4n-0.2mm) or the absolute path of the shop's .ini. */
  profile: string;
  /** The profile for jobs in two filaments (a multi-material printer), or absent: such jobs wait for one. */
  twoColourProfile?: string;
  /** The slicer binary (default prusa-slicer). */
  binary: string;
}

/** An http(s) origin, "https://files.example" (a path, query or fragment is a mistake). */
export const origin = (value: string | undefined, name: string): string | null => {
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
export function resolvePrinter(file: PrinterFileKeys, flags: PrinterFlags, env: Record<string, string | undefined>): PrinterSettings | null {
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
export function resolveSlicer(file: PrinterFileKeys, flags: PrinterFlags, cwd: string): SlicerSettings | null {
  const profile = text(flags.profile, '--profile') ?? text(file.slicer?.profile, 'slicer.profile');
  const binary = text(flags.slicer, '--slicer') ?? text(file.slicer?.binary, 'slicer.binary');
  if (!profile) {
    if (binary) throw new ConfigError(`--slicer names the binary; also give the profile: --profile atelier-pla-0.4n-0.2mm or --profile your-printer.ini`);
    return null;
  }
  const twoColour = text(flags.twoColourProfile, '--two-colour-profile') ?? text(file.slicer?.twoColourProfile, 'slicer.twoColourProfile');
  const checked = (value: string, known: readonly string[]): string => {
    const isPath = /[\\/]/.test(value) || /\.ini$/i.test(value);
    if (!isPath && !isReferenceProfile(value)) {
      throw new ConfigError(`the slicer profile must be a reference profile (${known.join(', ')}) or the path of your .ini file, not "${value}"`);
    }
    return isPath ? resolve(cwd, value) : value;
  };
  return {
    profile: checked(profile, REFERENCE_PROFILES),
    ...(twoColour ? { twoColourProfile: checked(twoColour, MULTI_MATERIAL_PROFILES) } : {}),
    binary: binary ?? DEFAULT_SLICER,
  };
}
