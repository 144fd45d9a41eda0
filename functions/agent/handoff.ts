// Handing a sliced job to the printer through the Printer interface (OctoPrint, Moonraker or
// PrusaLink alike): upload the G-code (verified against its sha256 right before sending; the
// upload never starts anything), and start it only when asked and only on a printer that
// says it is ready. Each step records what the printer showed just before it (the baseline),
// so an old print of the same name is never taken for the new one.
import type { JobRecord } from './agent-state.ts';
import { readVerified } from './downloader.ts';
import { PrinterError, type Printer, type PrinterStatus } from './printers/printer.ts';

/** Starts tried for one upload before the job is held for the shop. */
export const MAX_STARTS = 3;

export type HandOffOutcome =
  | { kind: 'done'; message: string }
  /** The printer cannot take it now (busy answer, no answer): try again next round. */
  | { kind: 'later'; message: string }
  /** Needs the shop: the job is held until `agent retry ID`. */
  | { kind: 'held'; message: string }
  /** The G-code on disk is gone or changed: slice again. */
  | { kind: 'reslice'; message: string };

const baselineOf = (status: PrinterStatus) => ({ phase: status.phase, file: status.file });

/** Uploads the job's G-code as `name`; on success record.upload names what the printer stored. */
export async function uploadGcode(record: JobRecord, name: string, printer: Printer, status: PrinterStatus, now: number, signal: AbortSignal): Promise<HandOffOutcome> {
  const gcode = record.gcode;
  const bytes = gcode && (await readVerified(gcode.path, gcode));
  if (!gcode || !bytes) {
    record.stage = 'downloaded';
    delete record.gcode;
    return { kind: 'reslice', message: `${name} changed or vanished on disk; slicing again` };
  }
  try {
    const uploaded = await printer.upload(name, bytes, { start: false, signal });
    record.upload = { kind: printer.kind, url: printer.url, name: uploaded.name, sha256: gcode.sha256, at: now };
    record.baseline = baselineOf(status);
    record.sawPrinting = false;
    record.starts = 0;
    record.stage = 'uploaded';
    return { kind: 'done', message: `uploaded to ${printer.kind} ${printer.url} as ${uploaded.name} (sha256 ${gcode.sha256.slice(0, 12)}…)` };
  } catch (error) {
    if (!(error instanceof PrinterError)) throw error;
    return { kind: 'later', message: `upload failed: ${error.message}; trying again next round` };
  }
}

/** Asks a ready printer to print the uploaded file. */
export async function startUploaded(record: JobRecord, printer: Printer, status: PrinterStatus, signal: AbortSignal): Promise<HandOffOutcome> {
  const name = record.upload!.name;
  if ((record.starts ?? 0) >= MAX_STARTS) {
    return { kind: 'held', message: `the printer took ${MAX_STARTS} start requests for ${name} but never showed it printing` };
  }
  record.baseline = baselineOf(status);
  record.starts = (record.starts ?? 0) + 1;
  try {
    await printer.start(name, signal);
    record.stage = 'started';
    return { kind: 'done', message: `started ${name} on ${printer.kind}` };
  } catch (error) {
    if (!(error instanceof PrinterError)) throw error;
    if (error.busy) {
      record.starts -= 1;
      return { kind: 'later', message: `printer busy, not started: ${error.message}` };
    }
    if (error.status === 0) {
      // No answer: it may have started. The next look at the printer tells; a start is only ever sent to a ready printer.
      record.stage = 'started';
      return { kind: 'later', message: `no answer to the start request (${error.message}); looking again next round` };
    }
    delete record.upload; // a retry uploads it again, in case the file is what the printer missed
    record.stage = 'sliced';
    return { kind: 'held', message: `the printer refused to start ${name}: ${error.message}` };
  }
}
