// The claim policy: loaded material and build volume (turned about Z, never tipped).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimDecision, fitsBuildVolume } from '../../functions/agent/claim-policy.ts';
import { canMake, defaultRates, type Shop } from '../../functions/domain/shop.ts';

const job = (over: Partial<Parameters<typeof claimDecision>[0]> = {}) => ({
  state: 'PLACED' as const,
  claimedByYou: false,
  material: 'PLA' as const,
  dimensionsMm: { x: 60, y: 20, z: 4 },
  ...over,
});
const printer = { materials: ['PLA' as const], buildVolume: { x: 220, y: 120, z: 100 } };

describe('claim policy', () => {
  it('claims an offered job in a loaded material that fits', () => {
    expect(claimDecision(job(), printer)).toEqual({ claim: true });
    expect(claimDecision(job({ state: 'CLAIMED' }), printer)).toEqual({ claim: true }); // a lapsed lease, offered again
  });

  it('says why it leaves a job', () => {
    expect(claimDecision(job({ material: 'PETG' }), printer)).toEqual({ claim: false, reason: 'PETG not loaded' });
    expect(claimDecision(job({ dimensionsMm: { x: 60, y: 20, z: 100.5 } }), printer)).toEqual({ claim: false, reason: '60×20×100.5 mm does not fit 220×120×100' });
    expect(claimDecision(job({ claimedByYou: true }), printer)).toEqual({ claim: false, reason: 'already yours' });
    expect(claimDecision(job({ state: 'PRINTING' }), printer)).toEqual({ claim: false, reason: 'it is PRINTING' });
  });

  it('turns a part about Z when that makes it fit, but never tips it over', () => {
    expect(fitsBuildVolume({ x: 110, y: 200, z: 50 }, printer.buildVolume)).toBe(true); // turned 90°
    expect(fitsBuildVolume({ x: 200, y: 110, z: 50 }, printer.buildVolume)).toBe(true);
    expect(fitsBuildVolume({ x: 130, y: 130, z: 50 }, printer.buildVolume)).toBe(false); // too wide either way
    expect(fitsBuildVolume({ x: 50, y: 50, z: 110 }, printer.buildVolume)).toBe(false); // would fit lying down: not allowed
    expect(fitsBuildVolume({ x: 220, y: 120, z: 100 }, printer.buildVolume)).toBe(true); // exactly the volume
  });

  it('agrees with the server\'s own fit rule (canMake) for every size', () => {
    const size = fc.record({ x: fc.integer({ min: 1, max: 400 }), y: fc.integer({ min: 1, max: 400 }), z: fc.integer({ min: 1, max: 400 }) });
    fc.assert(
      fc.property(size, size, (part, volume) => {
        const shop: Shop = { id: 's', name: 's', lat: 0, lon: 0, materials: ['PLA'], buildVolume: volume, rates: defaultRates(), setupFeeCents: 0, open: true, createdAt: 0 };
        expect(fitsBuildVolume(part, volume)).toBe(canMake(shop, { material: 'PLA', size: part }));
      }),
    );
  });
});
