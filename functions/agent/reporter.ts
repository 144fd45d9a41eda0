// What the agent tells Atelier about its held jobs, and when: a heartbeat renews the lease a
// third of the way into it; progress rides on heartbeats, sent at once when the stage changes
// (slicing, uploading, waiting-for-printer, printing, paused, a printer problem) and otherwise
// at most once per `progressMs` (a minute by default) while the percent or the time left moves,
// so a 30 s poll sends progress every other round, never a flood. The first heartbeat after
// slicing carries the sliced figures. PRINTING and PRINTED go with setStatus, with progress.
import type { ShopStatus } from '../domain/order-model.ts';
import type { ProductionStage, SlicedFigures } from '../domain/production.ts';
import type { ApiClient, ShopJob } from './api-client.ts';
import type { JobRecord } from './agent-state.ts';
import { ApiError } from './errors.ts';

/** Progress as the agent sends it (the server stamps the time). */
export interface ProgressReport {
  stage: ProductionStage;
  percent: number | null;
  secondsLeft: number | null;
  message: string | null;
}

export interface ReporterTiming {
  /** Lease renewal interval. */
  heartbeatMs: number;
  /** Least time between two progress heartbeats of the same stage. */
  progressMs: number;
}

interface Sent {
  /** Agent clock of the last claim or heartbeat. */
  lastBeat?: number;
  progress?: ProgressReport;
  progressAt?: number;
}

const sameValues = (a: ProgressReport, b: ProgressReport) =>
  a.stage === b.stage && a.percent === b.percent && a.secondsLeft === b.secondsLeft && a.message === b.message;

export class Reporter {
  private readonly sent = new Map<string, Sent>();

  constructor(
    private readonly api: ApiClient,
    private readonly now: () => number,
    private readonly timing: ReporterTiming,
    /** Told when Atelier refuses a report (the lease is renewed without it). */
    private readonly warn: (message: string) => void = () => {},
  ) {}

  private of(id: string): Sent {
    let sent = this.sent.get(id);
    if (!sent) this.sent.set(id, (sent = {}));
    return sent;
  }

  claimed(id: string): void {
    this.of(id).lastBeat = this.now();
  }

  forget(id: string): void {
    this.sent.delete(id);
  }

  /** Makes the lease due at once (a webhook said it lapses soon). */
  dueNow(id: string): void {
    this.of(id).lastBeat = undefined;
  }

  /** True when the lease is due for renewal (or never renewed by this process). */
  leaseDue(id: string): boolean {
    const last = this.of(id).lastBeat;
    return last === undefined || this.now() - last >= this.timing.heartbeatMs;
  }

  /** Renews the lease; carries the sliced figures if they have not reached Atelier yet. */
  async lease(id: string, record: JobRecord | undefined, signal: AbortSignal): Promise<void> {
    await this.beat(id, record, undefined, signal);
  }

  /** Sends progress if it is due (see the header); returns whether a heartbeat went out. */
  async progress(id: string, record: JobRecord, progress: ProgressReport, signal: AbortSignal): Promise<boolean> {
    const sent = this.of(id);
    const last = sent.progress;
    const stageChanged = !last || last.stage !== progress.stage;
    const moved = last !== undefined && !sameValues(last, progress) && this.now() - (sent.progressAt ?? 0) >= this.timing.progressMs;
    const figures = record.gcode !== undefined && !record.figuresReported;
    if (!stageChanged && !moved && !figures && !this.leaseDue(id)) return false;
    await this.beat(id, record, progress, signal);
    return true;
  }

  /** PRINTING or PRINTED, with the progress of the moment. */
  async status(id: string, status: ShopStatus, progress: ProgressReport, signal: AbortSignal): Promise<ShopJob> {
    let job: ShopJob;
    try {
      job = await this.api.setStatus(id, status, undefined, signal, { progress });
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 422)) throw error;
      this.warn(`${id}: Atelier refused the progress with ${status} (${error.message}); reported ${status} without it`);
      job = await this.api.setStatus(id, status, undefined, signal);
    }
    Object.assign(this.of(id), { progress, progressAt: this.now() });
    return job;
  }

  private async beat(id: string, record: JobRecord | undefined, progress: ProgressReport | undefined, signal: AbortSignal): Promise<void> {
    const sliced: SlicedFigures | undefined = record?.gcode && !record.figuresReported ? record.gcode.figures : undefined;
    const report = { ...(progress ? { progress } : {}), ...(sliced ? { sliced } : {}) };
    try {
      await this.api.heartbeat(id, signal, Object.keys(report).length ? report : undefined);
    } catch (error) {
      // A report Atelier will not take (figures out of its range, say) must not cost the lease or stall the job.
      if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 422) || !Object.keys(report).length) throw error;
      this.warn(`${id}: Atelier refused the progress report (${error.message}); lease renewed without it`);
      await this.api.heartbeat(id, signal);
    }
    const sent = this.of(id);
    sent.lastBeat = this.now();
    if (progress) Object.assign(sent, { progress, progressAt: this.now() });
    if (sliced && record) record.figuresReported = true;
  }
}
