// Backoff with full jitter, Retry-After parsing, and the poll loop's waits and stops.
import { describe, expect, it } from 'vitest';
import { fullJitter, parseRetryAfter, retryDelay, sleep } from '../../functions/agent/backoff.ts';
import { ApiError } from '../../functions/agent/errors.ts';
import { pollLoop } from '../../functions/agent/poller.ts';

const backoff = { baseMs: 1000, capMs: 30_000 };

describe('backoff', () => {
  it('draws uniformly below a ceiling that doubles up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => fullJitter(a, backoff, () => 0.999999))).toEqual([999, 1999, 3999, 7999, 15999, 29999, 29999]);
    expect(fullJitter(4, backoff, () => 0)).toBe(0);
    const draws = Array.from({ length: 500 }, () => fullJitter(3, backoff));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(8000);
    expect(new Set(draws).size).toBeGreaterThan(100); // spread out, not a fixed step
  });

  it('never waits less than Retry-After', () => {
    expect(retryDelay(0, backoff, 5000, () => 0.5)).toBe(5000);
    expect(retryDelay(5, backoff, 5000, () => 0.5)).toBe(15_000);
    expect(retryDelay(2, backoff, undefined, () => 0.5)).toBe(2000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-24T09:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('sleep rejects at once when aborted', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('poll loop', () => {
  const run = async (outcomes: (string | Error)[], isFatal?: (e: unknown) => boolean) => {
    const controller = new AbortController();
    const waits: number[] = [];
    const log: string[] = [];
    let i = 0;
    const done = pollLoop({
      round: async () => {
        const next = outcomes[i++];
        if (next === undefined) {
          controller.abort();
          throw new DOMException('aborted', 'AbortError');
        }
        if (next instanceof Error) throw next;
        return next;
      },
      intervalMs: 10_000,
      backoff,
      signal: controller.signal,
      random: () => 0.5,
      sleep: async (ms) => void waits.push(ms),
      onRound: (result, next) => log.push(`ok ${result} next ${next}`),
      onError: (error, failures, wait) => log.push(`fail ${failures} wait ${wait}: ${(error as Error).message}`),
      isFatal,
    });
    return { done, waits, log };
  };

  it('waits the interval after good rounds and backs off after failures, resetting on success', async () => {
    const down = new ApiError(503, 'Service temporarily unavailable', undefined, 2000);
    const { done, waits, log } = await run(['a', new ApiError(0, 'API unreachable', 'ECONNREFUSED'), new ApiError(0, 'API unreachable', 'ECONNREFUSED'), down, 'b', new Error('disk full')]);
    await done;
    expect(waits).toEqual([10_000, 500, 1000, 2000, 10_000, 500]);
    expect(log[0]).toBe('ok a next 10000');
    expect(log[3]).toBe('fail 3 wait 2000: 503 Service temporarily unavailable');
    expect(log.at(-1)).toBe('fail 1 wait 500: disk full');
  });

  it('rethrows a fatal error instead of retrying it', async () => {
    const revoked = new ApiError(401, 'Unauthorized', 'Send a shop API key');
    const { done, waits } = await run(['a', revoked], (e) => e instanceof ApiError && e.status === 401);
    await expect(done).rejects.toBe(revoked);
    expect(waits).toEqual([10_000]);
  });
});
