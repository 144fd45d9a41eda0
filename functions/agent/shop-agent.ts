// The agent itself: each round lists the jobs, claims the offers this printer can make,
// renews leases that are due, and moves each held job towards the printer. `run` repeats
// rounds on the poll interval (backoff on failures) until its signal fires.
import { LEASE_MS, type OrderState } from '../domain/order-model.ts';
import { apiRoot, type ApiClient, type ShopJob } from './api-client.ts';
import { sleep as realSleep, type BackoffOptions, type Sleep } from './backoff.ts';
import { claimDecision, formatSize, type PrinterSetup } from './claim-policy.ts';
import type { AgentConfig } from './config.ts';
import { ApiError } from './errors.ts';
import { emptyReport, formatEvent, formatRound, clock, seconds, type RoundReport } from './format.ts';
import type { BusyPolicy, HandOffContext } from './handoff.ts';
import { advanceJob, type JobFlowContext, type JobProgress } from './job-flow.ts';
import type { OctoPrintClient } from './octoprint.ts';
import type { Output } from './output.ts';
import { pollLoop } from './poller.ts';

export interface AgentDeps {
  api: ApiClient;
  /** null: download only. */
  octoprint: OctoPrintClient | null;
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
  /** Waits on a busy printer: 5 s, 10 s … up to 1 min, full jitter, 8 tries a round. */
  busy: BusyPolicy;
  /** Lease renewal interval: a third of the lease, so two can fail before it lapses. */
  heartbeatMs: number;
}

export const DEFAULT_TIMING: AgentTiming = {
  pollBackoff: { baseMs: 2_000, capMs: 5 * 60_000 },
  busy: { backoff: { baseMs: 5_000, capMs: 60_000 }, maxAttempts: 8 },
  heartbeatMs: LEASE_MS / 3,
};

/**
 * The states in which a held job is work still to do, and counts towards maxOpenJobs. SHIPPED
 * and DELIVERED jobs are done; the API may list them or not, either way they are left out.
 */
export const OPEN_WORK_STATES: readonly OrderState[] = Object.freeze(['CLAIMED', 'PRINTING', 'PRINTED']);

const lostReason = (error: ApiError) => (error.status === 409 ? 'another shop holds it' : 'no longer offered to you');

export class ShopAgent {
  /** What the agent remembers about each held CLAIMED job between rounds. */
  readonly progress = new Map<string, JobProgress>();
  private readonly sleep: Sleep;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(
    readonly config: AgentConfig,
    private readonly deps: AgentDeps,
    private readonly timing: AgentTiming = DEFAULT_TIMING,
  ) {
    this.sleep = deps.sleep ?? realSleep;
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
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

    const open = held.filter((j) => j.state === 'CLAIMED');
    for (const id of this.progress.keys()) if (!open.some((j) => j.id === id)) this.progress.delete(id);

    const printer = this.printer;
    if (this.config.autoClaim && printer) {
      let holding = held.length;
      for (const job of offers) {
        const decision = claimDecision(job, printer);
        if (!decision.claim) {
          report.skipped.push({ id: job.id, reason: decision.reason });
        } else if (holding >= this.config.maxOpenJobs) {
          report.deferred.push(job.id);
        } else {
          const claimed = await this.tryClaim(job, report, signal);
          if (claimed) {
            open.push(claimed);
            holding += 1;
          }
        }
      }
    }

    for (const job of [...open]) {
      if (!(await this.heartbeatIfDue(job, report, signal))) open.splice(open.indexOf(job), 1);
    }
    const flow: Omit<JobFlowContext, 'handOff'> = {
      api,
      out,
      fetch: this.deps.fetch ?? fetch,
      signal,
      downloadDir: this.config.downloadDir,
      start: this.config.start,
      downloadIdleMs: this.deps.downloadIdleMs,
    };
    for (const job of open) {
      const progress = this.progressOf(job.id);
      const result = await advanceJob(job, progress, { ...flow, handOff: this.handOffFor(job, report, signal) });
      if (result) {
        report.events.push(result);
        out.line(formatEvent(result, this.now()));
      }
    }
    report.holding = held.length + report.claimed.length - held.filter((j) => report.lost.some((l) => l.id === j.id)).length;
    return report;
  }

