// When progress reaches Atelier: a stage change at once, moving figures at most once per
// progressMs, the lease when due, the sliced figures once with the first heartbeat after slicing.
import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../functions/agent/agent-state.ts';
import type { ApiClient } from '../../functions/agent/api-client.ts';
import { ApiError } from '../../functions/agent/errors.ts';
import { Reporter, type ProgressReport } from '../../functions/agent/reporter.ts';

const figures = { printSeconds: 834, filamentGrams: 2.7, filamentMm: 900, layers: 20, slicer: 'PrusaSlicer 2.5.0', profile: 'atelier-pla-0.4n-0.2mm' };

describe('reporter', () => {
  const setup = () => {
    const sent: { call: string; body?: unknown }[] = [];
    const api = {
      heartbeat: async (id: string, _signal?: AbortSignal, report?: unknown) => void sent.push({ call: `heartbeat ${id}`, body: report }),
      setStatus: async (id: string, status: string, _t?: string, _s?: AbortSignal, report?: unknown) => void sent.push({ call: `status ${id} ${status}`, body: report }),
    } as unknown as ApiClient;
    const clock = { now: 0 };
    const reporter = new Reporter(api, () => clock.now, { heartbeatMs: 300_000, progressMs: 60_000 });
    return { sent, clock, reporter };
  };
  const printing = (percent: number): ProgressReport => ({ stage: 'printing', percent, secondsLeft: 600 - percent * 6, message: null });
  const signal = new AbortController().signal;

  it('sends a stage change at once, moving figures at most once a minute, and nothing when nothing moved', async () => {
    const { sent, clock, reporter } = setup();
    const record = { id: 'j', designId: 'd', stage: 'printing', updatedAt: 0 } as JobRecord;
    reporter.claimed('j');

    expect(await reporter.progress('j', record, printing(1), signal)).toBe(true); // first progress: a new stage
    clock.now = 30_000;
    expect(await reporter.progress('j', record, printing(5), signal)).toBe(false); // 30 s later: too soon
    clock.now = 61_000;
    expect(await reporter.progress('j', record, printing(10), signal)).toBe(true);
    clock.now = 130_000;
    expect(await reporter.progress('j', record, printing(10), signal)).toBe(false); // unchanged
    clock.now = 131_000;
    expect(await reporter.progress('j', record, { ...printing(10), stage: 'paused' }, signal)).toBe(true); // a stage change goes at once
    clock.now = 450_000;
    expect(await reporter.progress('j', record, { ...printing(10), stage: 'paused' }, signal)).toBe(true); // unchanged, but the lease is due
    expect(sent.map((s) => (s.body as { progress: ProgressReport }).progress.percent)).toEqual([1, 10, 10, 10]);
  });

  it('carries the sliced figures once, with the first heartbeat after slicing', async () => {
    const { sent, clock, reporter } = setup();
    const record = { id: 'j', designId: 'd', stage: 'sliced', updatedAt: 0, gcode: { path: '/x', sha256: 'a', bytes: 1, figures }, figuresReported: false } as JobRecord;
    reporter.claimed('j');
    await reporter.progress('j', record, { stage: 'uploading', percent: null, secondsLeft: null, message: null }, signal);
    clock.now = 301_000;
    await reporter.lease('j', record, signal);
    expect(sent).toEqual([
      { call: 'heartbeat j', body: { progress: { stage: 'uploading', percent: null, secondsLeft: null, message: null }, sliced: figures } },
      { call: 'heartbeat j', body: undefined },
    ]);
    expect(record.figuresReported).toBe(true);
  });

  it('keeps the lease when Atelier refuses a report, and says so', async () => {
    const calls: unknown[] = [];
    const api = {
      heartbeat: async (_id: string, _signal?: AbortSignal, report?: unknown) => {
        calls.push(report);
        if (report) throw new ApiError(400, 'Invalid request', 'sliced.printSeconds: at most 604800');
      },
    } as unknown as ApiClient;
    const warnings: string[] = [];
    const reporter = new Reporter(api, () => 0, { heartbeatMs: 300_000, progressMs: 60_000 }, (w) => warnings.push(w));
    const record = { id: 'j', designId: 'd', stage: 'sliced', updatedAt: 0, gcode: { path: '/x', sha256: 'a', bytes: 1, figures: { ...figures, printSeconds: 9e9 } } } as JobRecord;
    await reporter.progress('j', record, { stage: 'uploading', percent: null, secondsLeft: null, message: null }, new AbortController().signal);
    expect(calls).toEqual([expect.objectContaining({ sliced: expect.any(Object) }), undefined]);
    expect(warnings).toEqual(['j: Atelier refused the progress report (400 Invalid request: sliced.printSeconds: at most 604800); lease renewed without it']);
    expect(record.figuresReported).toBe(true); // not sent again every round
  });
});
