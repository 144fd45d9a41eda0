// Routing: which shops get offered a job, in what order, and when each one starts to see it.
import { ROUTING_CELL_PRECISION, cellsCovering, encode, haversineKm, type LatLon } from './geohash.ts';
import { canMake, type Requirement, type Shop } from './shop.ts';

/**
 * How far from the customer a candidate shop may be, km. Shops poll the index cells within
 * this radius of themselves (the store uses the same radius), so they find every order
 * they are a candidate for.
 */
export const DEFAULT_ROUTING_RADIUS_KM = 30;

/** How many shops an order is offered to, nearest first. */
export const DEFAULT_CANDIDATE_LIMIT = 5;

/** Each further candidate starts to see an unclaimed job this much later. */
export const OFFER_WINDOW_MS = 10 * 60 * 1000;

/** A shop an order may go to, and how far it is from the customer. */
export interface Candidate {
  shopId: string;
  distanceKm: number;
}

export interface RankOptions {
  /** Default {@link DEFAULT_ROUTING_RADIUS_KM}; inclusive. */
  maxKm?: number;
  /** Default {@link DEFAULT_CANDIDATE_LIMIT}. */
  limit?: number;
}

/**
 * Open shops that can make the part, within maxKm of `at`, nearest first (ties by shop id,
 * so the result never depends on input order), at most `limit` of them.
 */
export function rankCandidates(
  shops: readonly Shop[],
  at: LatLon,
  requirement: Requirement,
  options: RankOptions = {},
): Candidate[] {
  const { maxKm = DEFAULT_ROUTING_RADIUS_KM, limit = DEFAULT_CANDIDATE_LIMIT } = options;
  return shops
    .filter((shop) => shop.open && canMake(shop, requirement))
    .map((shop) => ({ shopId: shop.id, distanceKm: haversineKm(at, shop) }))
    .filter((c) => c.distanceKm <= maxKm)
    .sort((a, b) => a.distanceKm - b.distanceKm || (a.shopId < b.shopId ? -1 : a.shopId > b.shopId ? 1 : 0))
    .slice(0, limit);
}

/** The cell a shop (`GEO#`) or an open order (`OPEN#`, the customer's location) is indexed under. */
export function routingCell(at: LatLon): string {
  return encode(at.lat, at.lon, ROUTING_CELL_PRECISION);
}

/**
 * The cells to query around a point: a customer's, to find shops; a shop's, to find open
 * orders. Use the same radius for both (or a larger one for shops).
 */
export function routingCells(at: LatLon, radiusKm: number = DEFAULT_ROUTING_RADIUS_KM): string[] {
  return cellsCovering(at.lat, at.lon, radiusKm, ROUTING_CELL_PRECISION);
}

/** The parts of an order that decide when each candidate is offered the job. */
export interface OfferSchedule {
  placedAt: number;
  offerWindowMs?: number;
  candidates?: readonly { shopId: string }[];
  declined?: readonly { shopId: string }[];
}

/**
 * When candidate `candidateIndex` starts to see the job: placedAt + slot × offerWindowMs,
 * where slot is the candidate's index less the candidates ahead of it that have declined.
 * So an unclaimed job widens its reach with time, and a decline brings the next shop in at
 * once instead of after a wasted window.
 */
export function offerVisibleAt(
  order: OfferSchedule,
  candidateIndex: number,
  offerWindowMs: number = order.offerWindowMs ?? OFFER_WINDOW_MS,
): number {
  const ahead = order.candidates?.slice(0, candidateIndex) ?? [];
  const declinedAhead = ahead.filter((c) => order.declined?.some((d) => d.shopId === c.shopId)).length;
  return order.placedAt + (candidateIndex - declinedAhead) * offerWindowMs;
}

/**
 * When the last candidate that has not declined starts to see the job (see
 * {@link offerVisibleAt}), or null when every candidate declined or there are none. Declines
 * only ever make it earlier: each one moves the candidates behind it a slot forward.
 */
export function lastOfferVisibleAt(
  order: OfferSchedule,
  offerWindowMs: number = order.offerWindowMs ?? OFFER_WINDOW_MS,
): number | null {
  const candidates = order.candidates ?? [];
  for (let i = candidates.length - 1; i >= 0; i--) {
    if (!order.declined?.some((d) => d.shopId === candidates[i].shopId)) return offerVisibleAt(order, i, offerWindowMs);
  }
  return null;
}
