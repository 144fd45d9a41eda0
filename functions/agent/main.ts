// The agent's programmatic entry: argv and I/O in, exit code out. The CLI file is a thin
// process adapter over this; tests call it directly with their own fetch, sleep and clock.
import { resolve } from 'node:path';
import { apiRoot, createApiClient } from './api-client.ts';
import { parseAgentArgs, HELP } from './args.ts';
import type { Sleep } from './backoff.ts';
import { claimCommand, downloadCommand, listCommand, rejectCommand, retryCommand, statusCommand, type CommandContext } from './commands.ts';
import { readConfigFile, resolveConfig, sendsKeyInClear, ENV_SHOP_KEY } from './config.ts';
import { AgentError, ApiError, ConfigError } from './errors.ts';
import { allowedOrigins } from './job-files.ts';
import { cleanText, createOutput, type Sink } from './output.ts';
import { createPrinter } from './printers/create-printer.ts';
import type { Printer, PrinterSettings } from './printers/printer.ts';
import { SlicingError } from './slicing/errors.ts';
import { readProfile } from './slicing/profile.ts';
import { slice as prusaSlice, slicerVersion } from './slicing/prusa-slicer.ts';
import type { Slice } from './slicing/types.ts';
import { ShopAgent, type AgentTiming } from './shop-agent.ts';
import { DEFAULT_TIMEOUTS, type Timeouts } from './timeout.ts';
import { listenForWebhooks } from './agent-listener.ts';

export interface AgentIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: Sink;
  stderr: Sink;
  /** Fires on Ctrl-C: in-flight requests are aborted and the agent stops. */
  signal: AbortSignal;
  cwd?: string;
  fetch?: typeof fetch;
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
  timing?: AgentTiming;
  /** Per-request limits (default DEFAULT_TIMEOUTS). */
  timeouts?: Partial<Timeouts>;
  /** Receives the agent of a `run`, so tests can look at its state. */
  onAgent?: (agent: ShopAgent) => void;
  /** Builds the printer adapter (default createPrinter). */
  printer?: (settings: PrinterSettings) => Printer;
  /** The slicer (default PrusaSlicer's command line; then the binary and the profile are checked on start). */
  slice?: Slice;
}

/** Before the first claim: the profile must be readable and the slicer must run, or the shop hears it now, not per job. */
async function checkSlicer(config: { profile: string; binary: string }): Promise<string> {
  try {
    const profile = await readProfile(config.profile);
    const version = await slicerVersion(config.binary);
    return `${version}, profile ${profile.name}`;
  } catch (error) {
    if (error instanceof SlicingError) throw new ConfigError(error.message, { cause: error });
    throw error;
  }
}

const explain = (error: AgentError): string =>
  error instanceof ApiError && error.status === 401 ? `${error.message} (check the shop key in ${ENV_SHOP_KEY})` : error.message;

export async function main(io: AgentIo): Promise<number> {
  const now = io.now ?? Date.now;
  const cwd = io.cwd ?? process.cwd();
  const fail = (message: string, code: number) => {
    io.stderr.write(`agent: ${cleanText(message, true)}\n`);
    return code;
  };

  let args;
  try {
    args = parseAgentArgs(io.argv);
  } catch (error) {
    return fail(`${(error as Error).message}\nrun "npm run agent -- --help" for usage`, 2);
  }
  if (args.command.name === 'help') {
    io.stdout.write(HELP);
    return 0;
  }

  const out = createOutput(io.stdout, now);
  try {
    const file = args.configPath ? await readConfigFile(resolve(cwd, args.configPath), (w) => io.stderr.write(`${w}\n`)) : undefined;
    const config = resolveConfig({ file, flags: args.flags, env: io.env, cwd }, args.command.name === 'run');
    if (!config.insecureOk && sendsKeyInClear(config.apiUrl)) {
      io.stderr.write(
        `agent: warning: ${apiRoot(config.apiUrl)} is plain http to another machine: the shop key and the delivery addresses ` +
          `cross the network unencrypted. Use https, or pass --insecure-ok ("insecureOk": true) if this network is yours.\n`,
      );
    }
    const timeouts: Timeouts = { ...DEFAULT_TIMEOUTS, ...io.timeouts };
    const api = createApiClient({ apiUrl: config.apiUrl, shopKey: config.shopKey, fetch: io.fetch, now, timeoutMs: timeouts.apiMs });
    const fetchFn = io.fetch ?? fetch;
    const ctx: CommandContext = {
      api,
      out,
      signal: io.signal,
      fetch: fetchFn,
      now,
      printer: config.buildVolume ? { materials: config.materials, buildVolume: config.buildVolume } : null,
      downloadDir: config.downloadDir,
      origins: allowedOrigins(apiRoot(config.apiUrl), config.storageOrigin),
      downloadIdleMs: timeouts.downloadIdleMs,
    };
    const command = args.command;
    switch (command.name) {
      case 'run': {
        const printer = config.printer
          ? (io.printer ?? ((settings) => createPrinter(settings, { fetch: io.fetch, timeoutMs: timeouts.printerMs, uploadTimeoutMs: timeouts.printerUploadMs })))(config.printer)
          : null;
        if (config.slicer && !io.slice) out.line(`slicer: ${await checkSlicer(config.slicer)}`);
        const slice = config.slicer ? (io.slice ?? prusaSlice) : undefined;
        const deps = { api, printer, slice, out, fetch: fetchFn, downloadIdleMs: timeouts.downloadIdleMs, sleep: io.sleep, now, random: io.random };
        const agent = new ShopAgent(config, deps, io.timing);
        io.onAgent?.(agent);
        const listener = await listenForWebhooks(agent.hints, config, out, now);
        try {
          await agent.run(io.signal);
        } finally {
          await listener?.close();
        }
        if (io.signal.aborted) {
          out.finish();
          out.line('stopped');
        }
        return 0;
      }
      case 'jobs':
        return await listCommand(ctx, command.json);
      case 'claim':
        return await claimCommand(ctx, command.id);
      case 'download':
        return await downloadCommand(ctx, command.id);
      case 'status':
        return await statusCommand(ctx, command.id, command.status, command.tracking);
      case 'reject':
        return await rejectCommand(ctx, command.id, command.reason, command.note);
      case 'retry':
        return await retryCommand(ctx, command.id);
    }
  } catch (error) {
    out.finish();
    if (io.signal.aborted) {
      out.line('stopped');
      return 0;
    }
    if (error instanceof ConfigError) return fail(error.message, 2);
    if (error instanceof AgentError) return fail(explain(error), 1);
    return fail(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 1);
  }
}
