// How the agent talks: one summary line per round, one line per event, a job table. Text the
// server sent (ids, design ids, messages) is cleaned of control characters and bidi overrides
// here, before widths are measured, and again by Output.line for everything printed.
import { coloursText } from '../domain/colours.ts';
import type { ShopJob } from './api-client.ts';
import { claimDecision, formatSize, type PrinterSetup } from './claim-policy.ts';
import type { JobEvent } from './job-flow.ts';
import { cleanText } from './output.ts';

export interface RoundReport {
  /** Jobs listed when the round began: offered to this shop, and held by it as open work (CLAIMED, PRINTING, PRINTED). */
  offered: number;
  held: number;
  /** Jobs held at the end of the round. */
  holding: number;
  claimed: string[];
  skipped: { id: string; reason: string }[];
  /** Fit, but this shop already holds maxOpenJobs. */
  deferred: string[];
  /** Offers or held jobs that went elsewhere (claimed by another shop, withdrawn). */
  lost: { id: string; reason: string }[];
  heartbeats: string[];
  events: JobEvent[];
  autoClaim: boolean;
}

export const emptyReport = (autoClaim: boolean): RoundReport => ({
  offered: 0, held: 0, holding: 0, claimed: [], skipped: [], deferred: [], lost: [], heartbeats: [], events: [], autoClaim,
});

/** Local wall-clock time, HH:MM:SS. */
export const clock = (at: number): string => new Date(at).toTimeString().slice(0, 8);

export const seconds = (ms: number): string => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

const list = (ids: string[]) => (ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} +${ids.length - 3}`);

/** Groups skip reasons: "2 (PETG not loaded), 1 (… does not fit …)". */
const reasons = (skipped: { reason: string }[]) => {
  const counts = new Map<string, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} (${reason})`).join(', ');
};

/** The one line a round prints. */
export function formatRound(report: RoundReport, at: number, nextInMs?: number): string {
  const parts = [`${report.offered} offered, ${report.held} held`];
  if (report.claimed.length) parts.push(`claimed ${list(report.claimed)}`);
  if (report.skipped.length) parts.push(`skipped ${reasons(report.skipped)}`);
  if (report.deferred.length) parts.push(`${report.deferred.length} left for later (holding the most jobs allowed)`);
  if (!report.autoClaim && report.offered) parts.push('auto-claim off');
  if (report.lost.length) parts.push(`missed ${list(report.lost.map((l) => l.id))}`);
  if (report.holding !== report.held) parts.push(`now holding ${report.holding}`);
  if (report.heartbeats.length) parts.push(`lease renewed for ${list(report.heartbeats)}`);
  const problems = report.events.filter((e) => e.kind === 'problem' || e.kind === 'waiting').length;
  if (problems) parts.push(`${problems} job${problems === 1 ? '' : 's'} need${problems === 1 ? 's' : ''} another try`);
  if (nextInMs !== undefined) parts.push(`next poll in ${seconds(nextInMs)}`);
  return cleanText(`${clock(at)}  ${parts.join(' · ')}`);
}

const LABEL: Record<JobEvent['kind'], string> = {
  ready: 'ready',
  sliced: 'sliced',
  'handed-off': 'handed off',
  printing: 'PRINTING',
  progress: 'progress',
  printed: 'PRINTED',
  waiting: 'waiting',
  problem: 'PROBLEM',
};

export const formatEvent = (e: JobEvent, at: number): string => `${clock(at)}  ${cleanText(e.id)} ${LABEL[e.kind]}: ${cleanText(e.message)}`;

/** One line describing a job, for claim/status command output. */
export const describeJob = (job: ShopJob): string =>
  cleanText(`${job.id} ${job.state} · ${job.designId} · ${job.material}${colourSuffix(job)} · ${formatSize(job.dimensionsMm)} mm · ×${job.quantity} · ${job.distanceKm.toFixed(1)} km`);

/** " in White", " in Plate White · Letters Black", or nothing (a job from before colours). */
export const colourSuffix = (job: Pick<ShopJob, 'colours' | 'parts'>): string => {
  const text = coloursText(job);
  return text ? ` in ${text}` : '';
};

/** The `jobs` table; with a printer, a FITS column says whether auto-claim would take it. */
export function formatJobTable(jobs: ShopJob[], printer: PrinterSetup | null, now: number): string {
  if (!jobs.length) return 'no jobs offered to you or held by you right now';
  const rows = jobs.map((job) => {
    const decision = printer ? claimDecision(job, printer) : null;
    return ([
      job.id,
      job.state,
      job.claimedByYou ? (job.leaseUntil && job.state === 'CLAIMED' ? `yours, lease ${Math.max(0, Math.round((job.leaseUntil - now) / 60000))} min` : 'yours') : 'offered',
      job.material,
      coloursText(job) || '-',
      `${formatSize(job.dimensionsMm)}`,
      `${job.quantity}`,
      job.distanceKm.toFixed(1),
      job.designId,
      ...(decision ? [job.claimedByYou ? '' : decision.claim ? 'yes' : `no: ${decision.reason}`] : []),
    ]).map((cell) => cleanText(String(cell)));
  });
  const header = ['ID', 'STATE', 'WHOSE', 'MATERIAL', 'COLOURS', 'SIZE MM', 'QTY', 'KM', 'DESIGN', ...(printer ? ['FITS'] : [])];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}
