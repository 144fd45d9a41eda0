// Parses `npm run shops -- add|list|disable|enable|rotate-key|suspend|unsuspend|speed-factor|colours|webhook ...` into a
// command, or explains the mistake.
import { parseArgs } from 'node:util';
import type { NewShop } from '../api/use-cases/register-shop.ts';
import { isMaterial, type Material } from '../domain/materials.ts';
import { shopColoursProblem, speedFactorProblem, type MaterialRate } from '../domain/shop.ts';

export type ShopsCommand =
  | { kind: 'add'; shop: NewShop }
  | { kind: 'list'; json: boolean }
  | { kind: 'disable' | 'enable' | 'rotate-key' | 'suspend' | 'unsuspend'; id: string }
  | { kind: 'speed-factor'; id: string; speedFactor: number }
  /** url: register (or replace) it; remove: delete the registration; neither: show the status. */
  | { kind: 'webhook'; id: string; url?: string; remove: boolean }
  | { kind: 'colours'; id: string; colours: number }
  | { kind: 'help' };

/** Upper bounds, in EUR, for what an operator can type: far above any real price, and far below overflow. */
export const MAX_SETUP_FEE_EUR = 1000;
export const MAX_PER_KG_EUR = 1000;
export const MAX_PER_HOUR_EUR = 100;

export const SHOPS_USAGE = `Usage:
  npm run shops -- add --name NAME --lat LAT --lon LON --materials PLA,PETG --build-volume 250x210x210
                       [--rates PLA=60:2,PETG=70:2.5] [--setup-fee 3.00] [--speed-factor 1.3]
                       [--colours 2]
      Registers a shop and prints its API key once (only a hash is stored).
      --rates: per material, EUR per kg of filament : EUR per printer hour
      (at most ${MAX_PER_KG_EUR} EUR/kg, ${MAX_PER_HOUR_EUR} EUR/hour); --setup-fee: EUR per order, at most ${MAX_SETUP_FEE_EUR}.
      --speed-factor: how fast the shop prints against the reference profile (0.25-4, default 1;
      1.3 = 30 % faster): its hourly rate is charged on reference time / factor.
      npm run calibrate -- --shop-profile my.ini prints the factor for a shop's own slicer config.
      --colours: filaments one job may use on the shop's printers (1-8, default 1); 2 or more
      (a multi-material printer: MMU, AMS, two extruders) makes it a candidate for two-colour jobs.
  npm run shops -- list [--json]
  npm run shops -- disable SHOP_ID      stop offering new jobs to a shop
  npm run shops -- enable SHOP_ID
  npm run shops -- rotate-key SHOP_ID   print a new API key for a shop; the old key stops working
  npm run shops -- suspend SHOP_ID      refuse the shop's key and offer it no new jobs
  npm run shops -- unsuspend SHOP_ID
  npm run shops -- speed-factor SHOP_ID 1.3   register the shop's speed against the reference profile
  npm run shops -- colours SHOP_ID 2          register how many filaments one job may use there
      Running servers notice a new key or a suspension within 10 seconds.
  npm run shops -- webhook SHOP_ID URL        register (or replace) the shop's webhook; prints its
      signing secret once. https only (http and loopback only with the local npm start data).
      Saving the URL again also resumes a webhook disabled after failed deliveries.
  npm run shops -- webhook SHOP_ID            show the shop's webhook and its status
  npm run shops -- webhook SHOP_ID --remove   stop sending webhooks to the shop

Against a deployed stack: TABLE_NAME=... BUCKET_NAME=... AWS_REGION=... npm run shops -- list
Otherwise it uses the local npm start data in ATELIER_DATA_DIR (default .data).`;

export class UsageError extends Error {
  override name = 'UsageError';
}

