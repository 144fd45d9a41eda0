// Production reports: every field checked and named, the message cleaned, and the report kept
// on the same change as a heartbeat or a status step, from the holder only.
import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../functions/domain/errors.ts';
import { claim, heartbeat, publicView, reject, setStatus, shopView, type OrderResult } from '../../functions/domain/order.ts';
import { checkReport, stripControl, type ProductionReport } from '../../functions/domain/production-report.ts';
import { MAX_PRINT_SECONDS } from '../../functions/domain/production.ts';
import { LEASE_MS } from '../../functions/domain/order-model.ts';
import { MINUTE, T0, placed, unwrap } from './fixtures.ts';

const SLICED = { printSeconds: 3600, filamentGrams: 12.5, filamentMm: 4190, layers: 40, slicer: 'PrusaSlicer 2.5.0', profile: 'atelier-pla-0.4n-0.2mm' };
const NOW = T0 + 10 * MINUTE;
const claimed = () => unwrap(claim(placed(), 's1', T0 + MINUTE));

const fieldsOf = (report: ProductionReport): string[] => {
  const result = checkReport(report, NOW);
  return result.ok ? [] : result.error.errors.map((e) => e.field).sort();
};

const errorOf = (result: OrderResult) => {
  if (result.ok) throw new Error('expected an error');
  return result.error as ValidationError;
};

describe('checkReport', () => {
  it('accepts a full report, stamps the progress with now and fills absent values with null', () => {
    const result = checkReport({ progress: { stage: 'printing', percent: 42.5 }, sliced: SLICED }, NOW);

    expect(result).toEqual({ ok: true, report: { progress: { stage: 'printing', percent: 42.5, secondsLeft: null, message: null, at: NOW }, sliced: SLICED } });
  });

  it('names every bad field', () => {
    expect(fieldsOf({ progress: { stage: 'melting' as never } })).toEqual(['progress.stage']);
    expect(fieldsOf({ progress: { stage: 'printing', percent: -1 } })).toEqual(['progress.percent']);
    expect(fieldsOf({ progress: { stage: 'printing', percent: 100.01 } })).toEqual(['progress.percent']);
    expect(fieldsOf({ progress: { stage: 'printing', percent: Number.NaN } })).toEqual(['progress.percent']);
    expect(fieldsOf({ progress: { stage: 'printing', secondsLeft: 1.5 } })).toEqual(['progress.secondsLeft']);
    expect(fieldsOf({ progress: { stage: 'printing', secondsLeft: MAX_PRINT_SECONDS + 1 } })).toEqual(['progress.secondsLeft']);
    expect(fieldsOf({ progress: { stage: 'printing', message: 'x'.repeat(201) } })).toEqual(['progress.message']);
    expect(fieldsOf({ sliced: { ...SLICED, printSeconds: Number.POSITIVE_INFINITY, filamentGrams: -2, filamentMm: Number.NaN, layers: 3.5 } })).toEqual([
      'sliced.filamentGrams', 'sliced.filamentMm', 'sliced.layers', 'sliced.printSeconds',
    ]);
    expect(fieldsOf({ sliced: { ...SLICED, slicer: ' \u0000 ', profile: 'p'.repeat(81) } })).toEqual(['sliced.profile', 'sliced.slicer']);
  });

  it('accepts the edges of every range', () => {
    expect(fieldsOf({ progress: { stage: 'printed', percent: 100, secondsLeft: MAX_PRINT_SECONDS, message: 'x'.repeat(200) } })).toEqual([]);
    expect(fieldsOf({ progress: { stage: 'downloading', percent: 0, secondsLeft: 0, message: null } })).toEqual([]);
    expect(fieldsOf({ sliced: { ...SLICED, printSeconds: 0, filamentGrams: 0, filamentMm: 0, layers: 0 } })).toEqual([]);
  });

  it('strips control characters and bidirectional overrides from the message; one made only of them is none', () => {
    expect(stripControl('Thermal\u0000 runaway\r\n\tE0 \u202etxet')).toBe('Thermal runaway E0 txet');
    const blank = checkReport({ progress: { stage: 'printer-error', message: '\u0007\n' } }, NOW);
    expect(blank.ok && blank.report.progress?.message).toBeNull();
  });
});

