// A sliced job and its printer, each round: one look at the printer first, then the one step
// that look allows. Our file printing → PRINTING (once) and progress; finished → PRINTED;
// an error or a cancel on the printer → the job is held with the printer's words (never
// dropped, never PRINTED) until the shop runs `agent retry ID` or starts it again on the
// printer; a busy printer → wait, reported as waiting-for-printer, never a second start.
import type { ShopJob } from './api-client.ts';
import type { JobRecord } from './agent-state.ts';
import { startUploaded, uploadGcode, type HandOffOutcome } from './handoff.ts';
import { event, formatDuration, progressOf, type JobEvent, type JobFlowContext } from './job-flow.ts';
import type { Printer, PrinterStatus } from './printers/printer.ts';
import { verdict, type Verdict } from './printer-verdict.ts';
import type { ProgressReport } from './reporter.ts';

const MAX_MESSAGE = 200;
const clip = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text);

/** One line per job per change: a job waiting the same way round after round says it once. */
const note = (record: JobRecord, e: JobEvent): JobEvent | null => {
  if (record.lastNote === `${e.kind}:${e.message}`) return null;
  record.lastNote = `${e.kind}:${e.message}`;
  return e;
};

export async function followPrinter(job: ShopJob, record: JobRecord, base: string, printer: Printer, ctx: JobFlowContext): Promise<JobEvent | null> {
  const { reporter, signal } = ctx;
  const planned = `${base}.gcode`;
  const status = await printer.status(signal);
  if (record.retried) {
    record.baseline = { phase: status.phase, file: status.file };
    delete record.retried;
  }
  let v = verdict(record, status, planned);
  if (record.adopted && v.kind !== 'printing' && v.kind !== 'finished') return null;

  if (record.problem) {
    if (v.kind !== 'printing') {
      await reporter.progress(job.id, record, progressOf(record.problem.stage, record.problem.message), signal);
      return null;
    }
    delete record.problem; // started again on the printer: follow it
    ctx.out.line(`  ${job.id}: ${planned} is printing again; following it`);
  }

  if (record.stage === 'sliced') {
    if (v.kind === 'printing' || v.kind === 'finished') {
      // Already on the printer under our name (a restart that lost its state): follow, do not upload.
      record.upload = { kind: printer.kind, url: printer.url, name: status.file!, sha256: record.gcode?.sha256 ?? '', at: ctx.now() };
      record.stage = 'printing';
    } else {
      await reporter.progress(job.id, record, progressOf('uploading'), signal);
      const uploaded = await uploadGcode(record, planned, printer, status, ctx.now(), signal);
      if (uploaded.kind !== 'done') return outcome(job, record, uploaded, ctx);
      ctx.out.line(`  ${job.id}: ${uploaded.message}`);
      v = verdict(record, status, planned);
      if (!ctx.start) {
        await reporter.progress(job.id, record, progressOf('waiting-for-printer', 'uploaded; start it on the printer'), signal);
        return note(record, event(job.id, 'handed-off', `${uploaded.message}; not started (no --start): start it on the printer, the agent follows it`));
      }
    }
  }
  return act(job, record, v, status, printer, ctx);
}

async function act(job: ShopJob, record: JobRecord, v: Verdict, status: PrinterStatus, printer: Printer, ctx: JobFlowContext): Promise<JobEvent | null> {
  const { reporter, signal } = ctx;
  const name = record.upload?.name ?? 'the file';
  switch (v.kind) {
    case 'printing': {
      record.sawPrinting = true;
      record.stage = 'printing';
      const progress: ProgressReport = { stage: v.stage, percent: v.percent, secondsLeft: v.secondsLeft, message: v.stage === 'paused' && v.message ? clip(v.message) : null };
      if (!record.reported?.printing) {
        await reporter.status(job.id, 'PRINTING', progress, signal);
        record.reported = { ...record.reported, printing: true };
        return event(job.id, 'printing', `${name} is printing on ${printer.kind}; reported PRINTING`);
      }
      const sent = await reporter.progress(job.id, record, progress, signal);
      return sent ? event(job.id, 'progress', describe(progress)) : null;
    }
    case 'finished': {
      const done = { ...progressOf('printed'), percent: 100, secondsLeft: 0 };
      if (!record.reported?.printing) await reporter.status(job.id, 'PRINTING', { ...progressOf('printing'), percent: 100, secondsLeft: 0 }, signal);
      await reporter.status(job.id, 'PRINTED', done, signal);
      record.reported = { printing: true, printed: true };
      record.stage = 'printed';
      return event(job.id, 'printed', `${name} finished on ${printer.kind}; reported PRINTED`);
    }
    case 'problem': {
      record.problem = { stage: v.stage, message: clip(v.message), at: ctx.now() };
      await reporter.progress(job.id, record, progressOf(v.stage, record.problem.message), signal);
      const what = v.stage === 'printer-error' ? 'PRINTER ERROR' : 'CANCELLED ON THE PRINTER';
      return event(job.id, 'problem', `${what}: ${v.message}; job kept: "agent retry ${job.id}" uploads and starts it again${record.reported?.printing ? '' : `, "agent reject ${job.id} --reason …" hands it on`}`);
    }
    case 'wait':
      await reporter.progress(job.id, record, progressOf('waiting-for-printer', clip(v.message)), signal);
      return note(record, event(job.id, 'waiting', `${v.message}; waiting, nothing started`));
    case 'ready': {
      if (record.stage !== 'uploaded' && record.stage !== 'started') return null;
      if (!ctx.start) {
        await reporter.progress(job.id, record, progressOf('waiting-for-printer', 'uploaded; start it on the printer'), signal);
        return null;
      }
      const started = await startUploaded(record, printer, status, signal);
      if (started.kind === 'done') ctx.out.line(`  ${job.id}: ${started.message}`);
      return started.kind === 'done' ? null : outcome(job, record, started, ctx);
    }
  }
}

async function outcome(job: ShopJob, record: JobRecord, result: HandOffOutcome, ctx: JobFlowContext): Promise<JobEvent | null> {
  if (result.kind === 'held') {
    record.problem = { stage: 'printer-error', message: clip(result.message), at: ctx.now() };
    await ctx.reporter.progress(job.id, record, progressOf('printer-error', record.problem.message), ctx.signal);
    return event(job.id, 'problem', `${result.message}; job kept: "agent retry ${job.id}" tries again`);
  }
  if (result.kind === 'later') await ctx.reporter.progress(job.id, record, progressOf('waiting-for-printer', clip(result.message)), ctx.signal);
  return note(record, event(job.id, result.kind === 'reslice' ? 'problem' : 'waiting', result.message));
}

const describe = (p: ProgressReport): string =>
  [p.stage, p.percent === null ? null : `${Math.round(p.percent)} %`, p.secondsLeft === null ? null : `${formatDuration(p.secondsLeft)} left`].filter(Boolean).join(', ');
