// Abuse limits: body size, text lengths, parameter budgets and the local server's rate
// limits per client address and per shop key (made-up keys buy no fresh bucket).
// `npm run reliability` quotes the costliest configuration of every design; this run two.
import { describe, expect, it } from 'vitest';
import { runLimits } from './limits.ts';

describe('abuse limits', () => {
  it('refuses oversize bodies, over-long text and floods; rate-limits per address and per shop key', async () => {
    const result = await runLimits({ budgetDesigns: ['name-tag', 'gridfinity-bin'] });

    expect(result.violations).toEqual([]);
    expect(result.figures.find((f) => f.what.startsWith('text and header lengths'))?.value).toBe('13 of 13');
  });
});
