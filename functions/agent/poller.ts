// The poll loop: run a round, wait the poll interval, repeat; on a retryable failure wait
// with exponential backoff and full jitter (at least Retry-After) instead. Stops when the
// signal fires, or rethrows an error the caller says is fatal (a revoked key, say).
import { retryDelay, type BackoffOptions, type Sleep } from './backoff.ts';
import { ApiError } from './errors.ts';

export interface PollLoopOptions<T> {
  round: (signal: AbortSignal) => Promise<T>;
  intervalMs: number;
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
      wait = spread(options.intervalMs, random);
      options.onRound(outcome.result, wait);
    } else {
      if (isFatal(outcome.error)) throw outcome.error;
      const retryAfterMs = outcome.error instanceof ApiError ? outcome.error.retryAfterMs : undefined;
      wait = retryDelay(failures, options.backoff, retryAfterMs, random);
      failures += 1;
      options.onError(outcome.error, failures, wait);
    }
    try {
      await options.sleep(wait, signal);
    } catch {
      return; // aborted while waiting
    }
  }
}
