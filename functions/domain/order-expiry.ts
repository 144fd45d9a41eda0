// Recording an expired offer: an order nobody took counts as UNROUTABLE from offerExpiresAt on
// without any write (order-visibility.ts); this writes that state down, so that the customer's
// "nobody can make it" email is produced by a write like every other. Pure.
import type { OrderResult } from './order-model.ts';
import type { Order } from './order-model.ts';
import { offerExpired, offerExpiresAt } from './order-visibility.ts';

/**
 * The order as UNROUTABLE with a history entry at the instant its offer expired, or the order
 * itself (unchanged, same object) when its offer has not expired. Reads see the same state
 * before and after: this only records what effectiveState() already derives.
 * @example recordExpiry(order, order.placedAt + 49 * 3_600_000).order.state // 'UNROUTABLE'
 */
export function recordExpiry(order: Order, now: number): OrderResult {
  if (!offerExpired(order, now)) return { ok: true, order };
  const at = offerExpiresAt(order) ?? now;
  return {
    ok: true,
    order: {
      ...order,
      state: 'UNROUTABLE',
      claim: null,
      history: [...order.history, { state: 'UNROUTABLE', at }],
      updatedAt: now,
      version: order.version + 1,
    },
  };
}
