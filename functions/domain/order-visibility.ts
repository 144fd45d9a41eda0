// Who sees an order when: offers widen with time, lapsed leases reopen, holders keep their job.
import { HELD_STATES, type Order } from './order-model.ts';
import { offerVisibleAt } from './routing.ts';

/** True when the shop is a candidate that has not declined and whose offer time has come. */
export function isOffered(order: Order, shopId: string, now: number): boolean {
  const index = order.candidates.findIndex((c) => c.shopId === shopId);
  if (index < 0 || order.declined.some((d) => d.shopId === shopId)) return false;
  return now >= offerVisibleAt(order, index);
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
 * Whether a shop may see an order: its own held job; a PLACED job it is offered; a CLAIMED
 * job whose lease lapsed and that it is offered.
 */
export function visibleTo(order: Order, shopId: string, now: number): boolean {
  if (holderOf(order) === shopId) return true;
  if (order.state === 'PLACED') return isOffered(order, shopId, now);
  if (order.state === 'CLAIMED') return leaseLapsed(order, now) && isOffered(order, shopId, now);
  return false;
}

/**
 * Whether the order belongs in the open-jobs index (`OPEN#<cell>`): PLACED, or CLAIMED,
 * because a lease lapses without any write and other shops must then find the job.
 */
export function isOpenForOffers(order: Order): boolean {
  return order.state === 'PLACED' || order.state === 'CLAIMED';
}
