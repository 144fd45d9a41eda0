// The system clock reads wall time in ms since the epoch.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../functions/domain/clock.ts';

describe('systemClock', () => {
  it('returns the current time in milliseconds', () => {
    const before = Date.now();

    const now = systemClock();

    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
