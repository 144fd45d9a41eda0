// Customer-side order use cases: place (idempotent), read, cancel, erase personal data.
// Every change is read → pure transition → one conditional write on the version read.
import { constantTimeEqual, hashOrderToken, orderIdFromIdempotencyKey, orderTokenFor, reissuableToken } from '../../domain/ids.ts';
import { cancel, coarseDistance, erasePersonalData, placeOrder, publicView, type Delivery, type Order, type OrderResult } from '../../domain/order.ts';
import { emptyOutbox, withNotifications } from '../../domain/notifications.ts';
import { withWebhookEvents } from '../../domain/webhook-outbox.ts';
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

/** Stands in for a missing order's token hash, so a missing order is compared like any other. */
const NO_ORDER_HASH = '0'.repeat(64);

/**
 * Reads an order for its customer; a wrong token looks exactly like a missing order. The
 * table holds only the token's sha256, compared in constant time with the presented token's.
 */
export const readOwnOrder = async (deps: AppDeps, id: string, token: string | undefined): Promise<StoredOrder> => {
  const [stored, presented] = await Promise.all([deps.stores.orders.get(id), hashOrderToken(token ?? '')]);
  // Compare anyway when missing, so timing does not tell a wrong token from a wrong id.
  const matches = constantTimeEqual(stored?.tokenHash ?? NO_ORDER_HASH, presented);
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
    // The emails and shop webhook events this change produces go into the same conditional write (the outbox).
    const outbox = withWebhookEvents(withNotifications(stored.outbox, stored.order, next, next.updatedAt), stored.order, next, next.updatedAt);
    try {
      await deps.stores.orders.update(next, { tokenHash: stored.tokenHash }, outbox);
      return next;
    } catch (error) {
      if (!(error instanceof WriteConflictError) || attempt >= 2) throw error;
    }
  }
};

/**
 * Places an order, or answers a retry of the same request with the same order. The token is
 * derived from the order id (so from the Idempotency-Key and the quote) under the
 * installation's secret (orderTokenFor) and only its hash is stored: a retry with the same key
 * and the same body is given the token again by deriving it, never by reading it back.
 */
export const placeCustomerOrder = async (deps: AppDeps, idempotencyKey: string, input: OrderInput, baseUrl: string) => {
  const id = await orderIdFromIdempotencyKey(idempotencyKey, input.quoteId);
  const token = await orderTokenFor(deps.orderTokenSecret, id);
  // A retry finds its order even after the quote itself has expired and been deleted.
  const existing = await deps.stores.orders.get(id);
  if (existing) return { created: false, ...present(await replay(deps, existing, input), baseUrl, deps.clock()) };
  const found = await deps.stores.quotes.get(input.quoteId, deps.clock());
  if (!found) throw invalid([{ field: 'quoteId', code: 'unknown', message: 'there is no such quote; ask for a new quote' }]);
  if (found.expired) throw new ApiProblem(410, 'expired', 'Quote expired', 'This quote has expired; ask for a new quote.', [{ field: 'quoteId', code: 'expired', message: 'the quote has expired' }]);
  const now = deps.clock();
  const contact = { name: input.delivery.name, email: input.contact?.email ?? '' };
  const order = unwrap(placeOrder(found.quote, contact, input.delivery, found.quote.candidates, id, now));
  // The files move out of reach of the quote-expiry rule before the order exists, so an
  // order never points at files that could vanish (and a failure here writes no order).
  await deps.stores.meshes.keepForOrder(order.hash);
  const outbox = withWebhookEvents(withNotifications(emptyOutbox(), null, order, now), null, order, now);
  if (await deps.stores.orders.create(order, { tokenHash: await hashOrderToken(token) }, outbox)) return { created: true, ...present({ order, token }, baseUrl, now) };
  // Lost a race with a retry of the same request: answer as a retry of the one that won.
  const winner = await deps.stores.orders.get(id);
  if (!winner) throw new WriteConflictError(`order ${id} vanished`);
  return { created: false, ...present(await replay(deps, winner, input), baseUrl, deps.clock()) };
};

/**
 * What a retry of a placed order is given: the order and its token, if the request is the
 * same one and the order still has its customer's data. Once erased, the retry is refused
 * (410): the customer asked for the order to be forgotten, and nothing is left to check a
 * retry's details against, so the link is never handed out again (issue 16, finding 3).
 */
const replay = async (deps: AppDeps, stored: StoredOrder, input: OrderInput): Promise<{ order: Order; token: string }> => {
  if (stored.order.erasedAt !== null) {
    throw new ApiProblem(410, 'order-erased', 'Order erased', 'The order placed with this Idempotency-Key has had its personal data erased; its link is not handed out again. Send a new Idempotency-Key (and a new quote) to order again.', [
      { field: 'idempotency-key', code: 'erased', message: 'the order placed with this key was erased' },
    ]);
  }
  assertSameRequest(stored.order, input);
  // Orders stored before tokens were hashed keep their random token until their next write.
  if (stored.legacyToken) return { order: stored.order, token: stored.legacyToken };
  const token = await reissuableToken(deps.orderTokenSecret, stored.order.id, stored.tokenHash);
  if (!token) {
    // The installation's order-token secret changed since the order was placed.
    throw new ApiProblem(409, 'link-not-reissued', 'Order link cannot be issued again', 'This order was placed earlier, but its link can no longer be derived again on this server. Use the link from the first reply.', [
      { field: 'idempotency-key', code: 'not-reissued', message: 'the order exists; its link was given with the first reply' },
    ]);
  }
  return { order: stored.order, token };
};

/**
 * An Idempotency-Key names one request: reusing it with other delivery details is a client
 * bug, answered 422 rather than with the first order. (An erased order never gets here.)
 */
const assertSameRequest = (order: Order, input: OrderInput): void => {
  const same = canonicalJson(order.delivery) === canonicalJson(input.delivery) && (order.contact?.email ?? '') === (input.contact?.email ?? '');
  if (!same) {
    throw new ApiProblem(422, 'idempotency-mismatch', 'Idempotency-Key reused', 'This Idempotency-Key was used for an order with other details; send a new key for a new order.', [
      { field: 'idempotency-key', code: 'reused', message: 'already used with a different body' },
    ]);
  }
};

const present = ({ order, token }: { order: Order; token: string }, baseUrl: string, now: number) => ({
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
