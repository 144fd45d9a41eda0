// The agent says what to load: a job's colours in its one-line description and the jobs table;
// a job from a server before colours reads as before.
import { describe, expect, it } from 'vitest';
import type { ShopJob } from '../../functions/agent/api-client.ts';
import { describeJob, formatJobTable } from '../../functions/agent/format.ts';

const job = (overrides: Partial<ShopJob> = {}): ShopJob => ({
  id: 'job-1', state: 'PLACED', designId: 'name-tag', params: { text: 'ADA' }, hash: 'h'.repeat(64), material: 'PLA', quantity: 1,
  dimensionsMm: { x: 60, y: 20, z: 4 }, weightGrams: 5, printSeconds: 600, colours: [], parts: [], distanceKm: 1.5, offeredAt: 0,
  claimedByYou: false, leaseUntil: null, progress: null, sliced: null, delivery: null, tracking: null, placedAt: 0, updatedAt: 0,
  ...overrides,
});

const twoColour = job({
  colours: ['white', 'red'],
  parts: [
    { role: 'base', label: 'Plate', colourSlot: 0, colour: 'white', weightGrams: 4 },
    { role: 'letters', label: 'Letters', colourSlot: 1, colour: 'red', weightGrams: 1 },
  ],
});

describe('job colours in the agent output', () => {
  it('names each part with its colour', () => {
    expect(describeJob(twoColour)).toContain('PLA in Plate White · Letters Red');
    expect(formatJobTable([twoColour], null, 0)).toMatch(/COLOURS[\s\S]*Plate White · Letters Red/);
  });

  it('names the one colour of a single-part job, and nothing for a job from before colours', () => {
    const blue = job({ colours: ['blue'], parts: [{ role: 'body', label: 'Body', colourSlot: 0, colour: 'blue', weightGrams: 5 }] });

    expect(describeJob(blue)).toContain('PLA in Blue ·');
    expect(describeJob(job())).toContain('· PLA ·');
  });
});
