// Wakeup and SeenIds, the two small parts under the webhook receiver: a wake ends a wait early
// (or the next one, if it came between waits) and several count as one; an abort still wins;
// seen ids expire after their time and never exceed their bound.
import { describe, expect, it } from 'vitest';
import { sleep } from '../../functions/agent/backoff.ts';
import { SeenIds } from '../../functions/agent/seen-ids.ts';
import { Wakeup } from '../../functions/agent/wakeup.ts';

describe('wakeup', () => {
  it('ends a long wait when woken, and a wake between waits ends the next one at once', async () => {
    const wakeup = new Wakeup();
    const signal = new AbortController().signal;
    const waiting = wakeup.sleep(600_000, sleep, signal);
    wakeup.wake();
    expect(await waiting).toBe(true);
    wakeup.wake();
    wakeup.wake();
    expect(await wakeup.sleep(600_000, sleep, signal)).toBe(true); // two wakes, one early round
    expect(await wakeup.sleep(1, sleep, signal)).toBe(false); // then waits run their course
  });

  it('rejects when the signal fires, woken or not', async () => {
    const wakeup = new Wakeup();
    const controller = new AbortController();
    const waiting = wakeup.sleep(600_000, sleep, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow();
  });
});

describe('seen ids', () => {
  it('remembers an id for its time to live and holds at most max ids, oldest out first', () => {
    const seen = new SeenIds({ ttlMs: 1_000, max: 3 });
    expect(seen.add('a', 0)).toBe(true);
    expect(seen.add('a', 999)).toBe(false);
    expect(seen.add('a', 1_000)).toBe(true); // expired, so new again
    for (const id of ['b', 'c', 'd']) seen.add(id, 1_001);
    expect(seen.size).toBe(3);
    expect(seen.has('a', 1_001)).toBe(false); // pushed out by the bound
    expect(seen.has('d', 1_001)).toBe(true);
  });
});
