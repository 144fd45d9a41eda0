// Races, the short run: 10 shops over 100 open jobs (5 fighting over each at once), then
// lease-lapse takeovers and bursts of concurrent status updates. `npm run reliability` runs
// 50 shops over 1 000 jobs.
import { describe, expect, it } from 'vitest';
import { illegalHistory, runRaces } from './races.ts';

describe('races', () => {
  it('10 shops × 100 jobs: one holder per job, none unclaimable, legal histories', async () => {
    const result = await runRaces({ shops: 10, jobs: 100, contenders: 5, statusJobs: 20 });

    expect(result.violations).toEqual([]);
    expect(result.figures.find((f) => f.what.startsWith('claim requests'))?.value).toMatch(/^500 \(200×100 409×400; \d+ × 503 before\)$/);
  });

  it('the history check itself rejects skipped, repeated and backward steps', () => {
    const h = (...states: [string, string?][]) => states.map(([state, by], at) => ({ state: state as never, at, by }));
    expect(illegalHistory(h(['PLACED'], ['CLAIMED', 'a'], ['PRINTING', 'a']), 'a')).toBeUndefined();
    expect(illegalHistory(h(['PLACED'], ['CLAIMED', 'a'], ['CLAIMED', 'b'], ['PRINTING', 'b']), 'b')).toBeUndefined();
    expect(illegalHistory(h(['PLACED'], ['CLAIMED', 'a'], ['PRINTED', 'a']), 'a')).toMatch(/CLAIMED → PRINTED/);
    expect(illegalHistory(h(['PLACED'], ['CLAIMED', 'a'], ['PRINTING', 'a'], ['PRINTING', 'a']), 'a')).toMatch(/PRINTING → PRINTING/);
    expect(illegalHistory(h(['PLACED'], ['CLAIMED', 'a'], ['CLAIMED', 'a']), 'a')).toMatch(/CLAIMED → CLAIMED/);
    expect(illegalHistory(h(['PLACED'], ['CLAIMED', 'a'], ['PRINTING', 'b']), 'a')).toMatch(/not the holder/);
  });
});
