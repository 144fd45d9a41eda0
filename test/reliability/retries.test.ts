// Retries, the short run: 200 order POSTs over 20 keys (a tenth abandoned mid-flight), and
// retried claims, heartbeats, status updates and erasures on 4 jobs. `npm run reliability`
// sends 1 000 POSTs over 100 keys.
import { describe, expect, it } from 'vitest';
import { runRetries } from './retries.ts';

describe('retries', () => {
  it('give one order per Idempotency-Key and leave retried shop actions harmless', async () => {
    const result = await runRetries({ keys: 20, attemptsPerKey: 10, jobs: 4 });

    expect(result.violations).toEqual([]);
    expect(result.figures.find((f) => f.what === 'orders stored for those keys')?.value).toBe(20);
  });
});
