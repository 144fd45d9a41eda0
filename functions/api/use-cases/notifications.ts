// Customer-side email use cases: stop the mails for one order (the link in every mail), and
// record an offer that expired so its "nobody can make it" mail is produced by a write.
import { stopNotifications } from '../../domain/notifications.ts';
import { recordExpiry } from '../../domain/order-expiry.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../problem.ts';
import { mutateOrder, readOwnOrder } from './orders.ts';

/**
 * Stops further mails about this order: drops the pending ones and adds none from now on.
 * Repeating it changes nothing. The token is the order's own (the mail's link carries it).
 */
export const stopOrderNotifications = async (deps: AppDeps, id: string, token: string | undefined) => {
  let stored = await readOwnOrder(deps, id, token);
  for (let attempt = 0; ; attempt++) {
    if (stored.outbox.stoppedAt !== null) return { id, stoppedAt: stored.outbox.stoppedAt };
    const outbox = stopNotifications(stored.outbox, deps.clock());
    if (await deps.stores.outbox.save(stored.order, stored.order.version, outbox)) return { id, stoppedAt: outbox.stoppedAt as number };
    if (attempt >= 3) throw new Error(`order ${id} kept changing while stopping its mails`);
    const fresh = await deps.stores.orders.get(id);
    if (!fresh) throw notFound('This order');
    stored = fresh;
  }
};

/** Writes UNROUTABLE down for an order whose offer expired (a no-op otherwise); true if it wrote. */
export const recordExpiredOffer = async (deps: AppDeps, id: string): Promise<boolean> => {
  let wrote = false;
  await mutateOrder(deps, id, (order, now) => {
    const result = recordExpiry(order, now);
    wrote = result.ok && result.order !== order;
    return result;
  });
  return wrote;
};
