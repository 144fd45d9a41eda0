// What one look at the printer means for a job: ours printing / finished / failed, a ready
// printer, or a busy one to wait for; an old print of the same name is not news.
import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../functions/agent/agent-state.ts';
import { verdict } from '../../functions/agent/printer-verdict.ts';
import type { PrinterStatus } from '../../functions/agent/printers/printer.ts';

const NAME = 'name-tag-oABC.gcode';
const status = (phase: PrinterStatus['phase'], file: string | null = NAME, extra: Partial<PrinterStatus> = {}): PrinterStatus =>
  ({ phase, file, percent: null, secondsLeft: null, message: null, ...extra });
const uploaded: Pick<JobRecord, 'stage' | 'upload' | 'baseline' | 'sawPrinting'> = {
  stage: 'uploaded',
  upload: { kind: 'moonraker', url: 'http://k', name: NAME, sha256: 'x', at: 0 },
  baseline: { phase: 'idle', file: 'old.gcode' },
  sawPrinting: false,
};

describe('printer verdict', () => {
  it('our file printing or paused is progress, with the printer\'s figures', () => {
    expect(verdict(uploaded, status('printing', NAME, { percent: 42, secondsLeft: 600 }), NAME)).toEqual({ kind: 'printing', stage: 'printing', percent: 42, secondsLeft: 600, message: null });
    expect(verdict(uploaded, status('paused', NAME, { message: 'M600 filament change' }), NAME)).toMatchObject({ kind: 'printing', stage: 'paused', message: 'M600 filament change' });
  });

  it('our file finished is PRINTED; an error or a cancel holds the job with the printer\'s words', () => {
    const printing = { ...uploaded, stage: 'printing' as const, sawPrinting: true };
    expect(verdict(printing, status('finished'), NAME)).toEqual({ kind: 'finished' });
    expect(verdict(printing, status('error', NAME, { message: 'Thermal runaway' }), NAME)).toEqual({ kind: 'problem', stage: 'printer-error', message: 'Thermal runaway' });
    expect(verdict(printing, status('cancelled'), NAME)).toMatchObject({ kind: 'problem', stage: 'printer-cancelled' });
    expect(verdict(printing, status('idle', 'other.gcode'), NAME)).toMatchObject({ kind: 'problem', stage: 'printer-cancelled', message: `the printer no longer shows ${NAME} (it shows other.gcode, idle)` });
  });

  it('an old cancelled or finished print of the same name, unchanged since the upload, is not news', () => {
    const retried = { ...uploaded, baseline: { phase: 'cancelled' as const, file: NAME } };
    expect(verdict(retried, status('cancelled'), NAME)).toEqual({ kind: 'ready' });
    const again = { ...uploaded, stage: 'started' as const, baseline: { phase: 'finished' as const, file: NAME } };
    expect(verdict(again, status('finished'), NAME)).toEqual({ kind: 'ready' });
    expect(verdict(again, status('printing'), NAME)).toMatchObject({ kind: 'printing' });
  });

  it('a printer busy with another file, heating, offline or in error before our start means wait', () => {
    expect(verdict(uploaded, status('printing', 'someone-else.gcode'), NAME)).toEqual({ kind: 'wait', message: 'printer is printing someone-else.gcode' });
    expect(verdict(uploaded, status('busy', null, { message: 'Heating' }), NAME)).toEqual({ kind: 'wait', message: 'printer is busy: Heating' });
    expect(verdict(uploaded, status('offline', null), NAME)).toEqual({ kind: 'wait', message: 'printer is offline' });
    expect(verdict(uploaded, status('error', null, { message: 'MINTEMP' }), NAME)).toEqual({ kind: 'wait', message: 'printer reports an error: MINTEMP' });
  });

  it('idle, or showing another finished or cancelled file, is ready', () => {
    for (const s of [status('idle', null), status('finished', 'other.gcode'), status('cancelled', 'other.gcode')]) expect(verdict(uploaded, s, NAME)).toEqual({ kind: 'ready' });
  });

  it('before any upload, the planned name is what it looks for (a restart that lost its state)', () => {
    const sliced = { stage: 'sliced' as const };
    expect(verdict(sliced, status('printing', NAME, { percent: 5 }), NAME)).toMatchObject({ kind: 'printing', percent: 5 });
  });
});
