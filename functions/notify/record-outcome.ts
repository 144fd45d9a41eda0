// Writing a send's outcome (email or webhook) on the order's outbox after the send: the write is
// conditional on the version the "attempt started" write left; on a lost race (the order changed
// meanwhile) the order is read again and the outcome applied to its fresh outbox, a few times.
import type { AppDeps } from '../api/deps.ts';
import type { Outbox } from '../domain/notifications.ts';
import type { Order } from '../domain/order.ts';

/**
 * True once written. False leaves the attempt in flight: after IN_FLIGHT_TIMEOUT_MS it is sent
 * again and counted as a possible duplicate.
 */
export const recordOutcome = async (
  stores: AppDeps['stores'],
  order: Order,
  version: number,
  outbox: Outbox,
  apply: (o: Outbox) => Outbox,
): Promise<boolean> => {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await stores.outbox.save(order, version, apply(outbox))) return true;
    const fresh = await stores.orders.get(order.id);
    if (!fresh) return false;
    ({ outbox, order } = fresh);
    version = order.version;
  }
  return false;
};
