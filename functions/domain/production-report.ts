// A shop's production report (progress and sliced figures, sent with a heartbeat or a status
// call) checked and cleaned before it is stored on the order. Pure: every problem becomes a
// field error naming `progress.<field>` or `sliced.<field>`.
import { ValidationError, type FieldError } from './errors.ts';
import {
  MAX_PRINT_SECONDS,
  MAX_PROGRESS_MESSAGE,
  MAX_SLICER_LABEL,
  PRODUCTION_STAGES,
  type ProductionProgress,
  type ProductionStage,
  type SlicedFigures,
} from './production.ts';

/** Progress as a shop sends it; the server stamps `at` and fills the absent values with null. */
export interface ProgressReport {
  stage: ProductionStage;
  percent?: number | null;
  secondsLeft?: number | null;
  message?: string | null;
}

/** What a heartbeat or a status call may carry beside its own fields. */
export interface ProductionReport {
  progress?: ProgressReport;
  sliced?: SlicedFigures;
}

/** The report once checked: what the order keeps (undefined = keep what it had). */
export interface CheckedReport {
  progress?: ProductionProgress;
  sliced?: SlicedFigures;
}

/** 50 kg of filament for one job: more is a unit mistake. */
export const MAX_FILAMENT_GRAMS = 50_000;
/** 20 km of filament (about 60 kg of 1.75 mm PLA). */
export const MAX_FILAMENT_MM = 20_000_000;
/** A metre-tall print at 0.01 mm layers. */
export const MAX_LAYERS = 100_000;

// C0 and C1 controls, plus the bidirectional overrides that could make a message read backwards on a dashboard.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Control characters become spaces; runs of spaces collapse; the ends are trimmed. */
export const stripControl = (text: string): string => text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();

type Check = (errors: FieldError[]) => void;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const numberIn = (field: string, value: unknown, min: number, max: number, integer: boolean): Check => (errors) => {
  if (!isNumber(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    errors.push({ field, message: `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}` });
  }
};

const label = (field: string, value: unknown, errors: FieldError[]): string => {
  const clean = typeof value === 'string' ? stripControl(value) : '';
  if (clean.length === 0 || clean.length > MAX_SLICER_LABEL) errors.push({ field, message: `must be text of 1–${MAX_SLICER_LABEL} characters` });
  return clean;
};

function checkProgress(report: ProgressReport, now: number, errors: FieldError[]): ProductionProgress {
  if (!PRODUCTION_STAGES.includes(report.stage)) errors.push({ field: 'progress.stage', message: `must be one of ${PRODUCTION_STAGES.join(', ')}` });
  const percent = report.percent ?? null;
  const secondsLeft = report.secondsLeft ?? null;
  if (percent !== null) numberIn('progress.percent', percent, 0, 100, false)(errors);
  if (secondsLeft !== null) numberIn('progress.secondsLeft', secondsLeft, 0, MAX_PRINT_SECONDS, true)(errors);
  let message: string | null = null;
  if (report.message !== undefined && report.message !== null) {
    if (typeof report.message !== 'string') errors.push({ field: 'progress.message', message: 'must be text' });
    else message = stripControl(report.message) || null;
    if (message !== null && message.length > MAX_PROGRESS_MESSAGE) {
      errors.push({ field: 'progress.message', message: `must be at most ${MAX_PROGRESS_MESSAGE} characters` });
    }
  }
  return { stage: report.stage, percent, secondsLeft, message, at: now };
}

function checkSliced(report: SlicedFigures, errors: FieldError[]): SlicedFigures {
  numberIn('sliced.printSeconds', report.printSeconds, 0, MAX_PRINT_SECONDS, false)(errors);
  numberIn('sliced.filamentGrams', report.filamentGrams, 0, MAX_FILAMENT_GRAMS, false)(errors);
  numberIn('sliced.filamentMm', report.filamentMm, 0, MAX_FILAMENT_MM, false)(errors);
  numberIn('sliced.layers', report.layers, 0, MAX_LAYERS, true)(errors);
  const slicer = label('sliced.slicer', report.slicer, errors);
  const profile = label('sliced.profile', report.profile, errors);
  return { printSeconds: report.printSeconds, filamentGrams: report.filamentGrams, filamentMm: report.filamentMm, layers: report.layers, slicer, profile };
}

/**
 * Checks a report and returns what the order keeps, with `at` = now on the progress; or a
 * ValidationError listing every bad field. An absent part stays undefined.
 *
 * @example
 * checkReport({ progress: { stage: 'printing', percent: 42, secondsLeft: 4200 } }, now)
 * // → { ok: true, report: { progress: { stage: 'printing', percent: 42, secondsLeft: 4200, message: null, at: now } } }
 */
export function checkReport(report: ProductionReport, now: number): { ok: true; report: CheckedReport } | { ok: false; error: ValidationError } {
  const errors: FieldError[] = [];
  const checked: CheckedReport = {};
  if (report.progress !== undefined) checked.progress = checkProgress(report.progress, now, errors);
  if (report.sliced !== undefined) checked.sliced = checkSliced(report.sliced, errors);
  if (errors.length > 0) return { ok: false, error: new ValidationError('the production report has invalid fields', errors) };
  return { ok: true, report: checked };
}

/** An empty report: nothing to store. */
export const isEmptyReport = (report: ProductionReport | undefined): boolean =>
  report === undefined || (report.progress === undefined && report.sliced === undefined);

/** The progress a PRINTED status implies when the shop sends none. */
export const printedProgress = (now: number): ProductionProgress => ({ stage: 'printed', percent: 100, secondsLeft: 0, message: null, at: now });
