// The command line: subcommand, its arguments and the options (node:util parseArgs), plus
// the help text. Turns every mistake into a ConfigError that names the fix.
import { parseArgs } from 'node:util';
import type { ConfigFlags } from './config.ts';
import { ConfigError } from './errors.ts';

export type Command =
  | { name: 'run' }
  | { name: 'jobs'; json: boolean }
  | { name: 'claim'; id: string }
  | { name: 'download'; id: string }
  | { name: 'status'; id: string; status: string; tracking?: string }
  | { name: 'reject'; id: string; reason?: string; note?: string }
  | { name: 'retry'; id: string }
  | { name: 'help' };

export interface ParsedArgs {
  command: Command;
  configPath?: string;
  flags: ConfigFlags;
}

export const HELP = `Atelier shop agent: pulls print jobs for your shop, verifies the files, slices them with
your profile, hands the G-code to your printer (OctoPrint, Moonraker/Klipper or PrusaLink)
and reports printing, progress and printed by itself.

Usage: npm run agent -- [command] [options]

Commands:
  run                    poll, claim what this printer can make, download, slice, upload, follow (default)
  jobs                   list jobs offered to you or held by you (--json for JSON)
  claim ID               claim a job by hand
  download ID            download and verify a job's STL and 3MF into the download folder
  status ID STATE        report printing | printed | shipped (needs --tracking) | delivered
  reject ID --reason R   decline: material_unavailable | printer_busy | cannot_print | other [--note TEXT]
  retry ID               after a printer error or cancel: the running agent uploads and starts it again
  help                   this text

Options:
  --config FILE          JSON config file; keys: apiUrl, materials, buildVolume, pollSeconds, autoClaim,
                         maxOpenJobs, downloadDir, printer {kind, url, apiKey, username, password},
                         slicer {profile, binary}, storageOrigin, start, shopKey, insecureOk,
                         listen, webhookSecret
  --api-url URL          the Atelier site, e.g. http://localhost:3000 (use https beyond this machine)
  --insecure-ok          no warning when --api-url is plain http to another machine
  --storage-origin URL   the one file-store origin (besides the API's) download links may use
  --material M           filament loaded now: PLA, PETG, ASA, TPU (repeat, or PLA,PETG)
  --build-volume XxYxZ   this printer's build volume in mm, e.g. 250x210x210
  --poll SECONDS         between polls, 5-300 (default 30); failures back off with jitter
  --no-auto-claim        do not claim by itself (claim by hand with "claim ID")
  --auto-claim           claim by itself even if the config file says otherwise
  --max-jobs N           jobs held at once (CLAIMED, PRINTING or PRINTED) before it claims more (default 1)
  --download-dir DIR     where files, G-code and the agent's state go (default ./atelier-jobs)
  --printer-kind K       octoprint | moonraker | prusalink
  --printer-url URL      your printer host, e.g. http://octopi.local (key in PRINTER_API_KEY)
  --profile P            slicer profile: a reference id (atelier-pla-0.4n-0.2mm) or your .ini file
  --two-colour-profile P profile for two-colour jobs on a multi-material printer (atelier-pla-0.4n-0.2mm-2c or your .ini)
  --slicer BIN           slicer binary (default prusa-slicer; SuperSlicer takes the same flags; OrcaSlicer's CLI does not)
  --start                start the print on a ready printer after the upload (default: upload only)
  --once                 one round, then exit
  --listen [HOST:]PORT   also take Atelier's webhooks on POST /atelier/webhook at this address
                         (host 127.0.0.1 unless given: forward the port or run a tunnel to it;
                         0.0.0.0 listens on every interface); needs ATELIER_WEBHOOK_SECRET.
                         A webhook makes it poll at once; while they arrive it polls 4x less
                         often (at most every 5 min), and without one for 10 min at --poll again
  --tracking T           with "status ID shipped": the carrier's tracking number
  --key KEY              shop API key; prefer ATELIER_SHOP_KEY (flags land in shell history and ps)
  --printer-key KEY      printer API key; prefer PRINTER_API_KEY
  --octoprint-url URL    old spelling of --printer-kind octoprint --printer-url URL
  -h, --help             this text

Environment: ATELIER_SHOP_KEY (shop key), PRINTER_API_KEY (printer key; OCTOPRINT_API_KEY also
works for an OctoPrint), PRINTER_PASSWORD (PrusaLink digest password), ATELIER_WEBHOOK_SECRET
(the whsec_… secret "npm run shops -- webhook ID URL" printed; only with --listen).
Exit codes: 0 done (or stopped with Ctrl-C), 1 failed, 2 usage or configuration error.
`;

