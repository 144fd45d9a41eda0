// Crash, the short run: one SIGKILL of `npx tsx infra/local.ts` after 2 s of order load,
// then a restart on the same data dir. `npm run reliability` runs three longer cycles.
import { describe, expect, it } from 'vitest';
import { runCrash } from './crash.ts';

describe('crash', () => {
  it('keeps every acknowledged order through a SIGKILL and restarts on the same data without help', async () => {
    const result = await runCrash({ loadMs: 2_000, cycles: 1, workers: 4 });

    expect(result.violations).toEqual([]);
    expect(Number(result.figures.find((f) => f.what.startsWith('orders acknowledged'))?.value)).toBeGreaterThan(10);
  });
});
