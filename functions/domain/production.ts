// What a shop reports while it makes a job: where production stands (stage, percent, time
// left, the printer's own words on a problem) and the figures its slicer produced. Pure
// types and limits; the API validates against these, the job record keeps the latest.

/** Where the job stands at the shop, in the order the agent goes through it. */
export type ProductionStage =
  | 'downloading'
  | 'slicing'
  | 'uploading'
  | 'waiting-for-printer'
  | 'printing'
  | 'paused'
  | 'printer-error'
  | 'printer-cancelled'
  | 'printed';

export const PRODUCTION_STAGES: readonly ProductionStage[] = Object.freeze([
  'downloading', 'slicing', 'uploading', 'waiting-for-printer', 'printing', 'paused', 'printer-error', 'printer-cancelled', 'printed',
]);

/** The latest progress a shop reported (heartbeat or status); replaces the one before. */
export interface ProductionProgress {
  stage: ProductionStage;
  /** 0–100, when the printer says. */
  percent: number | null;
  /** Seconds of printing left, when the printer says. */
  secondsLeft: number | null;
  /** The printer's or slicer's own words on a problem, ≤ 200 characters; shown to the shop only. */
  message: string | null;
  /** When the server received it (epoch ms). */
  at: number;
}

/** What the shop's slicer said about this job (per plate = the whole quantity it sliced). */
export interface SlicedFigures {
  /** The slicer's estimated printing time, s ("normal mode"). */
  printSeconds: number;
  /** Filament used, g (0 when the profile has no density). */
  filamentGrams: number;
  /** Filament used, mm. */
  filamentMm: number;
  layers: number;
  /** e.g. "PrusaSlicer 2.5.0", ≤ 80 characters. */
  slicer: string;
  /** The profile's name, e.g. "atelier-pla-0.4n-0.2mm", ≤ 80 characters. */
  profile: string;
}

export const MAX_PROGRESS_MESSAGE = 200;
export const MAX_SLICER_LABEL = 80;
/** A week of printing: anything longer is a unit mistake, not a print. */
export const MAX_PRINT_SECONDS = 7 * 24 * 3600;
