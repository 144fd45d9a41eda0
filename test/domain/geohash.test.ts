// Geohash encoding, neighbours, circle covering and great-circle distance.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EARTH_RADIUS_KM,
  bounds,
  cellSizeDegrees,
  cellsCovering,
  distanceToCellKm,
  encode,
  haversineKm,
  neighbours,
  type LatLon,
} from '../../functions/domain/geohash.ts';

/** The point `distanceKm` from `from` along initial bearing `bearingDeg` (spherical). */
function destination(from: LatLon, bearingDeg: number, distanceKm: number): LatLon {
  const r = Math.PI / 180;
  const d = distanceKm / EARTH_RADIUS_KM;
  const [phi1, lambda1, theta] = [from.lat * r, from.lon * r, bearingDeg * r];
  const phi2 = Math.asin(Math.sin(phi1) * Math.cos(d) + Math.cos(phi1) * Math.sin(d) * Math.cos(theta));
  const lambda2 = lambda1 + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(phi1), Math.cos(d) - Math.sin(phi1) * Math.sin(phi2));
  const lon = ((((lambda2 / r + 180) % 360) + 360) % 360) - 180;
  return { lat: Math.max(-90, Math.min(90, phi2 / r)), lon };
}

describe('encode', () => {
  it.each([
    [57.64911, 10.40744, 11, 'u4pruydqqvj'],
    [42.6, -5.6, 5, 'ezs42'],
    [48.8566, 2.3522, 4, 'u09t'],
    [-25.382708, -49.265506, 8, '6gkzwgjz'],
  ])('encodes %f, %f at precision %i as %s', (lat, lon, precision, expected) => {
    const cell = encode(lat, lon, precision);

    expect(cell).toBe(expected);
  });

  it('is a prefix of itself at higher precision', () => {
    const coarse = encode(57.64911, 10.40744, 4);
    const fine = encode(57.64911, 10.40744, 9);

    expect(fine.startsWith(coarse)).toBe(true);
  });

  it.each([
    [91, 0, 4],
    [0, 181, 4],
    [Number.NaN, 0, 4],
    [0, 0, 0],
    [0, 0, 13],
    [0, 0, 2.5],
  ])('rejects lat %f lon %f precision %f', (lat, lon, precision) => {
    expect(() => encode(lat, lon, precision)).toThrow(RangeError);
  });
});

describe('bounds', () => {
  it('returns a cell that contains the encoded point, of the precision size', () => {
    const b = bounds('u4pruydqqvj');

    expect(b.minLat).toBeLessThanOrEqual(57.64911);
    expect(b.maxLat).toBeGreaterThan(57.64911);
    expect(b.minLon).toBeLessThanOrEqual(10.40744);
    expect(b.maxLon).toBeGreaterThan(10.40744);
    expect(b.maxLon - b.minLon).toBeCloseTo(cellSizeDegrees(11).lonDeg, 12);
    expect(b.maxLat - b.minLat).toBeCloseTo(cellSizeDegrees(11).latDeg, 12);
  });

  it('round-trips any point through encode', () => {
    fc.assert(
      fc.property(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), fc.integer({ min: 1, max: 12 }), (lat, lon, precision) => {
        const b = bounds(encode(lat, lon, precision));

        expect(lat).toBeGreaterThanOrEqual(b.minLat);
        expect(lat).toBeLessThanOrEqual(b.maxLat);
        expect(lon).toBeGreaterThanOrEqual(b.minLon);
        expect(lon).toBeLessThanOrEqual(b.maxLon);
      }),
    );
  });

  it('rejects characters that are not geohash digits', () => {
    expect(() => bounds('u4pa')).toThrow(/not a geohash digit/);
  });

  it('gives precision 4 cells of 0.3516° × 0.1758°', () => {
    const size = cellSizeDegrees(4);

    expect(size.lonDeg).toBeCloseTo(0.3515625, 10);
    expect(size.latDeg).toBeCloseTo(0.17578125, 10);
  });
});

describe('neighbours', () => {
  it('lists the 8 cells around gbsuv clockwise from north', () => {
    const cells = neighbours('gbsuv');

    expect(cells).toEqual(['gbsvj', 'gbsvn', 'gbsuy', 'gbsuw', 'gbsut', 'gbsus', 'gbsuu', 'gbsvh']);
  });

  it('returns 8 distinct same-length cells that touch the cell', () => {
    const cell = encode(48.8566, 2.3522, 6);
    const b = bounds(cell);

    const cells = neighbours(cell);

    expect(new Set(cells).size).toBe(8);
    for (const n of cells) {
      const nb = bounds(n);
      expect(n).toHaveLength(6);
      expect(Math.max(nb.minLat, b.minLat)).toBeLessThanOrEqual(Math.min(nb.maxLat, b.maxLat) + 1e-12);
      expect(Math.max(nb.minLon, b.minLon)).toBeLessThanOrEqual(Math.min(nb.maxLon, b.maxLon) + 1e-12);
    }
  });

  it('wraps east across the antimeridian', () => {
    const cell = encode(10, 179.99, 4);

    const east = neighbours(cell)[2];

    expect(bounds(east).minLon).toBe(-180);
  });

  it('has no row beyond the pole', () => {
    const cell = encode(89.99, 0, 4);

    const cells = neighbours(cell);

    expect(cells).toHaveLength(5);
    expect(cells.every((n) => bounds(n).maxLat <= bounds(cell).maxLat)).toBe(true);
  });
});