const number = (name: string, text: string | undefined): number => {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number`);
  return value;
};

const cents = (euros: number, what: string, maxEuros: number): number => {
  if (!(euros >= 0)) throw new UsageError(`${what} must be zero or more`);
  if (!(euros <= maxEuros)) throw new UsageError(`${what} must be at most ${maxEuros} EUR (got ${euros})`);
  return Math.round(euros * 100);
};

export const parseMaterials = (text: string): Material[] => {
  const items = text.split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
  const bad = items.filter((m) => !isMaterial(m));
  if (!items.length || bad.length) throw new UsageError(`--materials must list PLA, PETG, ASA or TPU (got ${bad.join(', ') || 'nothing'})`);
  return items as Material[];
};

export const parseBuildVolume = (text: string) => {
  const match = /^(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)$/i.exec(text.trim());
  if (!match) throw new UsageError('--build-volume must look like 250x210x210 (mm)');
  return { x: Number(match[1]), y: Number(match[2]), z: Number(match[3]) };
};

export const parseRates = (text: string): Partial<Record<Material, MaterialRate>> => {
  const rates: Partial<Record<Material, MaterialRate>> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const match = /^([A-Za-z]+)=(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(part.trim());
    if (!match || !isMaterial(match[1].toUpperCase())) throw new UsageError(`--rates entry "${part}" must look like PLA=60:2 (EUR/kg : EUR/hour)`);
    const material = match[1].toUpperCase() as Material;
    rates[material] = {
      perKgCents: cents(Number(match[2]), `--rates ${material} per kg`, MAX_PER_KG_EUR),
      perHourCents: cents(Number(match[3]), `--rates ${material} per hour`, MAX_PER_HOUR_EUR),
    };
  }
  return rates;
};

const OPTIONS = {
  name: { type: 'string' },
  lat: { type: 'string' },
  lon: { type: 'string' },
  materials: { type: 'string' },
  'build-volume': { type: 'string' },
  rates: { type: 'string' },
  'setup-fee': { type: 'string' },
  'speed-factor': { type: 'string' },
  colours: { type: 'string' },
  json: { type: 'boolean' },
  remove: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** node:util's parseArgs, with its errors (unknown option, missing value) as UsageErrors. */
const parse = (argv: string[]) => {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
    throw error;
  }
};

/** A number a domain check accepts, or a UsageError with the check's message naming what was typed. */
const parseChecked = (text: string, problemOf: (value: number) => string | null): number => {
  const value = text.trim() === '' ? NaN : Number(text);
  const problem = problemOf(value);
  if (problem) throw new UsageError(problem.replace(/got NaN$/, `got "${text}"`));
  return value;
};

export const parseSpeedFactor = (text: string): number => parseChecked(text, speedFactorProblem);

export const parseShopColours = (text: string): number => parseChecked(text, shopColoursProblem);

export const parseShopsArgs = (argv: string[]): ShopsCommand => {
  const { values, positionals } = parse(argv);
  const [command, id] = positionals;
  if (values.help || !command) return { kind: 'help' };
  switch (command) {
    case 'add': {
      if (!values.name) throw new UsageError('--name is required');
      if (!values.materials) throw new UsageError('--materials is required');
      if (!values['build-volume']) throw new UsageError('--build-volume is required');
      const materials = parseMaterials(values.materials);
      const rates = values.rates ? parseRates(values.rates) : undefined;
      const unpriced = rates ? Object.keys(rates).filter((m) => !materials.includes(m as Material)) : [];
      if (unpriced.length) throw new UsageError(`--rates names ${unpriced.join(', ')}, which is not in --materials`);
      return {
        kind: 'add',
        shop: {
          name: values.name,
          lat: number('lat', values.lat),
          lon: number('lon', values.lon),
          materials,
          buildVolume: parseBuildVolume(values['build-volume']),
          rates,
          setupFeeCents: values['setup-fee'] === undefined ? undefined : cents(number('setup-fee', values['setup-fee']), '--setup-fee', MAX_SETUP_FEE_EUR),
          speedFactor: values['speed-factor'] === undefined ? undefined : parseSpeedFactor(values['speed-factor']),
          colours: values.colours === undefined ? undefined : parseShopColours(values.colours),
        },
      };
    }
    case 'list':
      return { kind: 'list', json: Boolean(values.json) };
    case 'disable':
    case 'enable':
    case 'rotate-key':
    case 'suspend':
    case 'unsuspend':
      if (!id) throw new UsageError(`${command} needs a shop id (see npm run shops -- list)`);
      if (positionals.length > 2) throw new UsageError(`${command} takes one shop id (got ${positionals.slice(1).join(' ')})`);
      return { kind: command, id };
    case 'speed-factor': {
      const factor = positionals[2];
      if (!id || factor === undefined) throw new UsageError('speed-factor needs a shop id and a factor, e.g. speed-factor shop_abc 1.3');
      if (positionals.length > 3) throw new UsageError(`speed-factor takes a shop id and a factor (got ${positionals.slice(1).join(' ')})`);
      return { kind: 'speed-factor', id, speedFactor: parseSpeedFactor(factor) };
    }
    case 'webhook': {
      const url = positionals[2];
      if (!id) throw new UsageError('webhook needs a shop id, e.g. webhook shop_abc https://shop.example/atelier');
      if (positionals.length > 3) throw new UsageError(`webhook takes a shop id and a URL (got ${positionals.slice(1).join(' ')})`);
      if (values.remove && url !== undefined) throw new UsageError('webhook takes either a URL or --remove, not both');
      return { kind: 'webhook', id, url, remove: Boolean(values.remove) };
    }
    case 'colours': {
      const count = positionals[2];
      if (!id || count === undefined) throw new UsageError('colours needs a shop id and a number of filaments, e.g. colours shop_abc 2');
      if (positionals.length > 3) throw new UsageError(`colours takes a shop id and a number (got ${positionals.slice(1).join(' ')})`);
      return { kind: 'colours', id, colours: parseShopColours(count) };
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
};
