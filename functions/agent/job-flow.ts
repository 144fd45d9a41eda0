// One held job from claim to PRINTED, with no human step: download and verify both files →
// slice the 3MF with the shop's profile → upload the G-code → start it (only with --start,
// only on a ready printer) → follow the printer each round. Each round resumes from the job's
// record on disk; before any upload or start the agent looks at the printer, so a restarted
// agent follows its own print instead of starting another. Failures that a later round can
// fix are reported and retried; printer errors and cancels hold the job for the shop.
import type { ApiClient, ShopJob } from './api-client.ts';
import type { JobRecord } from './agent-state.ts';
import { ApiError, DownloadError, HashMismatchError, UntrustedLinkError } from './errors.ts';
import { followPrinter } from './follow-stage.ts';
import { fetchJobFiles, fileBase } from './job-files.ts';
import type { Output } from './output.ts';
import { PrinterError, type Printer } from './printers/printer.ts';
import type { ProgressReport, Reporter } from './reporter.ts';
import { sliceJob, type SlicerContext } from './slice-stage.ts';

export type JobEventKind = 'ready' | 'sliced' | 'handed-off' | 'printing' | 'progress' | 'printed' | 'waiting' | 'problem';

export interface JobEvent {
  id: string;
  kind: JobEventKind;
  message: string;
}

export interface JobFlowContext {
  api: ApiClient;
  reporter: Reporter;
  out: Output;
  fetch: typeof fetch;
  signal: AbortSignal;
  downloadDir: string;
  /** Origins download links may point at. */
  origins: readonly string[];
  /** null: files only. */
  slicer: SlicerContext | null;
  /** null: no hand-off (files, and G-code with a slicer, stay in the download folder). */
  printer: Printer | null;
  start: boolean;
  now: () => number;
  downloadIdleMs?: number;
}

const HANDED_OFF: readonly JobRecord['stage'][] = ['uploaded', 'started', 'printing', 'printed'];

export const event = (id: string, kind: JobEventKind, message: string): JobEvent => ({ id, kind, message });

export const progressOf = (stage: ProgressReport['stage'], message: string | null = null): ProgressReport => ({ stage, percent: null, secondsLeft: null, message });

/** Known, reportable failures; anything else (an API outage, say) is the round's problem. */
const asJobProblem = (error: unknown): JobEvent['kind'] | undefined => {
  if (error instanceof HashMismatchError || error instanceof DownloadError || error instanceof UntrustedLinkError) return 'problem';
  if (error instanceof PrinterError) return 'waiting';
  if (error instanceof ApiError && !error.retryable) return 'problem';
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return 'problem';
  return undefined;
};

const problemText = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof HashMismatchError) return `REFUSED ${message}; not handed to the printer, job kept, will download again next round`;
  if (error instanceof DownloadError || error instanceof UntrustedLinkError) return `${message}; will try again next round`;
  if (error instanceof PrinterError) return `${message}; trying again next round`;
  if (error instanceof ApiError) return message;
  return `cannot write the files: ${message}; will try again next round`;
};

/**
 * Moves one held job (CLAIMED or PRINTING) forward as far as it goes this round. Returns what
 * happened worth a line, or null when nothing new happened. The caller saves the record.
 */
export async function advanceJob(job: ShopJob, record: JobRecord, ctx: JobFlowContext): Promise<JobEvent | null> {
  try {
    const result = await advance(job, record, ctx);
    record.updatedAt = ctx.now();
    return result;
  } catch (error) {
    const kind = asJobProblem(error);
    if (kind === undefined || ctx.signal.aborted) throw error;
    const e = event(job.id, kind, problemText(error));
    // A printer that stays unreachable is said once, not every round.
    if (kind === 'waiting' && record.lastNote === `${e.kind}:${e.message}`) return null;
    record.lastNote = `${e.kind}:${e.message}`;
    return e;
  }
}

async function advance(job: ShopJob, record: JobRecord, ctx: JobFlowContext): Promise<JobEvent | null> {
  const base = fileBase(job);
  if (job.state === 'PRINTING') {
    // Reported PRINTING by someone else (the dashboard, "agent status") before the agent handed it off:
    // only followed, never uploaded or started (unless the shop asks with "agent retry").
    if (!record.reported?.printing && !record.retried && !HANDED_OFF.includes(record.stage)) Object.assign(record, { stage: 'printing', adopted: true });
    record.reported = { ...record.reported, printing: true };
  }

  if (record.stage === 'claimed') {
    const files = await fetchJobFiles(ctx.api, job, ctx.downloadDir, { ...ctx, downloadIdleMs: ctx.downloadIdleMs });
    Object.assign(record, { stage: 'downloaded', stl: files.stl, threeMf: files.threeMf });
    if (!ctx.slicer) return event(job.id, 'ready', `files ready in ${ctx.downloadDir} (no slicer or printer configured)`);
  }
  if (record.stage === 'downloaded' && !record.problem) {
    if (!ctx.slicer) return null;
    await ctx.reporter.progress(job.id, record, progressOf('slicing'), ctx.signal);
    const sliced = await sliceJob(record, base, ctx.downloadDir, ctx.slicer, ctx.signal);
    if (!sliced.ok) {
      if (sliced.refetch) return event(job.id, 'problem', sliced.message);
      record.problem = { stage: 'slicing', message: sliced.message.slice(0, 200), at: ctx.now() };
      await ctx.reporter.progress(job.id, record, progressOf('slicing', record.problem.message), ctx.signal);
      return event(job.id, 'problem', `slicing failed: ${sliced.message}; job held: fix the profile and run "agent retry ${job.id}", or "agent reject ${job.id} --reason cannot_print"`);
    }
    for (const warning of sliced.warnings) ctx.out.line(`  ${base}.gcode: slicer warning: ${warning}`);
    const f = record.gcode!.figures;
    const summary = `sliced with ${f.profile} in ${(sliced.elapsedMs / 1000).toFixed(1)} s: ${formatDuration(f.printSeconds)}, ${f.filamentGrams.toFixed(1)} g, ${f.layers} layers`;
    if (!ctx.printer) {
      await ctx.reporter.progress(job.id, record, progressOf('slicing'), ctx.signal);
      return event(job.id, 'sliced', `${summary}; G-code ready in ${ctx.downloadDir} (no printer configured)`);
    }
    ctx.out.line(`  ${base}.gcode: ${summary}`);
  }
  if (!ctx.printer || record.stage === 'claimed' || record.stage === 'downloaded') return null;
  return followPrinter(job, record, base, ctx.printer, ctx);
}

/** 3725 → "1h 2m"; 59 → "59 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return h ? `${h}h ${m}m` : `${m}m`;
}
