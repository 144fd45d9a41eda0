// Where production stands, as the shop last reported it: one line ("Printing — 42 %, about
// 1 h 10 min left") and a native <progress> bar when the percentage is known. The customer's
// page and the shop's job card share it; only the shop passes the printer's own message.
import type { ProductionStage } from '../../../functions/domain/production.ts';
import { h } from '../dom.ts';
import { formatDuration, formatTime } from '../format.ts';

/** What both views know of the progress (the customer's has no message). */
export interface ProgressLike {
  stage: ProductionStage;
  percent: number | null;
  secondsLeft: number | null;
  at: number;
  message?: string | null;
}

const STAGE_LABEL: Record<ProductionStage, string> = {
  downloading: 'Preparing the files',
  slicing: 'Slicing',
  uploading: 'Sending to the printer',
  'waiting-for-printer': 'Waiting for a free printer',
  printing: 'Printing',
  paused: 'Paused',
  'printer-error': 'Printer problem',
  'printer-cancelled': 'Print stopped at the printer',
  printed: 'Printed',
};

/** Stages where the shop needs to look at the printer. */
export const PROBLEM_STAGES: readonly ProductionStage[] = ['paused', 'printer-error', 'printer-cancelled'];

export const stageLabel = (stage: ProductionStage): string => STAGE_LABEL[stage] ?? stage;

const wholePercent = (percent: number): number => Math.floor(Math.min(100, Math.max(0, percent)));

/** "Printing — 42 %, about 1 h 10 min left"; "Printed"; "Slicing". */
export const progressSummary = (progress: ProgressLike): string => {
  const label = stageLabel(progress.stage);
  if (progress.stage === 'printed') return label;
  const parts: string[] = [];
  if (progress.percent !== null) parts.push(`${wholePercent(progress.percent)} %`);
  if (progress.secondsLeft !== null && progress.secondsLeft > 0) parts.push(`about ${formatDuration(progress.secondsLeft)} left`);
  return parts.length ? `${label} — ${parts.join(', ')}` : label;
};

export interface ProgressOptions {
  /** The printer's own words: the shop's dashboard passes it on a problem stage. */
  showMessage?: boolean;
}

/** The summary line, a bar while the percentage is known, and when it was reported. */
export const productionProgress = (progress: ProgressLike, options: ProgressOptions = {}): HTMLElement => {
  const summary = progressSummary(progress);
  const showBar = progress.percent !== null && progress.stage !== 'printed';
  const message = options.showMessage && progress.message && PROBLEM_STAGES.includes(progress.stage) ? progress.message : null;
  return h('div', { class: `production stage-${progress.stage}`, 'data-testid': 'production' },
    h('p', { class: 'production-summary', 'data-testid': 'production-summary' }, summary),
    showBar
      ? h('progress', { class: 'production-bar', max: 100, value: wholePercent(progress.percent ?? 0), 'aria-label': `${stageLabel(progress.stage)} progress` }, `${wholePercent(progress.percent ?? 0)} %`)
      : null,
    message ? h('p', { class: 'alert alert-warning production-message', 'data-testid': 'printer-message' }, `Printer: ${message}`) : null,
    h('p', { class: 'help' }, `Reported at ${formatTime(progress.at)}`),
  );
};
