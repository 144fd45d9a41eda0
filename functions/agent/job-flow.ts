// One held job from claim to printer: fetch the file links, download and verify both files,
// hand the STL to OctoPrint, and (only with --start) start it and report PRINTING once
// OctoPrint shows it printing. Progress is kept per job so each round resumes where the last
// stopped; a failure leaves the job claimed and is retried next round.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiClient, FileLink, ShopJob } from './api-client.ts';
import { downloadVerified, readVerified } from './downloader.ts';
import { ApiError, DownloadError, HashMismatchError, OctoPrintError, PrinterBusyError } from './errors.ts';
import { confirmPrinting, isPrinting, startPrint, uploadFile, type HandOffContext } from './handoff.ts';
import type { Output } from './output.ts';

export type Stage = 'claimed' | 'downloaded' | 'uploaded' | 'started' | 'printing';

export interface JobProgress {
  stage: Stage;
  /** The verified STL (what goes to the printer) and 3MF, once downloaded. */
  stl?: { path: string; sha256: string; bytes: number };
  threeMf?: { path: string; sha256: string; bytes: number };
  /** Where OctoPrint stored the upload. */
  uploadedPath?: string;
  /** Why OctoPrint refused to start it (not retried: it needs a person). */
  startRefused?: string;
  /** A request to start it got no answer (timeout, connection lost): look before asking again. */
  startUnanswered?: boolean;
  /** Agent clock of the last claim or heartbeat. */
  lastBeat?: number;
}

export type JobEventKind = 'ready' | 'handed-off' | 'printing' | 'waiting' | 'problem';

export interface JobEvent {
  id: string;
  kind: JobEventKind;
  message: string;
}

export interface JobFlowContext {
  api: ApiClient;
  /** null: download only. */
  handOff: HandOffContext | null;
  out: Output;
  fetch: typeof fetch;
  signal: AbortSignal;
  downloadDir: string;
  start: boolean;
  /** Idle limit per file download (default 30 s). */
  downloadIdleMs?: number;
}

/** `<design>-<order id>`: the name of the files in the download folder and on OctoPrint. */
export const fileBase = (job: Pick<ShopJob, 'id' | 'designId'>): string => `${job.designId}-${job.id}`.replace(/[^A-Za-z0-9_.-]/g, '_');

/** Downloads (or finds, already verified) both files of a job into `dir`. */
export async function fetchJobFiles(
  api: ApiClient,
  job: Pick<ShopJob, 'id' | 'designId'>,
  dir: string,
  opts: { fetch: typeof fetch; out: Output; signal: AbortSignal; downloadIdleMs?: number },
) {
  const links = await api.files(job.id, opts.signal);
  await mkdir(dir, { recursive: true });
  const one = async (link: FileLink, ext: string) => {
    const dest = join(dir, `${fileBase(job)}.${ext}`);
    if (await readVerified(dest, link)) {
      opts.out.line(`  ${fileBase(job)}.${ext}: already downloaded, sha256 verified`);
      return { path: dest, sha256: link.sha256, bytes: link.bytes };
    }
    return downloadVerified({ link, dest, fetch: opts.fetch, signal: opts.signal, out: opts.out, idleTimeoutMs: opts.downloadIdleMs });
  };
  return { stl: await one(links.stl, 'stl'), threeMf: await one(links.threeMf, '3mf') };
}

const event = (id: string, kind: JobEventKind, message: string): JobEvent => ({ id, kind, message });

/** Known, reportable failures; anything else (an API outage, say) is the round's problem. */
const asJobProblem = (error: unknown): string | undefined => {
  if (error instanceof HashMismatchError) return `REFUSED ${error.message}; not handed to the printer, job kept, will download again next round`;
  if (error instanceof DownloadError) return `${error.message}; will try again next round`;
  if (error instanceof PrinterBusyError) return error.message;
  if (error instanceof OctoPrintError) return `${error.message}; job stays claimed`;
  if (error instanceof ApiError && !error.retryable) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `cannot write the files: ${(error as Error).message}; will try again next round`;
  return undefined;
};

