// Who sees an order when: offers widen with time, lapsed leases reopen, holders keep their
// job, and an offer nobody took lapses into UNROUTABLE, all judged at read time, no timers.
import { ERASABLE_STATES, HELD_STATES, OFFER_EXPIRY_MS, type Order, type OrderState } from './order-model.ts';
import { lastOfferVisibleAt, offerVisibleAt } from './routing.ts';

/**
 * True when the shop is a candidate that has not declined and whose offer time has come,
 * and the offer has not expired (see {@link offerExpired}); claim() relies on this to refuse.
 */
export function isOffered(order: Order, shopId: string, now: number): boolean {
  const index = order.candidates.findIndex((c) => c.shopId === shopId);
  if (index < 0 || order.declined.some((d) => d.shopId === shopId)) return false;
  return now >= offerVisibleAt(order, index) && !offerExpired(order, now);
}

/** True when the order is CLAIMED and the holder's lease has run out (now ≥ leaseUntil). */
export function leaseLapsed(order: Order, now: number): boolean {
  return order.state === 'CLAIMED' && order.claim !== null && now >= order.claim.leaseUntil;
}

/** The shop holding the job, or null. */
export function holderOf(order: Order): string | null {
  return order.claim !== null && HELD_STATES.includes(order.state) ? order.claim.shopId : null;
}

/**
 * The instant from which the stored order counts as expired ({@link offerExpired}), or null
 * while it cannot expire as stored (any state but PLACED and CLAIMED). It is the latest of:
 * - the last undeclined candidate's offer time + OFFER_EXPIRY_MS;
 * - the lease's end, while CLAIMED (a live lease never expires; a heartbeat moves this on);
 * - the last decline: a decline moves later candidates forward, so it can make the order
 *   expired at once; it then became so at the decline, not earlier, and the derived
 *   UNROUTABLE never predates a write.
 * With no undeclined candidate (never stored: placeOrder and reject make that UNROUTABLE),
 * nobody can claim the job, so it counts as expired from its latest change.
 */
export function offerExpiresAt(order: Order): number | null {
  if (order.state !== 'PLACED' && order.state !== 'CLAIMED') return null;
  const lastOffer = lastOfferVisibleAt(order);
  let at = lastOffer === null ? order.placedAt : lastOffer + OFFER_EXPIRY_MS;
  if (order.state === 'CLAIMED' && order.claim !== null) at = Math.max(at, order.claim.leaseUntil);
  for (const d of order.declined) at = Math.max(at, d.at);
  return at;
}

/**
 * True when nobody took the job in time: the order is PLACED, or CLAIMED with a lapsed lease,
 * and now ≥ the last undeclined candidate's offer time + OFFER_EXPIRY_MS (precisely: now ≥
 * {@link offerExpiresAt}). It then counts as UNROUTABLE ({@link effectiveState}): no shop
 * sees or can claim it, not even the one whose lease lapsed, and the customer is told so.
 */
export function offerExpired(order: Order, now: number): boolean {
  const at = offerExpiresAt(order);
  return at !== null && now >= at;
}

/** The state as of now: the stored one, or UNROUTABLE once the offer expired. */
export function effectiveState(order: Order, now: number): OrderState {
  return offerExpired(order, now) ? 'UNROUTABLE' : order.state;
}

/**
 * Whether the customer may erase their personal data now: once SHIPPED, DELIVERED,
 * CANCELLED or UNROUTABLE, stored or derived from an expired offer.
 */
export function erasableAt(order: Order, now: number): boolean {
  return ERASABLE_STATES.includes(effectiveState(order, now));
}

/**
 * Whether the customer may cancel now: while PLACED and not expired. Once expired the
 * customer has been told the order is UNROUTABLE, and cancelling would rewrite that.
 */
export function cancellableAt(order: Order, now: number): boolean {
  return effectiveState(order, now) === 'PLACED';
}

/**
 * Whether a shop may see an order: its own held job; a PLACED job it is offered; a CLAIMED
 * job whose lease lapsed and that it is offered. Nobody sees an expired offer, not even the
 * shop whose lease lapsed: the customer has been told the order is UNROUTABLE.
 */
export function visibleTo(order: Order, shopId: string, now: number): boolean {
  if (offerExpired(order, now)) return false;
  if (holderOf(order) === shopId) return true;
  if (order.state === 'PLACED') return isOffered(order, shopId, now);
  if (order.state === 'CLAIMED') return leaseLapsed(order, now) && isOffered(order, shopId, now);
  return false;
}

/**
 * Whether the order belongs in the open-jobs index (`OPEN#<cell>`): PLACED, or CLAIMED,
 * because a lease lapses without any write and other shops must then find the job. An
 * expired offer stays in the index as stored (expiry writes nothing); readers filter it out.
 */
export function isOpenForOffers(order: Order): boolean {
  return order.state === 'PLACED' || order.state === 'CLAIMED';
}
