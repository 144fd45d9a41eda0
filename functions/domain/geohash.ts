// Geohash cells and great-circle distance: how shops and orders are found by place without a scan.

/** A point on the globe in decimal degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** A geohash cell's extent in degrees. */
export interface CellBounds {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/**
 * The precision of an order's own cell (`order.cell`, from the customer's location).
 * The table indexes shops and open orders by a coarser prefix of it (precision 3, see
 * functions/store/cells.ts): measured polls and quotes were dominated by the number of
 * queries, and a precision 3 circle of 30 km needs 1-4 of them instead of 9-16; the
 * extra items read are filtered by exact distance and visibility in memory.
 *
 * Precision 4 cells are 0.3516° × 0.1758°: about 39 × 20 km at the equator and 25 × 20 km
 * at 50° N. The default 30 km routing radius (routing.ts) then touches about 9 cells (at
 * most 12) at the equator and 12 (at most 16) at 50° N, queried in parallel. Together they
 * span only 2–2.5× the circle's area, so little is read just to be filtered away, and a busy
 * city is spread over several partitions. Precision 3 (156 km) needs 2–4 queries but reads
 * 12–16× the circle's area from one regional partition; precision 5 (5 km) needs 150–230
 * queries. Past a ~50 km radius (up to 29 cells) precision 3 becomes the better trade.
 * Changing it means re-indexing every shop and open order.
 */
export const ROUTING_CELL_PRECISION = 4;

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';
const MAX_PRECISION = 12;
const MAX_COVERING_CELLS = 4096;

/**
 * Encodes a point as a geohash of `precision` characters (1–12).
 * @example encode(57.64911, 10.40744, 11) // 'u4pruydqqvj'
 */
export function encode(lat: number, lon: number, precision: number): string {
  checkPoint(lat, lon);
  checkPrecision(precision);
  let [latMin, latMax, lonMin, lonMax] = [-90, 90, -180, 180];
  let hash = '';
  let bits = 0;
  let value = 0;
  let evenBit = true;
  while (hash.length < precision) {
    if (evenBit) {
      const mid = (lonMin + lonMax) / 2;
      value = value * 2 + (lon >= mid ? 1 : 0);
      if (lon >= mid) lonMin = mid;
      else lonMax = mid;
    } else {
      const mid = (latMin + latMax) / 2;
      value = value * 2 + (lat >= mid ? 1 : 0);
      if (lat >= mid) latMin = mid;
      else latMax = mid;
    }
    evenBit = !evenBit;
    if (++bits === 5) {
      hash += BASE32[value];
      bits = 0;
      value = 0;
    }
  }
  return hash;
}

/** The extent of a cell in degrees. Throws RangeError on a malformed geohash. */
export function bounds(cell: string): CellBounds {
  checkPrecision(cell.length);
  let [minLat, maxLat, minLon, maxLon] = [-90, 90, -180, 180];
  let evenBit = true;
  for (const char of cell.toLowerCase()) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new RangeError(`geohash "${cell}" contains "${char}", not a geohash digit`);
    for (let bit = 4; bit >= 0; bit--) {
      const on = ((index >> bit) & 1) === 1;
      if (evenBit) {
        const mid = (minLon + maxLon) / 2;
        if (on) minLon = mid;
        else maxLon = mid;
      } else {
        const mid = (minLat + maxLat) / 2;
        if (on) minLat = mid;
        else maxLat = mid;
      }
      evenBit = !evenBit;
    }
  }
  return { minLat, maxLat, minLon, maxLon };
}

/** Width and height in degrees of every cell of a precision. */
export function cellSizeDegrees(precision: number): { lonDeg: number; latDeg: number } {
  checkPrecision(precision);
  const totalBits = precision * 5;
  return { lonDeg: 360 / 2 ** Math.ceil(totalBits / 2), latDeg: 180 / 2 ** Math.floor(totalBits / 2) };
}

/**
 * The cells around `cell`, in the order N, NE, E, SE, S, SW, W, NW. Longitude wraps at the
 * antimeridian; next to a pole there is no row beyond it, so fewer than 8 come back.
 */
export function neighbours(cell: string): string[] {
  const b = bounds(cell);
  const height = b.maxLat - b.minLat;
  const width = b.maxLon - b.minLon;
  const centreLat = (b.minLat + b.maxLat) / 2;
  const centreLon = (b.minLon + b.maxLon) / 2;
  const steps: [number, number][] = [[1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1]];
  const found: string[] = [];
  for (const [dLat, dLon] of steps) {
    const lat = centreLat + dLat * height;
    if (lat > 90 || lat < -90) continue;
    const next = encode(lat, wrapLon(centreLon + dLon * width), cell.length);
    if (next !== cell && !found.includes(next)) found.push(next);
  }
  return found;
}

/**
 * The cells of `precision` whose union covers the circle of `radiusKm` around a point, and
 * only cells that actually touch it: enumerate the circle's lat/lon bounding box, keep each
 * cell whose nearest point is within the radius. Sorted, so the result is deterministic.
 * Throws RangeError if that takes more than 4096 cells, e.g. a large radius at a fine
 * precision, or a circle reaching a pole, where every longitude is in reach.
 */