/**
 * Moves one held CLAIMED job forward as far as it goes this round. Returns what happened
 * worth a line, or null when there was nothing new (a job already handed off, waiting).
 */
export async function advanceJob(job: ShopJob, progress: JobProgress, ctx: JobFlowContext): Promise<JobEvent | null> {
  try {
    return await advance(job, progress, ctx);
  } catch (error) {
    const problem = asJobProblem(error);
    if (problem === undefined || ctx.signal.aborted) throw error;
    return event(job.id, error instanceof PrinterBusyError ? 'waiting' : 'problem', problem);
  }
}

async function advance(job: ShopJob, progress: JobProgress, ctx: JobFlowContext): Promise<JobEvent | null> {
  const base = fileBase(job);
  const names = [`${base}.stl`, `${base}.gcode`];

  if (progress.stage === 'claimed') {
    const files = await fetchJobFiles(ctx.api, job, ctx.downloadDir, ctx);
    Object.assign(progress, { stage: 'downloaded', stl: files.stl, threeMf: files.threeMf });
    if (!ctx.handOff) return event(job.id, 'ready', `files ready in ${ctx.downloadDir} (no OctoPrint configured)`);
  }
  const handOff = ctx.handOff;
  if (!handOff) return null;

  if (progress.stage === 'downloaded') {
    // A restarted agent may find its own file printing already: do not upload over it.
    if (await isPrinting(names, handOff)) {
      progress.stage = ctx.start ? 'started' : 'uploaded';
    } else {
      // Verify again right before use: the bytes sent are the bytes checked.
      const bytes = progress.stl && (await readVerified(progress.stl.path, progress.stl));
      if (!bytes) {
        progress.stage = 'claimed';
        return event(job.id, 'problem', `${base}.stl changed or vanished on disk; will download again next round`);
      }
      const uploaded = await uploadFile(`${base}.stl`, bytes, { atelier: { orderId: job.id, sha256: progress.stl!.sha256 } }, handOff);
      progress.uploadedPath = uploaded.path;
      progress.stage = 'uploaded';
      if (!ctx.start) {
        return event(job.id, 'handed-off', `uploaded to OctoPrint as ${uploaded.path}; not started (no --start): start it there, then run "agent status ${job.id} printing"`);
      }
    }
  }

  if (progress.stage === 'uploaded') {
    if (!ctx.start || progress.startRefused) return null;
    // The last request to start got no answer: it may have started all the same.
    if (progress.startUnanswered && (await isPrinting(names, handOff))) progress.stage = 'started';
  }
  if (progress.stage === 'uploaded') {
    try {
      await startPrint(progress.uploadedPath ?? `${base}.stl`, `${base}.gcode`, handOff);
    } catch (error) {
      if (error instanceof OctoPrintError && error.status === 0) progress.startUnanswered = true; // unreachable or timed out: try again next round
      if (error instanceof OctoPrintError && !error.busy && error.status !== 0) {
        progress.startRefused = error.message;
        const hint = error.status === 415 ? ' (OctoPrint slices nothing without a slicer plugin: start it there by hand)' : '';
        return event(job.id, 'problem', `uploaded, but OctoPrint would not start it: ${error.message}${hint}; job stays claimed`);
      }
      throw error;
    }
    progress.stage = 'started';
  }

  if (progress.stage === 'started') {
    if (!(await confirmPrinting(names, handOff))) {
      return event(job.id, 'waiting', 'print requested; OctoPrint does not show it printing yet, will check again next round');
    }
    await ctx.api.setStatus(job.id, 'PRINTING', undefined, ctx.signal);
    progress.stage = 'printing';
    return event(job.id, 'printing', `printing on OctoPrint; reported PRINTING`);
  }
  return null;
}
