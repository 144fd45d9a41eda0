// Handing a verified file to OctoPrint: upload it, start it only when asked, and confirm
// that OctoPrint really prints it. A 409 (busy or not operational) is waited out with
// backoff and full jitter, up to a limit per round; other refusals are reported.
import { fullJitter, type BackoffOptions, type Sleep } from './backoff.ts';
import { OctoPrintError, PrinterBusyError } from './errors.ts';
import { isMachineCode, type OctoPrintClient, type UploadResult } from './octoprint.ts';

export interface BusyPolicy {
  backoff: BackoffOptions;
  /** Tries per action and round, including the first. */
  maxAttempts: number;
}

export interface HandOffContext {
  octoprint: OctoPrintClient;
  sleep: Sleep;
  random: () => number;
  signal: AbortSignal;
  busy: BusyPolicy;
  /** Before each wait on a busy printer: report it, and heartbeat the job if due. */
  onBusy?: (action: string, attempt: number, waitMs: number) => Promise<void> | void;
}

/** Runs `action`, retrying while OctoPrint answers 409; PrinterBusyError after maxAttempts. */
export async function whileBusy<T>(action: string, run: () => Promise<T>, ctx: HandOffContext): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof OctoPrintError) || !error.busy) throw error;
      if (attempt + 1 >= ctx.busy.maxAttempts) throw new PrinterBusyError(action, attempt + 1, { cause: error });
      const wait = fullJitter(attempt, ctx.busy.backoff, ctx.random);
      await ctx.onBusy?.(action, attempt + 1, wait);
      await ctx.sleep(wait, ctx.signal);
    }
  }
}

/** Uploads to OctoPrint's local storage; never selects or prints. */
export const uploadFile = (name: string, bytes: Uint8Array, userdata: unknown, ctx: HandOffContext): Promise<UploadResult> =>
  whileBusy('upload', () => ctx.octoprint.upload(name, bytes, { userdata, signal: ctx.signal }), ctx);

/**
 * Asks OctoPrint to print an uploaded file: G-code is selected and printed; a model (STL) is
 * sliced by OctoPrint's configured slicer into `gcodeName` and printed when done. OctoPrint
 * without a slicer answers 415, which is reported, not retried.
 */
export const startPrint = (path: string, gcodeName: string, ctx: HandOffContext): Promise<void> =>
  whileBusy(
    'start the print',
    () => (isMachineCode(path) ? ctx.octoprint.select(path, true, ctx.signal) : ctx.octoprint.slice(path, gcodeName, true, ctx.signal)),
    ctx,
  );

const printingOneOf = (job: { state: string; file: { name: string | null; path: string | null } }, names: readonly string[]) =>
  /^Printing/.test(job.state) && names.some((n) => n === job.file.name || n === job.file.path);

/** True when OctoPrint's current job is one of `names` and it is printing. One look. */
export async function isPrinting(names: readonly string[], ctx: HandOffContext): Promise<boolean> {
  return printingOneOf(await ctx.octoprint.job(ctx.signal), names);
}

/** Looks at OctoPrint's current job up to `attempts` times (slicing takes a while). */
export async function confirmPrinting(names: readonly string[], ctx: HandOffContext, attempts = 10, delayMs = 3000): Promise<boolean> {
  for (let i = 0; i < attempts; i += 1) {
    if (await isPrinting(names, ctx)) return true;
    if (i + 1 < attempts) await ctx.sleep(delayMs, ctx.signal);
  }
  return false;
}
