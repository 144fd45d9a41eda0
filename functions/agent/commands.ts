// The one-shot commands: list jobs, claim one, download its files, report progress, reject,
// retry a job the printer failed or cancelled. Each returns an exit code: 0 done, 1 refused or failed.
import { REJECT_REASONS, type RejectReason, type ShopStatus } from '../domain/order-model.ts';
import { StateStore } from './agent-state.ts';
import type { ApiClient } from './api-client.ts';
import { claimDecision, type PrinterSetup } from './claim-policy.ts';
import { ConfigError } from './errors.ts';
import { describeJob, formatJobTable } from './format.ts';
import { fetchJobFiles } from './job-files.ts';
import type { Output } from './output.ts';

export interface CommandContext {
  api: ApiClient;
  out: Output;
  signal: AbortSignal;
  fetch: typeof fetch;
  now: () => number;
  printer: PrinterSetup | null;
  downloadDir: string;
  /** Origins download links may point at (the API's, and the configured storage origin). */
  origins: readonly string[];
  /** Idle limit per file download (default 30 s). */
  downloadIdleMs?: number;
}

export async function listCommand(ctx: CommandContext, json: boolean): Promise<number> {
  const jobs = await ctx.api.listJobs(ctx.signal);
  ctx.out.line(json ? JSON.stringify(jobs, null, 2) : formatJobTable(jobs, ctx.printer, ctx.now()));
  return 0;
}

/** Claims by hand; warns (but claims) when the job does not fit the configured printer. */
export async function claimCommand(ctx: CommandContext, id: string): Promise<number> {
  const job = await ctx.api.claim(id, ctx.signal);
  ctx.out.line(`claimed ${describeJob(job)}`);
  if (ctx.printer) {
    const decision = claimDecision({ ...job, claimedByYou: false }, ctx.printer);
    if (!decision.claim) ctx.out.line(`warning: this printer cannot make it as configured (${decision.reason})`);
  }
  if (job.leaseUntil) ctx.out.line(`lease until ${new Date(job.leaseUntil).toISOString()}; keep "agent run" going (it heartbeats) or report progress before then`);
  return 0;
}

export async function downloadCommand(ctx: CommandContext, id: string): Promise<number> {
  const job = await ctx.api.getJob(id, ctx.signal);
  const files = await fetchJobFiles(ctx.api, job, ctx.downloadDir, ctx);
  ctx.out.line(`${files.stl.path}\n${files.threeMf.path}`);
  return 0;
}

const STATUSES: Record<string, ShopStatus> = { printing: 'PRINTING', printed: 'PRINTED', shipped: 'SHIPPED', delivered: 'DELIVERED' };

export async function statusCommand(ctx: CommandContext, id: string, statusWord: string, tracking: string | undefined): Promise<number> {
  const status = STATUSES[statusWord.toLowerCase()];
  if (!status) throw new ConfigError(`status must be one of ${Object.keys(STATUSES).join(', ')}, not "${statusWord}"`);
  if (status === 'SHIPPED' && !tracking) throw new ConfigError('shipped needs --tracking "CARRIER NUMBER" so the customer can follow the parcel');
  const job = await ctx.api.setStatus(id, status, status === 'SHIPPED' ? tracking : undefined, ctx.signal);
  ctx.out.line(`${describeJob(job)}${job.tracking ? ` · tracking ${job.tracking}` : ''}`);
  return 0;
}

export async function rejectCommand(ctx: CommandContext, id: string, reason: string | undefined, note: string | undefined): Promise<number> {
  if (!reason || !REJECT_REASONS.includes(reason as RejectReason)) {
    throw new ConfigError(`reject needs --reason, one of ${REJECT_REASONS.join(', ')}`);
  }
  const receipt = await ctx.api.reject(id, reason as RejectReason, note, ctx.signal);
  ctx.out.line(`rejected ${receipt.id} (${receipt.reason}); it goes to the next shop`);
  return 0;
}

/**
 * Asks the agent to upload and start a held job again (after a printer error or a cancel).
 * Only leaves a request beside the agent's state: the running agent (or the next one started
 * on this download folder) takes it up on its next round, so two processes never drive the
 * same printer at once.
 */
export async function retryCommand(ctx: CommandContext, id: string): Promise<number> {
  const store = new StateStore(ctx.downloadDir);
  const record = await store.get(id);
  if (!record) {
    ctx.out.line(`no job ${id} in ${store.path}: the agent has not worked on it in this download folder (check --download-dir)`);
    return 1;
  }
  await store.requestRetry(id, ctx.now());
  const what = record.problem ? `held at ${record.problem.stage}: ${record.problem.message}` : `at stage ${record.stage}`;
  const next = record.gcode && record.problem?.stage !== 'slicing' ? 'start the G-code again (uploading it first if the printer lacks it; starting needs --start)' : 'slice it again';
  ctx.out.line(`retry of ${id} requested (it was ${what}); the agent will ${next} on its next round`);
  return 0;
}
