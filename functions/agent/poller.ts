// The poll loop: run a round, wait the poll interval, repeat; on a retryable failure wait
// with exponential backoff and full jitter (at least Retry-After) instead. Stops when the
// signal fires, or rethrows an error the caller says is fatal (a revoked key, say). A wakeup
// (a webhook) ends the interval wait early, after a short debounce that gathers a burst into
// one round; it never shortens a backoff wait.
import { retryDelay, type BackoffOptions, type Sleep } from './backoff.ts';
import { ApiError } from './errors.ts';
import type { Wakeup } from './wakeup.ts';

export interface PollLoopOptions<T> {
  round: (signal: AbortSignal) => Promise<T>;
  /** The wait after a good round, ms; a function is asked after each round. */
  intervalMs: number | (() => number);
  /** Ends an interval wait early (webhooks). */
  wakeup?: Wakeup;
  /** Wait after a wakeup before the round, ms, so a burst of wakes makes one round (default 1 s). */
  wakeDebounceMs?: number;
  backoff: BackoffOptions;
  signal: AbortSignal;
  sleep: Sleep;
  random?: () => number;
  /** After a good round, with the wait before the next one. */
  onRound: (result: T, nextInMs: number) => void;
  /** After a failed round: the failure count so far (1 = first) and the wait before retrying. */
  onError: (error: unknown, failures: number, retryInMs: number) => void;
  /** Errors that end the loop instead of being retried. Default: none. */
  isFatal?: (error: unknown) => boolean;
}

/** ±10 % on the poll interval, so shops started together drift apart. */
const spread = (intervalMs: number, random: () => number) => Math.round(intervalMs * (0.9 + 0.2 * random()));

export async function pollLoop<T>(options: PollLoopOptions<T>): Promise<void> {
  const { signal, random = Math.random, isFatal = () => false } = options;
  const { intervalMs } = options;
  const interval = typeof intervalMs === 'number' ? () => intervalMs : intervalMs;
  let failures = 0;
  while (!signal.aborted) {
    let wait: number;
    let outcome: { ok: true; result: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, result: await options.round(signal) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (signal.aborted) return;
    if (outcome.ok) {
      failures = 0;
      wait = spread(interval(), random);
      options.onRound(outcome.result, wait);
    } else {
      if (isFatal(outcome.error)) throw outcome.error;
      const retryAfterMs = outcome.error instanceof ApiError ? outcome.error.retryAfterMs : undefined;
      wait = retryDelay(failures, options.backoff, retryAfterMs, random);
      failures += 1;
      options.onError(outcome.error, failures, wait);
    }
    try {
      let woken = false;
      if (outcome.ok && options.wakeup) woken = await options.wakeup.sleep(wait, options.sleep, signal);
      else await options.sleep(wait, signal);
      const debounce = options.wakeDebounceMs ?? 1_000;
      if (woken && debounce > 0) await options.sleep(debounce, signal);
      options.wakeup?.clear(); // wakes during the debounce are covered by the round that follows
    } catch {
      return; // aborted while waiting
    }
  }
}