  /** `--once`: one round and its line. Otherwise rounds until the signal fires. */
  async run(signal: AbortSignal): Promise<void> {
    const { out } = this.deps;
    if (this.config.once) {
      out.line(formatRound(await this.round(signal), this.now()));
      return;
    }
    out.line(this.banner());
    await pollLoop({
      round: (s) => this.round(s),
      intervalMs: this.config.pollSeconds * 1000,
      backoff: this.timing.pollBackoff,
      signal,
      sleep: this.sleep,
      random: this.random,
      onRound: (report, next) => out.line(formatRound(report, this.now(), next)),
      onError: (error, failures, wait) =>
        out.line(`${clock(this.now())}  poll failed (${error instanceof Error ? error.message : String(error)}) · try ${failures + 1} in ${seconds(wait)}`),
      isFatal: (error) => error instanceof ApiError && (error.status === 401 || error.status === 403),
    });
  }

  private banner(): string {
    const c = this.config;
    const printer = c.buildVolume ? `${c.materials.join('+') || 'no material'} on ${formatSize(c.buildVolume)} mm` : 'no printer set';
    const octo = c.octoprint ? `OctoPrint ${c.octoprint.url}${c.start ? ' (starts prints)' : ' (upload only)'}` : 'no OctoPrint (download only)';
    return `atelier agent · ${apiRoot(c.apiUrl)} every ${c.pollSeconds} s · ${printer} · auto-claim ${c.autoClaim ? 'on' : 'off'} · ${octo} · files in ${c.downloadDir} · Ctrl-C stops`;
  }

  private progressOf(id: string): JobProgress {
    let progress = this.progress.get(id);
    if (!progress) {
      progress = { stage: 'claimed' };
      this.progress.set(id, progress);
    }
    return progress;
  }

  private async tryClaim(job: ShopJob, report: RoundReport, signal: AbortSignal): Promise<ShopJob | null> {
    try {
      const claimed = await this.deps.api.claim(job.id, signal);
      this.progress.set(job.id, { stage: 'claimed', lastBeat: this.now() });
      report.claimed.push(job.id);
      this.deps.out.line(`${clock(this.now())}  ${job.id} claimed: ${job.designId}, ${job.material}, ${formatSize(job.dimensionsMm)} mm, ×${job.quantity}, ${job.distanceKm.toFixed(1)} km`);
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
    const progress = this.progressOf(job.id);
    if (progress.lastBeat !== undefined && this.now() - progress.lastBeat < this.timing.heartbeatMs) return true;
    try {
      await this.deps.api.heartbeat(job.id, signal);
      progress.lastBeat = this.now();
      if (!report.heartbeats.includes(job.id)) report.heartbeats.push(job.id);
      return true;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        this.progress.delete(job.id);
        report.lost.push({ id: job.id, reason: lostReason(error) });
        this.deps.out.line(`${clock(this.now())}  ${job.id} lost: ${lostReason(error)}`);
        return false;
      }
      throw error;
    }
  }

  private handOffFor(job: ShopJob, report: RoundReport, signal: AbortSignal): HandOffContext | null {
    const octoprint = this.deps.octoprint;
    if (!octoprint) return null;
    return {
      octoprint,
      sleep: this.sleep,
      random: this.random,
      signal,
      busy: this.timing.busy,
      onBusy: async (action, attempt, wait) => {
        this.deps.out.line(`${clock(this.now())}  ${job.id} printer busy (OctoPrint 409) on try ${attempt} to ${action}; waiting ${seconds(wait)}`);
        await this.heartbeatIfDue(job, report, signal);
      },
    };
  }
}