describe('heartbeat and setStatus with a report', () => {
  it('a heartbeat keeps the progress and the figures on the same change as the lease', () => {
    const order = claimed();

    const beat = unwrap(heartbeat(order, 's1', NOW, { progress: { stage: 'slicing' }, sliced: SLICED }));

    expect(beat.version).toBe(order.version + 1);
    expect(beat.claim?.leaseUntil).toBeGreaterThan(NOW);
    expect(beat.progress).toEqual({ stage: 'slicing', percent: null, secondsLeft: null, message: null, at: NOW });
    expect(beat.sliced).toEqual(SLICED);
    // A later heartbeat without figures keeps them; a new progress replaces the old one.
    const later = unwrap(heartbeat(beat, 's1', NOW + MINUTE, { progress: { stage: 'printing', percent: 3 } }));
    expect(later.sliced).toEqual(SLICED);
    expect(later.progress?.stage).toBe('printing');
  });

  it('a bad report fails the whole heartbeat with the field named, changing nothing', () => {
    const error = errorOf(heartbeat(claimed(), 's1', NOW, { progress: { stage: 'printing', percent: 101 } }));

    expect(error.code).toBe('invalid');
    expect(error.errors.map((e) => e.field)).toEqual(['progress.percent']);
  });

  it('only the holder may report, and only while CLAIMED, PRINTING or PRINTED', () => {
    expect(errorOf(heartbeat(claimed(), 's2', NOW, { progress: { stage: 'printing' } })).code).toBe('forbidden');
    const printing = unwrap(setStatus(claimed(), 's1', 'PRINTING', NOW));
    const printed = unwrap(setStatus(printing, 's1', 'PRINTED', NOW));

    const shipped = setStatus(printed, 's1', 'SHIPPED', NOW, 'T-1', { progress: { stage: 'printed' } });

    expect(errorOf(shipped).errors.map((e) => e.field)).toEqual(['progress']);
    expect(unwrap(setStatus(printed, 's1', 'SHIPPED', NOW, 'T-1')).progress?.stage).toBe('printed');
  });

  it('PRINTED sets the progress to printed, 100 %, nothing left, unless the shop says otherwise', () => {
    const printing = unwrap(setStatus(claimed(), 's1', 'PRINTING', NOW, undefined, { progress: { stage: 'printing', percent: 0, secondsLeft: 3600 } }));
    expect(printing.progress?.percent).toBe(0);

    const printed = unwrap(setStatus(printing, 's1', 'PRINTED', NOW + 60 * MINUTE, undefined, { sliced: SLICED }));
    const reported = unwrap(setStatus(printing, 's1', 'PRINTED', NOW + 60 * MINUTE, undefined, { progress: { stage: 'printed', percent: 99.5 } }));

    expect(printed.progress).toEqual({ stage: 'printed', percent: 100, secondsLeft: 0, message: null, at: NOW + 60 * MINUTE });
    expect(printed.sliced).toEqual(SLICED);
    expect(reported.progress?.percent).toBe(99.5);
  });

  it('a job that goes back on offer forgets the holder’s progress and figures', () => {
    const beat = unwrap(heartbeat(claimed(), 's1', NOW, { progress: { stage: 'printing' }, sliced: SLICED }));

    const rejected = unwrap(reject(beat, 's1', 'printer_busy', NOW + MINUTE));

    expect(rejected.state).toBe('PLACED');
    expect([rejected.progress, rejected.sliced]).toEqual([null, null]);
  });
});

describe('views of the progress', () => {
  const reported = () => unwrap(heartbeat(claimed(), 's1', NOW, { progress: { stage: 'printer-error', percent: 12, secondsLeft: 600, message: 'Heater E0 failed' }, sliced: SLICED }));

  it('the customer sees stage, percent, time left and when; never the message nor the slicer', () => {
    const view = publicView(reported());

    expect(view.progress).toEqual({ stage: 'printer-error', percent: 12, secondsLeft: 600, at: NOW });
    expect(JSON.stringify(view)).not.toMatch(/Heater|PrusaSlicer|atelier-pla|sliced/);
  });

  it('the holder sees all of it; another shop none of it', () => {
    const order = reported();

    expect(shopView(order, 's1', NOW)).toMatchObject({ progress: { message: 'Heater E0 failed' }, sliced: SLICED });
    // Once the lease lapsed, the next candidate sees the job on offer, without the holder's report.
    const other = shopView(order, 's2', NOW + LEASE_MS + MINUTE);
    expect(other).not.toBeNull();
    expect(other).toMatchObject({ claimedByYou: false, progress: null, sliced: null });
    expect(publicView(placed()).progress).toBeNull();
  });

  it('an order stored before progress existed reads as none', () => {
    const { progress: _p, sliced: _s, ...old } = claimed();

    expect(publicView(old as never).progress).toBeNull();
    expect(shopView(old as never, 's1', NOW)).toMatchObject({ progress: null, sliced: null });
  });
});
