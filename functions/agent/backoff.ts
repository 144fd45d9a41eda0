// Backoff with full jitter, Retry-After parsing and an abortable sleep: the timing rules the
// poll loop uses. Sleep and randomness are injected for tests.
import { setTimeout as delay } from 'node:timers/promises';

export interface BackoffOptions {
  /** First ceiling, ms; the ceiling doubles with each failed attempt. */
  baseMs: number;
  /** Largest ceiling, ms. */
  capMs: number;
}

/** Waits ms, or rejects with an AbortError as soon as the signal fires. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, { signal });
};

/**
 * "Full jitter": a uniformly random wait between 0 and min(cap, base × 2^attempt), so many
 * agents that failed together do not retry together.
 * @example fullJitter(3, { baseMs: 1000, capMs: 60000 }, () => 0.5) // 4000
 */
export function fullJitter(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/** The wait before retry `attempt` (0-based): full jitter, but never shorter than Retry-After. */
export function retryDelay(attempt: number, options: BackoffOptions, retryAfterMs?: number, random?: () => number): number {
  return Math.max(retryAfterMs ?? 0, fullJitter(attempt, options, random));
}

/**
 * A Retry-After header in ms: delta-seconds ("3") or an HTTP date. undefined when absent or
 * unreadable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
