// The agent itself: each round lists the jobs, claims the offers this printer can make,
// renews leases that are due, and moves each held job (CLAIMED or PRINTING) towards PRINTED:
// download, slice, upload, start, follow. What it did is kept on disk in the download folder
// (agent-state.ts), so a restarted agent picks up where it stopped. `run` repeats rounds on
// the poll interval (backoff on failures) until its signal fires; webhooks (webhook-hints.ts)
// wake it early, renew a lease now, skip a cancelled offer, and stretch the interval while
// they arrive.
import { AT_WORK_STATES, LEASE_MS, type OrderState } from '../domain/order-model.ts';
import { resetForRetry, StateStore } from './agent-state.ts';
import { apiRoot, type ApiClient, type ShopJob } from './api-client.ts';
import { sleep as realSleep, type BackoffOptions, type Sleep } from './backoff.ts';
import { claimDecision, formatSize, type PrinterSetup } from './claim-policy.ts';
import type { AgentConfig } from './config.ts';
import { ApiError } from './errors.ts';
import { colourSuffix, emptyReport, formatEvent, formatRound, clock, seconds, type RoundReport } from './format.ts';
import { allowedOrigins } from './job-files.ts';
import { advanceJob, type JobFlowContext } from './job-flow.ts';
import type { Output } from './output.ts';
import { pollLoop } from './poller.ts';
import type { Printer } from './printers/printer.ts';
import { Reporter } from './reporter.ts';
import type { Slice } from './slicing/types.ts';
import { WebhookHints } from './webhook-hints.ts';

export interface AgentDeps {
  api: ApiClient;
  /** null: no hand-off. */
  printer: Printer | null;
  /** The slicer (required with config.slicer). */
  slice?: Slice;
  out: Output;
  /** Used for the file downloads. */
  fetch?: typeof fetch;
  /** Idle limit per file download (default 30 s). */
  downloadIdleMs?: number;
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
}

export interface AgentTiming {
  /** Waits after failed polls: 2 s, 4 s, 8 s … up to 5 min, full jitter. */
  pollBackoff: BackoffOptions;
  /** Lease renewal interval: a third of the lease, so two can fail before it lapses. */
  heartbeatMs: number;
  /** Least time between two progress heartbeats of one job in the same stage (a stage change goes at once). */
  progressMs: number;
  /** After a webhook wakes the loop, wait this long for more before the round (default 1 s). */
  wakeDebounceMs?: number;
  /** No webhook for this long: back to the normal poll interval (default 10 min). */
  webhookQuietMs?: number;
}

export const DEFAULT_TIMING: AgentTiming = {
  pollBackoff: { baseMs: 2_000, capMs: 5 * 60_000 },
  heartbeatMs: LEASE_MS / 3,
  progressMs: 60_000,
};

/**
 * The states in which a held job is work still to do, and counts towards maxOpenJobs. SHIPPED
 * and DELIVERED jobs are done; the API may list them or not, either way they are left out.
 */
export const OPEN_WORK_STATES: readonly OrderState[] = AT_WORK_STATES;

/** The held states the agent still moves forward (a PRINTED job waits for packing and shipping). */
export const PRODUCTION_STATES: readonly OrderState[] = Object.freeze(['CLAIMED', 'PRINTING']);

const lostReason = (error: ApiError) => (error.status === 409 ? 'another shop holds it' : 'no longer offered to you');

export class ShopAgent {
  /** The jobs' records on disk (`<downloadDir>/.atelier-agent-state.json`). */
  readonly state: StateStore;
  readonly reporter: Reporter;
  private readonly sleep: Sleep;
  private readonly now: () => number;
  private readonly random: () => number;
  /** What webhooks may do to this agent (`--listen` hands it its deliveries). */
  readonly hints: WebhookHints;
  /** The last round had jobs in production (their rounds follow the printer: no stretching). */
  private inProduction = false;
  private signal: AbortSignal = new AbortController().signal;

