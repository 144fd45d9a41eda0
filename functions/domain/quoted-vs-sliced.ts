// "Quoted vs actual": per design, how the quote's print time and weight compare with what the
// shops' slicers computed for the same jobs. Pure; `npm run insights` prints it.
import type { Order } from './order-model.ts';

/** The fields of an order the comparison reads. */
export type SlicedJob = Pick<Order, 'designId' | 'quantity' | 'printSeconds' | 'weightGrams' | 'sliced'>;

export interface QuotedVsSliced {
  designId: string;
  /** Jobs with sliced figures. */
  jobs: number;
  /** Medians per piece: the quote's, and the slicer's (its plate divided by the quantity). */
  quotedSeconds: number;
  slicedSeconds: number;
  /** Median of sliced ÷ quoted print time, job by job. */
  timeRatio: number;
  /** Jobs whose slicer reported grams (a profile without filament density reports 0). */
  gramsJobs: number;
  quotedGrams: number | null;
  slicedGrams: number | null;
  /** Median of sliced ÷ quoted grams; null when no job reported grams. */
  gramsRatio: number | null;
}

/** The median of a non-empty list (mean of the middle two for an even count). */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * One row per design that has jobs with sliced figures, sorted by design id. Jobs without
 * figures, or with a zero quote, are left out.
 *
 * @example
 * compareQuotedToSliced([{ designId: 'planter', quantity: 2, printSeconds: 1000, weightGrams: 10, sliced: { printSeconds: 5000, filamentGrams: 22, … } }])
 * // → [{ designId: 'planter', jobs: 1, quotedSeconds: 1000, slicedSeconds: 2500, timeRatio: 2.5, gramsRatio: 1.1, … }]
 */
export function compareQuotedToSliced(jobs: readonly SlicedJob[]): QuotedVsSliced[] {
  const byDesign = new Map<string, SlicedJob[]>();
  for (const job of jobs) {
    if (!job.sliced || job.quantity < 1 || job.printSeconds <= 0) continue;
    byDesign.set(job.designId, [...(byDesign.get(job.designId) ?? []), job]);
  }
  return [...byDesign].sort(([a], [b]) => a.localeCompare(b)).map(([designId, list]) => {
    const perPiece = list.map((j) => ({ job: j, seconds: j.sliced!.printSeconds / j.quantity, grams: j.sliced!.filamentGrams / j.quantity }));
    const weighed = perPiece.filter((p) => p.grams > 0 && p.job.weightGrams > 0);
    return {
      designId,
      jobs: list.length,
      quotedSeconds: median(list.map((j) => j.printSeconds)),
      slicedSeconds: median(perPiece.map((p) => p.seconds)),
      timeRatio: median(perPiece.map((p) => p.seconds / p.job.printSeconds)),
      gramsJobs: weighed.length,
      quotedGrams: weighed.length ? median(weighed.map((p) => p.job.weightGrams)) : null,
      slicedGrams: weighed.length ? median(weighed.map((p) => p.grams)) : null,
      gramsRatio: weighed.length ? median(weighed.map((p) => p.grams / p.job.weightGrams)) : null,
    };
  });
}