const OPTIONS = {
  config: { type: 'string' },
  'api-url': { type: 'string' },
  'insecure-ok': { type: 'boolean' },
  listen: { type: 'string' },
  key: { type: 'string' },
  material: { type: 'string', multiple: true },
  'build-volume': { type: 'string' },
  poll: { type: 'string' },
  'auto-claim': { type: 'boolean' },
  'no-auto-claim': { type: 'boolean' },
  'max-jobs': { type: 'string' },
  'download-dir': { type: 'string' },
  'octoprint-url': { type: 'string' },
  'octoprint-key': { type: 'string' },
  'printer-kind': { type: 'string' },
  'printer-url': { type: 'string' },
  'printer-key': { type: 'string' },
  profile: { type: 'string' },
  'two-colour-profile': { type: 'string' },
  slicer: { type: 'string' },
  'storage-origin': { type: 'string' },
  start: { type: 'boolean' },
  once: { type: 'boolean' },
  tracking: { type: 'string' },
  reason: { type: 'string' },
  note: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMAND_ARITY: Record<Command['name'], number> = { run: 0, jobs: 0, claim: 1, download: 1, status: 2, reject: 1, retry: 1, help: 0 };
const USAGE: Record<Command['name'], string> = {
  run: 'run',
  jobs: 'jobs',
  claim: 'claim ID',
  download: 'download ID',
  status: 'status ID printing|printed|shipped|delivered [--tracking T]',
  reject: 'reject ID --reason R',
  retry: 'retry ID',
  help: 'help',
};

export function parseAgentArgs(argv: string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const { values: v, positionals } = parsed;
  const [name = 'run', ...rest] = positionals;
  if (!(name in COMMAND_ARITY)) throw new ConfigError(`unknown command "${name}"; commands: ${Object.keys(COMMAND_ARITY).join(', ')}`);
  const commandName = v.help ? 'help' : (name as Command['name']);
  if (commandName !== 'help' && rest.length !== COMMAND_ARITY[commandName]) throw new ConfigError(`usage: agent ${USAGE[commandName]}`);
  if (v['auto-claim'] && v['no-auto-claim']) throw new ConfigError('--auto-claim and --no-auto-claim contradict each other');

  const command: Command =
    commandName === 'jobs' ? { name: 'jobs', json: v.json ?? false }
    : commandName === 'claim' ? { name: 'claim', id: rest[0] }
    : commandName === 'download' ? { name: 'download', id: rest[0] }
    : commandName === 'status' ? { name: 'status', id: rest[0], status: rest[1], tracking: v.tracking }
    : commandName === 'reject' ? { name: 'reject', id: rest[0], reason: v.reason, note: v.note }
    : commandName === 'retry' ? { name: 'retry', id: rest[0] }
    : { name: commandName };

  return {
    command,
    configPath: v.config,
    flags: {
      apiUrl: v['api-url'],
      shopKey: v.key,
      materials: v.material,
      buildVolume: v['build-volume'],
      pollSeconds: v.poll,
      autoClaim: v['no-auto-claim'] ? false : v['auto-claim'] ? true : undefined,
      maxOpenJobs: v['max-jobs'],
      downloadDir: v['download-dir'],
      octoprintUrl: v['octoprint-url'],
      octoprintKey: v['octoprint-key'],
      printerKind: v['printer-kind'],
      printerUrl: v['printer-url'],
      printerKey: v['printer-key'],
      profile: v.profile,
      twoColourProfile: v['two-colour-profile'],
      slicer: v.slicer,
      storageOrigin: v['storage-origin'],
      start: v.start,
      once: v.once,
      insecureOk: v['insecure-ok'],
      listen: v.listen,
    },
  };
}
