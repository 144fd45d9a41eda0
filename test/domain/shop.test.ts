// Shop capability: materials, rates and the build-volume fit with turns about Z only.
import { describe, expect, it } from 'vitest';
import { MATERIALS, MATERIAL_IDS, isMaterial } from '../../functions/domain/materials.ts';
import { canMake, defaultRates, shopColoursProblem } from '../../functions/domain/shop.ts';
import { shop } from './fixtures.ts';

describe('materials', () => {
  it('lists PLA, PETG, ASA and TPU with their densities', () => {
    const densities = MATERIAL_IDS.map((id) => [id, MATERIALS[id].densityGPerCm3]);

    expect(densities).toEqual([['PLA', 1.24], ['PETG', 1.27], ['ASA', 1.07], ['TPU', 1.21]]);
    expect(MATERIAL_IDS.every((id) => MATERIALS[id].label.length > 0)).toBe(true);
  });

  it('recognises only supported material ids', () => {
    expect(isMaterial('PETG')).toBe(true);
    expect(isMaterial('ABS')).toBe(false);
    expect(isMaterial('toString')).toBe(false);
    expect(isMaterial(undefined)).toBe(false);
  });
});

describe('canMake', () => {
  const printer = shop({ buildVolume: { x: 200, y: 100, z: 50 } });

  it('accepts a part that fits as modelled, edges included', () => {
    expect(canMake(printer, { material: 'PLA', size: { x: 200, y: 100, z: 50 } })).toBe(true);
  });

  it('accepts a part that fits only turned 90° about Z', () => {
    expect(canMake(printer, { material: 'PLA', size: { x: 90, y: 180, z: 40 } })).toBe(true);
  });

  it('refuses a part that would have to tip over to fit', () => {
    expect(canMake(printer, { material: 'PLA', size: { x: 40, y: 40, z: 120 } })).toBe(false);
  });

  it('refuses a part too large in plan either way round', () => {
    expect(canMake(printer, { material: 'PLA', size: { x: 150, y: 150, z: 10 } })).toBe(false);
  });

  it('refuses a material the shop does not print', () => {
    expect(canMake(printer, { material: 'TPU', size: { x: 10, y: 10, z: 10 } })).toBe(false);
  });

  it('refuses a material it lists but has no rate for', () => {
    const { PETG: _dropped, ...rates } = defaultRates();
    const noPetgRate = shop({ rates });

    expect(canMake(noPetgRate, { material: 'PETG', size: { x: 10, y: 10, z: 10 } })).toBe(false);
  });

  it('ignores whether the shop is open (routing decides that)', () => {
    expect(canMake({ ...printer, open: false }, { material: 'PLA', size: { x: 10, y: 10, z: 10 } })).toBe(true);
  });
});

describe('defaultRates', () => {
  it('prices every material in whole cents and returns a fresh object each time', () => {
    const a = defaultRates();
    const b = defaultRates();
    a.PLA.perKgCents = 1;

    expect(b.PLA.perKgCents).not.toBe(1);
    expect(MATERIAL_IDS.every((m) => Number.isInteger(b[m].perKgCents) && Number.isInteger(b[m].perHourCents))).toBe(true);
  });
});

describe('shop colours', () => {
  it('a shop without colours takes one filament; two-colour jobs need colours ≥ 2', () => {
    const size = { x: 60, y: 20, z: 4 };

    expect(canMake(shop(), { material: 'PLA', size, colours: 2 })).toBe(false);
    expect(canMake(shop({ colours: 2 }), { material: 'PLA', size, colours: 2 })).toBe(true);
    expect(canMake(shop({ colours: 4 }), { material: 'PLA', size, colours: 1 })).toBe(true);
    expect(canMake(shop(), { material: 'PLA', size })).toBe(true);
  });

  it.each([0, 1.5, 9, Number.NaN])('refuses a declared colour count of %f', (n) => {
    expect(shopColoursProblem(n)).toMatch(/colours must be a whole number from 1 to 8/);
  });

  it('accepts 1 to 8', () => {
    expect(shopColoursProblem(1)).toBeNull();
    expect(shopColoursProblem(2)).toBeNull();
    expect(shopColoursProblem(8)).toBeNull();
  });
});
