// What one look at the printer means for one job, as a pure function: our print is running
// (report progress), finished (report PRINTED), failed or cancelled on the printer (hold the
// job for the shop), the printer is free (upload or start may go ahead), or it is busy with
// something else (wait, never start). "Ours" = the printer names the file we uploaded; an
// old finished/cancelled/error state of that same name, unchanged since our upload or start,
// is not taken as news about the new print.
import type { ProductionStage } from '../domain/production.ts';
import type { JobRecord } from './agent-state.ts';
import type { PrinterStatus } from './printers/printer.ts';

export type Verdict =
  | { kind: 'printing'; stage: 'printing' | 'paused'; percent: number | null; secondsLeft: number | null; message: string | null }
  | { kind: 'finished' }
  | { kind: 'problem'; stage: Extract<ProductionStage, 'printer-error' | 'printer-cancelled'>; message: string }
  /** The printer can take a print now. */
  | { kind: 'ready' }
  | { kind: 'wait'; message: string };

const said = (status: PrinterStatus, fallback: string) => status.message?.trim() || fallback;

/**
 * @example verdict({ ...record, upload: { name: 'a.gcode', … } }, { phase: 'printing', file: 'a.gcode', percent: 40, … })
 *          // { kind: 'printing', stage: 'printing', percent: 40, … }
 */
export function verdict(record: Pick<JobRecord, 'stage' | 'upload' | 'baseline' | 'sawPrinting'>, status: PrinterStatus, plannedName: string): Verdict {
  const name = record.upload?.name ?? plannedName;
  const ours = status.file !== null && status.file === name;
  const asBefore = record.baseline !== undefined && record.baseline.phase === status.phase && record.baseline.file === status.file;
  /** The printer changed since our upload or start (or we have nothing to compare with). */
  const news = record.sawPrinting === true || !asBefore;

  if (ours && (status.phase === 'printing' || status.phase === 'paused')) {
    return { kind: 'printing', stage: status.phase, percent: status.percent, secondsLeft: status.secondsLeft, message: status.message };
  }
  if (ours && news && status.phase === 'finished') return { kind: 'finished' };
  if (ours && news && status.phase === 'cancelled') {
    return { kind: 'problem', stage: 'printer-cancelled', message: said(status, `${name} was cancelled on the printer`) };
  }
  if (status.phase === 'error' && news && (ours || record.sawPrinting || record.stage === 'started')) {
    return { kind: 'problem', stage: 'printer-error', message: said(status, 'the printer reports an error') };
  }
  if (record.sawPrinting && !ours) {
    return { kind: 'problem', stage: 'printer-cancelled', message: `the printer no longer shows ${name}${status.file ? ` (it shows ${status.file}, ${status.phase})` : ''}` };
  }
  if (ours && status.phase === 'idle' && record.sawPrinting) {
    return { kind: 'problem', stage: 'printer-cancelled', message: `the printer went idle without saying ${name} finished` };
  }
  switch (status.phase) {
    case 'idle':
    case 'finished':
    case 'cancelled':
      return { kind: 'ready' };
    case 'printing':
    case 'paused':
      return { kind: 'wait', message: `printer is ${status.phase} ${status.file ?? 'another file'}` };
    case 'error':
      return { kind: 'wait', message: `printer reports an error: ${said(status, 'no details')}` };
    case 'offline':
      return { kind: 'wait', message: `printer is offline${status.message ? ` (${status.message})` : ''}` };
    case 'busy':
      return { kind: 'wait', message: `printer is busy: ${said(status, 'not ready')}` };
  }
}