  constructor(
    readonly config: AgentConfig,
    private readonly deps: AgentDeps,
    private readonly timing: AgentTiming = DEFAULT_TIMING,
  ) {
    this.sleep = deps.sleep ?? realSleep;
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.state = new StateStore(config.downloadDir);
    this.reporter = new Reporter(deps.api, this.now, timing, (message) => deps.out.line(`${clock(this.now())}  ${message}`));
    if (config.slicer && !deps.slice) throw new Error('a slicer is configured but no slice function was given');
    this.hints = new WebhookHints({
      now: this.now,
      normalMs: config.pollSeconds * 1000,
      quietMs: timing.webhookQuietMs,
      renew: (id) => this.renewNow(id),
      say: (text) => deps.out.line(`${clock(this.now())}  ${text}`),
    });
  }

  private get printer(): PrinterSetup | null {
    return this.config.buildVolume ? { materials: this.config.materials, buildVolume: this.config.buildVolume } : null;
  }

  /** Lists, claims, heartbeats and advances held jobs once. API outages throw (the loop backs off). */
  async round(signal: AbortSignal): Promise<RoundReport> {
    const { api, out } = this.deps;
    const report = emptyReport(this.config.autoClaim);
    const jobs = await api.listJobs(signal);
    const held = jobs.filter((j) => j.claimedByYou && OPEN_WORK_STATES.includes(j.state));
    const offers = jobs.filter((j) => !j.claimedByYou);
    Object.assign(report, { held: held.length, offered: offers.length });
    this.hints.holding(held.map((j) => j.id));

    const work = held.filter((j) => PRODUCTION_STATES.includes(j.state));
    for (const id of await this.state.keepOnly(work.map((j) => j.id))) this.reporter.forget(id);
    await this.applyRetries(work);

    const printer = this.printer;
    if (this.config.autoClaim && printer) {
      let holding = held.length;
      for (const job of offers) {
        const decision = this.hints.isCancelled(job.id) ? { claim: false as const, reason: 'cancelled (webhook)' } : claimDecision(job, printer);
        if (!decision.claim) {
          report.skipped.push({ id: job.id, reason: decision.reason });
        } else if (holding >= this.config.maxOpenJobs) {
          report.deferred.push(job.id);
        } else {
          const claimed = await this.tryClaim(job, report, signal);
          if (claimed) {
            work.push(claimed);
            this.hints.claimed(claimed.id);
            holding += 1;
          }
        }
      }
    }

    for (const job of [...work]) {
      if (!(await this.heartbeatIfDue(job, report, signal))) work.splice(work.indexOf(job), 1);
    }
    const flow = this.flowContext(signal);
    for (const job of work) {
      const record = await this.state.ensure(job, this.now());
      try {
        const result = await advanceJob(job, record, flow);
        if (result) {
          report.events.push(result);
          out.line(formatEvent(result, this.now()));
        }
      } finally {
        await this.saveState();
      }
    }
    if (!work.length) await this.saveState();
    this.inProduction = work.length > 0;
    report.holding = held.length + report.claimed.length - held.filter((j) => report.lost.some((l) => l.id === j.id)).length;
    return report;
  }

  private flowContext(signal: AbortSignal): JobFlowContext {
    const c = this.config;
    return {
      api: this.deps.api,
      reporter: this.reporter,
      out: this.deps.out,
      fetch: this.deps.fetch ?? fetch,
      signal,
      downloadDir: c.downloadDir,
      origins: allowedOrigins(apiRoot(c.apiUrl), c.storageOrigin),
      slicer: c.slicer && this.deps.slice
        ? { slice: this.deps.slice, profile: c.slicer.profile, twoColourProfile: c.slicer.twoColourProfile, binary: c.slicer.binary }
        : null,
      printer: this.deps.printer,
      start: c.start,
      now: this.now,
      downloadIdleMs: this.deps.downloadIdleMs,
    };
  }

  /** Saves the jobs' records; a failure is said (a restart would not know its prints), not fatal to the round. */
  private async saveState(): Promise<void> {
    try {
      await this.state.save();
    } catch (error) {
      this.deps.out.line(`${clock(this.now())}  cannot save ${this.state.path}: ${(error as Error).message}; a restarted agent would not know which print is ours`);
    }
  }

