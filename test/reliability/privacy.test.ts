// Privacy: after erasure no name, street or email remains in the table, the bucket or the
// logs, and the logs never hold tokens, API keys or addresses (recorded through the real
// jsonLogger and its redactor across a whole story, mistakes included).
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../functions/domain/geohash.ts';
import { runPrivacy, trilaterate } from './privacy.ts';

describe('privacy', () => {
  it('leaves nothing personal in the table, the bucket or the logs after erasure', async () => {
    const result = await runPrivacy();

    expect(result.violations).toEqual([]);
    expect(result.logLines).toBeGreaterThan(10);
  });

  it('trilaterate finds a point from its distances to three others (the check of what distances reveal)', () => {
    const target = { lat: 52.497, lon: 13.431 };
    const anchors = [
      { lat: 52.56, lon: 13.4 },
      { lat: 52.5, lon: 13.52 },
      { lat: 52.47, lon: 13.3 },
    ].map((a) => ({ ...a, km: haversineKm(a, target) }));

    expect(haversineKm(trilaterate(anchors), target)).toBeLessThan(0.001);
  });
});