export function cellsCovering(lat: number, lon: number, radiusKm: number, precision: number): string[] {
  checkPoint(lat, lon);
  if (!Number.isFinite(radiusKm) || radiusKm < 0) {
    throw new RangeError(`radiusKm must be a finite number ≥ 0, got ${radiusKm}`);
  }
  const { lonDeg, latDeg } = cellSizeDegrees(precision);
  const rows = 180 / latDeg;
  const cols = 360 / lonDeg;
  // A millimetre of slack keeps points on a cell edge from falling to float rounding.
  const reachKm = radiusKm * (1 + 1e-9) + 1e-6;
  const radiusDeg = toDeg(reachKm / EARTH_RADIUS_KM);
  const minLat = Math.max(-90, lat - radiusDeg);
  const maxLat = Math.min(90, lat + radiusDeg);
  const lonHalf = lonHalfWidthDeg(lat, radiusDeg);
  const firstRow = clampIndex(Math.floor((minLat + 90) / latDeg), rows);
  const lastRow = clampIndex(Math.floor((maxLat + 90) / latDeg), rows);
  const firstCol = lonHalf >= 180 ? 0 : Math.floor((lon - lonHalf + 180) / lonDeg);
  const lastCol = lonHalf >= 180 ? cols - 1 : Math.floor((lon + lonHalf + 180) / lonDeg);
  const colCount = Math.min(cols, lastCol - firstCol + 1);
  if ((lastRow - firstRow + 1) * colCount > MAX_COVERING_CELLS) {
    throw new RangeError(`radius ${radiusKm} km needs too many precision-${precision} cells`);
  }
  const centre = { lat, lon };
  const cells = new Set<string>([encode(lat, lon, precision)]);
  for (let row = firstRow; row <= lastRow; row++) {
    for (let offset = 0; offset < colCount; offset++) {
      const col = (((firstCol + offset) % cols) + cols) % cols;
      const cellLat = -90 + (row + 0.5) * latDeg;
      const cellLon = -180 + (col + 0.5) * lonDeg;
      const cell = encode(cellLat, cellLon, precision);
      if (distanceToCellKm(centre, bounds(cell)) <= reachKm) cells.add(cell);
    }
  }
  return [...cells].sort();
}

/**
 * Great-circle distance in km (haversine, mean Earth radius).
 * @example haversineKm({ lat: 48.8566, lon: 2.3522 }, { lat: 51.5074, lon: -0.1278 }) // ≈ 343.5
 */
export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Shortest great-circle distance in km from a point to any point of a cell (0 inside). */
export function distanceToCellKm(p: LatLon, cell: CellBounds): number {
  const insideLon = lonWithin(p.lon, cell.minLon, cell.maxLon);
  if (insideLon) {
    const nearestLat = clamp(p.lat, cell.minLat, cell.maxLat);
    return EARTH_RADIUS_KM * toRad(Math.abs(p.lat - nearestLat));
  }
  // Outside the cell's longitudes the nearest point is on the meridian edge nearer in
  // longitude, at the foot of the perpendicular clamped to the edge; corners are a backstop.
  const dMin = Math.abs(lonDelta(p.lon, cell.minLon));
  const dMax = Math.abs(lonDelta(p.lon, cell.maxLon));
  const edgeLon = dMin <= dMax ? cell.minLon : cell.maxLon;
  const dLon = toRad(Math.min(dMin, dMax));
  const footLat = toDeg(Math.atan2(Math.sin(toRad(p.lat)), Math.cos(toRad(p.lat)) * Math.cos(dLon)));
  const candidates: LatLon[] = [
    { lat: clamp(footLat, cell.minLat, cell.maxLat), lon: edgeLon },
    { lat: cell.minLat, lon: edgeLon },
    { lat: cell.maxLat, lon: edgeLon },
  ];
  return Math.min(...candidates.map((c) => haversineKm(p, c)));
}

function lonHalfWidthDeg(lat: number, radiusDeg: number): number {
  if (Math.abs(lat) + radiusDeg >= 90) return 180;
  const ratio = Math.sin(toRad(radiusDeg)) / Math.cos(toRad(lat));
  return ratio >= 1 ? 180 : toDeg(Math.asin(ratio));
}

function lonWithin(lon: number, min: number, max: number): boolean {
  return [lon, lon + 360, lon - 360].some((l) => l >= min && l <= max);
}

/** Signed longitude difference b − a folded into [-180, 180]. */
function lonDelta(a: number, b: number): number {
  return ((((b - a) % 360) + 540) % 360) - 180;
}

function wrapLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function clampIndex(index: number, count: number): number {
  return clamp(index, 0, count - 1);
}

function toRad(deg: number): number {
  return (deg * Math.PI) / 180;
}

function toDeg(rad: number): number {
  return (rad * 180) / Math.PI;
}

function checkPoint(lat: number, lon: number): void {
  if (!(lat >= -90 && lat <= 90)) throw new RangeError(`lat must be within [-90, 90], got ${lat}`);
  if (!(lon >= -180 && lon <= 180)) throw new RangeError(`lon must be within [-180, 180], got ${lon}`);
}

function checkPrecision(precision: number): void {
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_PRECISION) {
    throw new RangeError(`geohash precision must be an integer from 1 to ${MAX_PRECISION}, got ${precision}`);
  }
}
