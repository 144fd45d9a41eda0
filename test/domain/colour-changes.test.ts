// Tool changes counted the way PrusaSlicer orders extruders, and what they add to a print.
import { describe, expect, it } from 'vitest';
import { colourChanges, countToolChanges, type ColourChangeFit, type ColourPart } from '../../functions/domain/colour-changes.ts';

/** A part from z0 to z1 (mm) in a colour slot. */
const part = (role: string, colourSlot: number, z0: number, z1: number): ColourPart => ({
  role,
  label: role,
  colourSlot,
  measurements: { volume: 100, surfaceArea: 100, size: [10, 10, z1 - z0], bbox: { min: [0, 0, z0], max: [10, 10, z1] } },
});

const fit: ColourChangeFit = { source: 'by hand', seconds: { perJob: 60, perChange: 30, perTowerLayer: 2 }, purgeMm3: { perJob: 0, perChange: 100, perTowerLayer: 10 } };

describe('countToolChanges', () => {
  it('raised letters on a plate: one change where the letters begin', () => {
    const parts = [part('base', 0, 0, 3), part('letters', 1, 3, 4)];

    // 15 plate layers, then 5 letter layers: one change, at layer 15.
    expect(countToolChanges(parts, ['white', 'black'], 0.2)).toEqual({ changes: 1, lastLayer: 15 });
  });

  it('letters inlaid in the plate: one change on every layer holding both colours', () => {
    const parts = [part('base', 0, 0, 3), part('letters', 1, 2, 3)];

    // Layers 10–14 hold both: the first starts in white and changes to black, the next starts in
    // black and changes to white, and so on: five changes, the last on layer 14.
    expect(countToolChanges(parts, ['white', 'black'], 0.2)).toEqual({ changes: 5, lastLayer: 14 });
  });

  it('no change when both slots are the same colour', () => {
    const parts = [part('base', 0, 0, 3), part('letters', 1, 2, 3)];

    expect(countToolChanges(parts, ['red', 'red'], 0.2)).toEqual({ changes: 0, lastLayer: -1 });
  });
});

describe('colourChanges', () => {
  it('prices changes and the tower up to the last change', () => {
    const parts = [part('base', 0, 0, 3), part('letters', 1, 2, 3)];

    // 5 changes, tower on layers 0–14 (15 layers): 60 + 5 × 30 + 15 × 2 = 240 s; 5 × 100 + 15 × 10 = 650 mm³.
    expect(colourChanges(parts, ['white', 'black'], 0.2, fit)).toEqual({ toolChanges: 5, towerLayers: 15, extraSeconds: 240, purgeMm3: 650 });
  });

  it('is nothing for a single body', () => {
    expect(colourChanges([part('part', 0, 0, 5)], ['white'], 0.2, fit)).toEqual({ toolChanges: 0, towerLayers: 0, extraSeconds: 0, purgeMm3: 0 });
  });
});
