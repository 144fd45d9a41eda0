// The injectable clock: domain functions take `now` (ms since the epoch) from one of these.

/** Milliseconds since the Unix epoch; inject a fixed or stepping one in tests. */
export type Clock = () => number;

/** The real wall clock. */
export const systemClock: Clock = () => Date.now();
