// Quoted vs sliced: per design, per piece, medians of the slicer's figures over the quote's.
import { describe, expect, it } from 'vitest';
import { compareQuotedToSliced, median, type SlicedJob } from '../../functions/domain/quoted-vs-sliced.ts';

const job = (designId: string, quantity: number, printSeconds: number, weightGrams: number, slicedSeconds: number | null, slicedGrams = 0): SlicedJob => ({
  designId,
  quantity,
  printSeconds,
  weightGrams,
  sliced: slicedSeconds === null ? null : { printSeconds: slicedSeconds, filamentGrams: slicedGrams, filamentMm: 1000, layers: 10, slicer: 'PrusaSlicer 2.5.0', profile: 'p' },
});

describe('compareQuotedToSliced', () => {
  it('divides the plate by the quantity and takes medians job by job', () => {
    const rows = compareQuotedToSliced([
      job('planter', 2, 1000, 10, 5000, 22), // per piece 2500 s (2.5×), 11 g (1.1×)
      job('planter', 1, 1000, 10, 3000, 9), // 3.0×, 0.9×
      job('planter', 1, 2000, 20, 4000, 0), // 2.0×, no grams (profile without density)
      job('name-tag', 1, 600, 3, 1200, 3), // 2.0×, 1.0×
      job('name-tag', 1, 600, 3, null), // not sliced: left out
    ]);

    expect(rows).toEqual([
      { designId: 'name-tag', jobs: 1, quotedSeconds: 600, slicedSeconds: 1200, timeRatio: 2, gramsJobs: 1, quotedGrams: 3, slicedGrams: 3, gramsRatio: 1 },
      { designId: 'planter', jobs: 3, quotedSeconds: 1000, slicedSeconds: 3000, timeRatio: 2.5, gramsJobs: 2, quotedGrams: 10, slicedGrams: 10, gramsRatio: 1 },
    ]);
  });

  it('has no row for a design without sliced jobs, and no grams ratio when no profile weighed', () => {
    expect(compareQuotedToSliced([job('hook', 1, 100, 2, null)])).toEqual([]);
    expect(compareQuotedToSliced([job('hook', 1, 100, 2, 250, 0)])[0]).toMatchObject({ timeRatio: 2.5, gramsJobs: 0, gramsRatio: null });
  });

  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
