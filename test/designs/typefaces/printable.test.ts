// The nozzle rule: sizes at which a face's thinnest strokes are under the nozzle are refused
// in the customer's words, naming a size or a face that prints.
import { describe, expect, it } from 'vitest';
import { typefaceSpec } from '../../../functions/designs/typefaces/faces.ts';
import { NOZZLE_MM, smallestPrintableHeight, strokeMessage, thinnestAt } from '../../../functions/designs/typefaces/printable.ts';

const range = { min: 5, max: 12, step: 0.5 };

describe('strokeMessage', () => {
  it("refuses the serif at 5 mm, naming its hairlines, a size that prints and the sans", () => {
    const serif = typefaceSpec('serif')!;
    const message = strokeMessage(serif, 5, range);
    expect(message).toBe(`At 5 mm the serif's hairlines are ${Number(thinnestAt(serif, 5).toFixed(2))} mm, thinner than a 0.4 mm nozzle can print: choose 8 mm letters or the sans.`);
  });

  it('accepts every face from its smallest printable height up', () => {
    for (const id of ['sans', 'serif', 'rounded']) {
      const face = typefaceSpec(id)!;
      const smallest = smallestPrintableHeight(face, range.min, range.step);
      expect(strokeMessage(face, smallest, range)).toBeNull();
      expect(thinnestAt(face, smallest)).toBeGreaterThanOrEqual(NOZZLE_MM);
      if (smallest > range.min) expect(strokeMessage(face, smallest - range.step, range)).not.toBeNull();
    }
  });

  it('the sans prints from the smallest name-tag letters', () => {
    expect(strokeMessage(typefaceSpec('sans')!, 5, range)).toBeNull();
  });
});
