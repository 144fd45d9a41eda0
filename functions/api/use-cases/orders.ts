// Customer-side order use cases: place (idempotent), read, cancel, erase personal data.
// Every change is read → pure transition → one conditional write on the version read.
import { constantTimeEqual, newToken, orderIdFromIdempotencyKey } from '../../domain/ids.ts';
import { cancel, coarseDistance, erasePersonalData, placeOrder, publicView, type Delivery, type Order, type OrderResult } from '../../domain/order.ts';
import { emptyOutbox, withNotifications } from '../../domain/notifications.ts';
import { canonicalJson } from '../../mesh/hash.ts';
import { WriteConflictError } from '../../store/errors.ts';
import type { StoredOrder } from '../../store/orders.ts';
import type { AppDeps } from '../deps.ts';
import { ApiProblem, invalid, notFound } from '../problem.ts';

export interface OrderInput {
  quoteId: string;
  delivery: Delivery;
  contact?: { email: string };
}

const unwrap = (result: OrderResult): Order => {
  if (!result.ok) throw result.error;
  return result.order;
};

/** Reads an order for its customer; a wrong token looks exactly like a missing order. */
export const readOwnOrder = async (deps: AppDeps, id: string, token: string | undefined): Promise<StoredOrder> => {
  const stored = await deps.stores.orders.get(id);
  // Compare anyway when missing, so timing does not tell a wrong token from a wrong id.
  const matches = constantTimeEqual(stored?.token ?? 'x'.repeat(32), token ?? '');
  if (!stored || !token || !matches) throw notFound('This order');
  return stored;
};

/**
 * Runs a transition with optimistic concurrency: on a lost race it re-reads and tries
 * again, so the transition is judged on the newest state (a few attempts at most).
 */
export const mutateOrder = async (
  deps: AppDeps,
  id: string,
  transition: (order: Order, now: number) => OrderResult,
  read: () => Promise<StoredOrder | undefined> = () => deps.stores.orders.get(id),
): Promise<Order> => {
  for (let attempt = 0; ; attempt++) {
    const stored = await read();
    if (!stored) throw notFound('This order');
    const next = unwrap(transition(stored.order, deps.clock()));
    // A transition that finds nothing to change (a retry that raced its original) writes nothing.
    if (next === stored.order) return next;
    // The emails this change produces go into the same conditional write (the outbox).
    const outbox = withNotifications(stored.outbox, stored.order, next, next.updatedAt);
    try {
      await deps.stores.orders.update(next, { token: stored.token }, outbox);
      return next;
    } catch (error) {
      if (!(error instanceof WriteConflictError) || attempt >= 2) throw error;
    }
  }
};

export const placeCustomerOrder = async (deps: AppDeps, idempotencyKey: string, input: OrderInput, baseUrl: string) => {
  const id = await orderIdFromIdempotencyKey(idempotencyKey, input.quoteId);
  // A retry finds its order even after the quote itself has expired and been deleted.
  const existing = await deps.stores.orders.get(id);
  if (existing) {
    assertSameRequest(existing.order, input);
    return { created: false, ...present(existing, baseUrl, deps.clock()) };
  }
  const found = await deps.stores.quotes.get(input.quoteId, deps.clock());
  if (!found) throw invalid([{ field: 'quoteId', code: 'unknown', message: 'there is no such quote; ask for a new quote' }]);
  if (found.expired) throw new ApiProblem(410, 'expired', 'Quote expired', 'This quote has expired; ask for a new quote.', [{ field: 'quoteId', code: 'expired', message: 'the quote has expired' }]);
  const now = deps.clock();
  const contact = { name: input.delivery.name, email: input.contact?.email ?? '' };
  const order = unwrap(placeOrder(found.quote, contact, input.delivery, found.quote.candidates, id, now));
  // The files move out of reach of the quote-expiry rule before the order exists, so an
  // order never points at files that could vanish (and a failure here writes no order).
  await deps.stores.meshes.keepForOrder(order.hash);
  const token = newToken();
  const outbox = withNotifications(emptyOutbox(), null, order, now);
  if (await deps.stores.orders.create(order, { token }, outbox)) return { created: true, ...present({ order, token, outbox }, baseUrl, now) };
  // Lost a race with a retry of the same request: return what the first one stored.
  const winner = await deps.stores.orders.get(id);
  if (!winner) throw new WriteConflictError(`order ${id} vanished`);
  return { created: false, ...present(winner, baseUrl, deps.clock()) };
};

/**
 * An Idempotency-Key names one request: reusing it with other delivery details is a client
 * bug, answered 422 rather than with the first order. (Once erased there is nothing left to
 * compare, and the retry gets the order as it is.)
 */
const assertSameRequest = (order: Order, input: OrderInput): void => {
  if (order.delivery === null) return;
  const same = canonicalJson(order.delivery) === canonicalJson(input.delivery) && (order.contact?.email ?? '') === (input.contact?.email ?? '');
  if (!same) {
    throw new ApiProblem(422, 'idempotency-mismatch', 'Idempotency-Key reused', 'This Idempotency-Key was used for an order with other details; send a new key for a new order.', [
      { field: 'idempotency-key', code: 'reused', message: 'already used with a different body' },
    ]);
  }
};

const present = ({ order, token }: StoredOrder, baseUrl: string, now: number) => ({
  id: order.id,
  token,
  orderUrl: `${baseUrl}/#/orders/${order.id}?token=${token}`,
  order: publicView(order, now),
});

/** A read for mutateOrder that uses an order already read (and checked) once, then reads afresh. */
const alreadyRead = (deps: AppDeps, first: StoredOrder) => {
  let used = false;
  return () => (used ? deps.stores.orders.get(first.order.id) : ((used = true), Promise.resolve(first)));
};

export const cancelOrder = async (deps: AppDeps, id: string, token: string | undefined) => {
  const own = await readOwnOrder(deps, id, token);
  return publicView(await mutateOrder(deps, id, cancel, alreadyRead(deps, own)), deps.clock());
};

export const eraseOrderData = async (deps: AppDeps, id: string, token: string | undefined) => {
  const own = await readOwnOrder(deps, id, token);
  // Erasing again changes nothing, so a repeated DELETE writes no new version either.
  if (own.order.erasedAt !== null) return publicView(own.order, deps.clock());
  const erased = await mutateOrder(deps, id, erasePersonalData, alreadyRead(deps, own));
  await deps.stores.quotes.forgetLocation(erased.quoteId, coarseDistance);
  return publicView(erased, deps.clock());
};
