// The one real-slicer check of the print estimate: a catalogue design at its defaults, built and
// sliced by the calibration set's own code with the PLA reference profile; the quote's time and
// weight are within 15 % of PrusaSlicer's. Skipped (with how to install it) without prusa-slicer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slice } from '../../functions/agent/slicing/prusa-slicer.ts';
import { referenceProfileFor } from '../../functions/agent/slicing/profile.ts';
import { buildParts, sliceParts, type Sample } from '../../functions/cli/calibration-set.ts';
import { findDesign, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import { defaultParams } from '../../functions/designs/validate.ts';
import { priceQuote } from '../../functions/domain/quote.ts';
import { hasPrusaSlicer, INSTALL_HINT } from '../agent/slicing/support.ts';

beforeAll(() => prepareCatalogue());

if (!hasPrusaSlicer) console.warn(INSTALL_HINT);

describe.skipIf(!hasPrusaSlicer)('the quote against PrusaSlicer (wall hook at its defaults, PLA)', () => {
  let dir: string;
  let sample: Sample;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-estimate-'));
    const design = findDesign('wall-hook')!;
    const parts = await buildParts([{ design, params: defaultParams(design) }], dir);
    [sample] = await sliceParts(parts, { slice, profileFor: referenceProfileFor, materials: ['PLA'], jobs: 1 });
  }, 120_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('quotes a print time and a weight within 15 % of the slicer', () => {
    const part = { volume: sample.volumeMm3, surfaceArea: sample.surfaceAreaMm2, size: sample.size, print: sample.features, designId: sample.designId, params: sample.params };

    const quote = priceQuote(part, 'PLA', 1, [], 0);

    expect(sample.sliced.seconds).toBeGreaterThan(0);
    expect(Math.abs(quote.printSeconds / sample.sliced.seconds - 1)).toBeLessThan(0.15);
    expect(Math.abs(quote.weightGrams / sample.sliced.grams - 1)).toBeLessThan(0.15);
  });
});