  /** Takes up `agent retry ID` requests for jobs this shop still works on. */
  private async applyRetries(work: ShopJob[]): Promise<void> {
    for (const id of await this.state.takeRetries()) {
      const record = await this.state.get(id);
      if (!record || !work.some((j) => j.id === id)) {
        this.deps.out.line(`${clock(this.now())}  retry ${id}: not a job this agent is working on; ignored`);
        continue;
      }
      resetForRetry(record, this.now());
      const what = record.stage === 'uploaded' ? 'starting the G-code on the printer again' : record.stage === 'sliced' ? 'uploading the G-code again' : 'slicing again';
      this.deps.out.line(`${clock(this.now())}  ${id} retry: ${what}`);
    }
  }

  /** `--once`: one round and its line. Otherwise rounds until the signal fires. */
  async run(signal: AbortSignal): Promise<void> {
    const { out } = this.deps;
    if (this.config.once) {
      out.line(formatRound(await this.round(signal), this.now()));
      return;
    }
    this.signal = signal;
    out.line(this.banner());
    await pollLoop({
      round: (s) => this.round(s),
      intervalMs: () => this.hints.intervalMs(this.inProduction),
      wakeup: this.hints.wakeup,
      wakeDebounceMs: this.timing.wakeDebounceMs,
      backoff: this.timing.pollBackoff,
      signal,
      sleep: this.sleep,
      random: this.random,
      onRound: (report, next) => {
        this.hints.sayModeChange();
        out.line(formatRound(report, this.now(), next));
      },
      onError: (error, failures, wait) =>
        out.line(`${clock(this.now())}  poll failed (${error instanceof Error ? error.message : String(error)}) · try ${failures + 1} in ${seconds(wait)}`),
      isFatal: (error) => error instanceof ApiError && (error.status === 401 || error.status === 403),
    });
  }

  /** A webhook said the lease of this held job lapses soon: renew it now, outside the round. */
  private async renewNow(id: string): Promise<string> {
    this.reporter.dueNow(id); // should this beat fail, the next round renews it
    try {
      await this.reporter.lease(id, await this.state.get(id), this.signal);
      return 'lease renewed';
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        this.reporter.forget(id);
        this.hints.released(id);
        return `lost: ${lostReason(error)}`;
      }
      this.hints.wake();
      return `lease renewal failed (${error instanceof Error ? error.message : String(error)}); polling now to retry`;
    }
  }

  private banner(): string {
    const c = this.config;
    const printer = c.buildVolume ? `${c.materials.join('+') || 'no material'} on ${formatSize(c.buildVolume)} mm` : 'no printer set';
    const slicer = c.slicer ? `slices with ${c.slicer.profile}` : 'no slicer';
    const host = c.printer ? `${c.printer.kind} ${c.printer.url}${c.start ? ' (starts prints)' : ' (upload only)'}` : 'no printer (files only)';
    return `atelier agent · ${apiRoot(c.apiUrl)} every ${c.pollSeconds} s · ${printer} · auto-claim ${c.autoClaim ? 'on' : 'off'} · ${slicer} · ${host} · files in ${c.downloadDir} · Ctrl-C stops`;
  }

  private async tryClaim(job: ShopJob, report: RoundReport, signal: AbortSignal): Promise<ShopJob | null> {
    try {
      const claimed = await this.deps.api.claim(job.id, signal);
      this.reporter.claimed(job.id);
      report.claimed.push(job.id);
      this.deps.out.line(`${clock(this.now())}  ${job.id} claimed: ${job.designId}, ${job.material}${colourSuffix(job)}, ${formatSize(job.dimensionsMm)} mm, ×${job.quantity}, ${job.distanceKm.toFixed(1)} km`);
      return claimed;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        report.lost.push({ id: job.id, reason: lostReason(error) });
        return null;
      }
      throw error;
    }
  }

  /** Renews the lease when a third of it has passed (or on first sight after a restart). False if the job is gone. */
  private async heartbeatIfDue(job: ShopJob, report: RoundReport, signal: AbortSignal): Promise<boolean> {
    if (!this.reporter.leaseDue(job.id)) return true;
    try {
      await this.reporter.lease(job.id, await this.state.get(job.id), signal);
      if (!report.heartbeats.includes(job.id)) report.heartbeats.push(job.id);
      return true;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        this.reporter.forget(job.id);
        report.lost.push({ id: job.id, reason: lostReason(error) });
        this.deps.out.line(`${clock(this.now())}  ${job.id} lost: ${lostReason(error)}`);
        return false;
      }
      throw error;
    }
  }
}