describe('cellsCovering', () => {
  it('contains the cell of every point within the radius', () => {
    // Within a radius of a pole every longitude is in reach, so the count of cells explodes;
    // the poles have their own test below at a precision where that stays bounded.
    const setup = fc.record({
      lat: fc.double({ min: -89, max: 89, noNaN: true }),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
      precision: fc.constantFrom(3, 4, 5),
      radiusFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      bearing: fc.double({ min: 0, max: 360, noNaN: true }),
      distanceFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    const maxRadius: Record<number, number> = { 3: 300, 4: 60, 5: 8 };
    fc.assert(
      fc.property(setup, ({ lat, lon, precision, radiusFraction, bearing, distanceFraction }) => {
        const radiusKm = maxRadius[precision] * radiusFraction;
        const point = destination({ lat, lon }, bearing, radiusKm * distanceFraction);

        const cells = cellsCovering(lat, lon, radiusKm, precision);

        expect(cells).toContain(encode(point.lat, point.lon, precision));
      }),
      { numRuns: 3000 },
    );
  });

  it('covers points near the poles and the antimeridian', () => {
    const centres: LatLon[] = [{ lat: 89.95, lon: 12 }, { lat: -89.99, lon: -100 }, { lat: 0.01, lon: 179.999 }, { lat: -33.9, lon: -179.98 }];
    for (const centre of centres) {
      const cells = new Set(cellsCovering(centre.lat, centre.lon, 25, 4));
      for (let bearing = 0; bearing < 360; bearing += 7.5) {
        for (const km of [1, 12.5, 24.9]) {
          const p = destination(centre, bearing, km);
          expect(cells.has(encode(p.lat, p.lon, 4))).toBe(true);
        }
      }
    }
  });

  it('measures the distance to a cell as the nearest of densely sampled cell points', () => {
    const setup = fc.record({
      lat: fc.double({ min: -85, max: 85, noNaN: true }),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
      dLat: fc.double({ min: -1, max: 1, noNaN: true }),
      dLon: fc.double({ min: -1.5, max: 1.5, noNaN: true }),
    });
    fc.assert(
      fc.property(setup, ({ lat, lon, dLat, dLon }) => {
        const cell = bounds(encode(Math.max(-90, Math.min(90, lat + dLat)), ((lon + dLon + 540) % 360) - 180, 4));
        let sampled = Infinity;
        for (let i = 0; i <= 40; i++) {
          for (let j = 0; j <= 40; j++) {
            const p = { lat: cell.minLat + ((cell.maxLat - cell.minLat) * i) / 40, lon: cell.minLon + ((cell.maxLon - cell.minLon) * j) / 40 };
            sampled = Math.min(sampled, haversineKm({ lat, lon }, p));
          }
        }

        const exact = distanceToCellKm({ lat, lon }, cell);

        expect(exact).toBeLessThanOrEqual(sampled + 1e-9);
        expect(exact).toBeGreaterThanOrEqual(sampled - 0.6);
      }),
      { numRuns: 300 },
    );
  });

  it('returns only the centre cell for radius 0', () => {
    const cells = cellsCovering(48.8566, 2.3522, 0, 4);

    expect(cells).toEqual([encode(48.8566, 2.3522, 4)]);
  });

  it('keeps the default routing circle to a few cells', () => {
    const paris = cellsCovering(48.8566, 2.3522, 30, 4);
    const quito = cellsCovering(-0.1807, -78.4678, 30, 4);

    expect(paris.length).toBeLessThanOrEqual(16);
    expect(quito.length).toBeLessThanOrEqual(12);
  });

  it('leaves out the corners of the bounding box that the circle does not reach', () => {
    const { lonDeg, latDeg } = cellSizeDegrees(4);
    const radiusKm = 30;
    const rows = Math.ceil((2 * radiusKm) / 111.2 / latDeg) + 1;
    const cols = Math.ceil((2 * radiusKm) / (111.2 * Math.cos((48.8566 * Math.PI) / 180)) / lonDeg) + 1;

    const cells = cellsCovering(48.8566, 2.3522, radiusKm, 4);

    expect(cells.length).toBeLessThan(rows * cols);
  });

  it('is sorted and free of duplicates', () => {
    const cells = cellsCovering(52.52, 13.405, 40, 4);

    expect([...cells].sort()).toEqual(cells);
    expect(new Set(cells).size).toBe(cells.length);
  });

  it('refuses a radius that would need thousands of cells', () => {
    expect(() => cellsCovering(48.8566, 2.3522, 500, 5)).toThrow(/too many/);
  });

  it('refuses a negative radius', () => {
    expect(() => cellsCovering(48.8566, 2.3522, -1, 4)).toThrow(RangeError);
  });
});

describe('haversineKm', () => {
  it('measures Paris–London as about 343.5 km', () => {
    const km = haversineKm({ lat: 48.8566, lon: 2.3522 }, { lat: 51.5074, lon: -0.1278 });

    expect(km).toBeCloseTo(343.5, 0);
  });

  it('measures equator to pole as a quarter of a great circle', () => {
    const km = haversineKm({ lat: 0, lon: 0 }, { lat: 90, lon: 0 });

    expect(km).toBeCloseTo((Math.PI * EARTH_RADIUS_KM) / 2, 6);
  });

  it('is zero for the same point and symmetric', () => {
    const a = { lat: 35.6762, lon: 139.6503 };
    const b = { lat: -33.8688, lon: 151.2093 };

    expect(haversineKm(a, a)).toBe(0);
    expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 9);
    expect(haversineKm(a, b)).toBeCloseTo(7826, -1);
  });

  it('takes the short way across the antimeridian', () => {
    const km = haversineKm({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 });

    expect(km).toBeCloseTo((Math.PI / 180) * EARTH_RADIUS_KM, 6);
  });
});
