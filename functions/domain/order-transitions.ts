// Order transitions after placement: claim, heartbeat, status, reject, cancel, erasure. Pure.
import { ConflictError, ForbiddenError, InvalidTransitionError, ValidationError, type DomainError } from './errors.ts';
import {
  ERASABLE_STATES,
  LEASE_MS,
  REJECT_REASONS,
  type HistoryEntry,
  type Order,
  type OrderResult,
  type OrderState,
  type RejectReason,
  type ShopStatus,
} from './order-model.ts';
import { holderOf, isOffered, leaseLapsed, offerExpired, offerExpiresAt } from './order-visibility.ts';
import { checkReport, isEmptyReport, printedProgress, type ProductionReport } from './production-report.ts';

const NEXT_STATUS: Readonly<Partial<Record<OrderState, ShopStatus>>> = Object.freeze({
  CLAIMED: 'PRINTING',
  PRINTING: 'PRINTED',
  PRINTED: 'SHIPPED',
  SHIPPED: 'DELIVERED',
});

const SHOP_STATUSES: readonly string[] = Object.values(NEXT_STATUS);
export const MAX_TRACKING_LENGTH = 200;
export const MAX_NOTE_LENGTH = 500;

/**
 * A shop takes the job: from PLACED, or from CLAIMED once the lease lapsed, if it is an
 * offered candidate. The holder claiming again just renews its lease (a holder past CLAIMED
 * → InvalidTransitionError: it knows its own job's state). Who may act is judged before the
 * state (see {@link offeredGuard}): not a candidate, declined, not offered yet, expired, or
 * no longer on offer → ForbiddenError (a 404, as for a missing job); offered but held by
 * another shop → ConflictError, whatever that shop's progress.
 */
export function claim(order: Order, shopId: string, now: number, leaseMs: number = LEASE_MS): OrderResult {
  if (offerExpired(order, now)) return fail(expiredOffer(order));
  const lease = { shopId, leaseUntil: now + leaseMs };
  if (holderOf(order) === shopId) {
    if (order.state !== 'CLAIMED') return fail(new InvalidTransitionError(order.state, 'CLAIMED'));
    return ok(advance(order, now, { claim: lease }));
  }
  const refused = offeredGuard(order, shopId, now);
  if (refused) return fail(refused);
  // A new holder starts its own production: the previous holder's progress and figures go.
  return ok(advance(order, now, { state: 'CLAIMED', claim: lease, progress: null, sliced: null }, { state: 'CLAIMED', at: now, by: shopId }));
}

/**
 * The holder extends its lease to now + leaseMs. Allowed while CLAIMED (even after the lease
 * lapsed, as long as nobody took the job over), PRINTING or PRINTED, where it is harmless.
 * A report (progress, sliced figures) is checked and kept on the same change.
 */
export function heartbeat(order: Order, shopId: string, now: number, report?: ProductionReport, leaseMs: number = LEASE_MS): OrderResult {
  if (holderOf(order) !== shopId) return fail(notHolder(order, shopId));
  if (offerExpired(order, now)) return fail(expiredOffer(order));
  if (order.state !== 'CLAIMED' && order.state !== 'PRINTING' && order.state !== 'PRINTED') {
    return fail(new InvalidTransitionError(order.state, order.state, `no lease to extend once ${order.state}`));
  }
  const checked = checkReport(report ?? {}, now);
  if (!checked.ok) return fail(checked.error);
  return ok(advance(order, now, { claim: { shopId, leaseUntil: now + leaseMs }, ...checked.report }));
}

/**
 * The holder reports progress, one step at a time: CLAIMED → PRINTING → PRINTED → SHIPPED
 * → DELIVERED. SHIPPED needs a tracking string (trimmed, 1–200 characters); `tracking` is
 * ignored for other steps. Repeating the current state is an InvalidTransitionError.
 * A report is accepted with PRINTING and PRINTED only; PRINTED without one sets the
 * progress to stage 'printed', 100 %, nothing left.
 */
export function setStatus(
  order: Order,
  shopId: string,
  status: ShopStatus,
  now: number,
  tracking?: string,
  report?: ProductionReport,
): OrderResult {
  if (!SHOP_STATUSES.includes(status)) {
    const message = `must be one of ${SHOP_STATUSES.join(', ')}`;
    return fail(new ValidationError(`unknown status ${String(status)}`, [{ field: 'status', message }]));
  }
  if (holderOf(order) !== shopId) return fail(notHolder(order, shopId));
  if (offerExpired(order, now)) return fail(expiredOffer(order));
  if (NEXT_STATUS[order.state] !== status) return fail(new InvalidTransitionError(order.state, status));
  const entry: HistoryEntry = { state: status, at: now, by: shopId };
  const checked = checkReport(report ?? {}, now);
  if (!checked.ok) return fail(checked.error);
  if (status === 'PRINTING' || status === 'PRINTED') {
    const production = status === 'PRINTED' ? { progress: printedProgress(now), ...checked.report } : checked.report;
    return ok(advance(order, now, { state: status, ...production }, entry));
  }
  if (!isEmptyReport(report)) {
    const message = 'progress and sliced figures are accepted while the job is CLAIMED, PRINTING or PRINTED';
    return fail(new ValidationError(`no production report once ${status}`, [{ field: report?.progress ? 'progress' : 'sliced', message }]));
  }
  if (status !== 'SHIPPED') return ok(advance(order, now, { state: status }, entry));
  const trimmed = tracking?.trim() ?? '';
  if (trimmed.length === 0 || trimmed.length > MAX_TRACKING_LENGTH) {
    const message = `required to ship, 1–${MAX_TRACKING_LENGTH} characters`;
    return fail(new ValidationError('SHIPPED needs a tracking number', [{ field: 'tracking', message }]));
  }
  return ok(advance(order, now, { state: status, tracking: trimmed }, entry));
}

/**
 * A shop declines the job with a reason: the holder (while CLAIMED) or an offered candidate
 * (while PLACED, or CLAIMED with a lapsed lease). It joins `declined`; a holder's claim is
 * cleared and the job goes back to PLACED, where the next candidate sees it at once; with
 * no undeclined candidate left the order is UNROUTABLE. Declining twice → ConflictError.
 * Anyone else is judged by {@link offeredGuard} before the state is looked at.
 */
export function reject(order: Order, shopId: string, reason: RejectReason, now: number, note?: string): OrderResult {
  if (!REJECT_REASONS.includes(reason)) {
    const message = `must be one of ${REJECT_REASONS.join(', ')}`;
    return fail(new ValidationError(`unknown reason ${String(reason)}`, [{ field: 'reason', message }]));
  }
  if (!isCandidate(order, shopId)) return fail(notCandidate(order, shopId));
  if (offerExpired(order, now)) return fail(expiredOffer(order));
  // Said to a shop that declined, whatever became of the job since: it learns nothing new.
  if (order.declined.some((d) => d.shopId === shopId)) {
    return fail(new ConflictError(`shop ${shopId} already declined order ${order.id}`));
  }
  const isHolder = holderOf(order) === shopId;
  if (isHolder && order.state !== 'CLAIMED') return fail(new InvalidTransitionError(order.state, 'declined'));
  const refused = isHolder ? undefined : offeredGuard(order, shopId, now);
  if (refused) return fail(refused);

  const trimmedNote = note?.trim().slice(0, MAX_NOTE_LENGTH);
  const declined = [...order.declined, { shopId, reason, at: now, ...(trimmedNote ? { note: trimmedNote } : {}) }];
  const anyLeft = order.candidates.some((c) => !declined.some((d) => d.shopId === c.shopId));
  const state: OrderState = !anyLeft ? 'UNROUTABLE' : isHolder ? 'PLACED' : order.state;
  const claimAfter = isHolder || !anyLeft ? null : order.claim;
  const entry = state === order.state ? undefined : { state, at: now, by: shopId };
  const production = isHolder ? { progress: null, sliced: null } : {};
  return ok(advance(order, now, { declined, claim: claimAfter, state, ...production }, entry));
}

/** The customer cancels; only while PLACED (before any shop claimed it) and not yet expired. */
export function cancel(order: Order, now: number): OrderResult {
  if (offerExpired(order, now)) return fail(new InvalidTransitionError('UNROUTABLE', 'CANCELLED', 'no shop took the order; there is nothing left to cancel'));
  if (order.state !== 'PLACED') return fail(new InvalidTransitionError(order.state, 'CANCELLED'));
  return ok(advance(order, now, { state: 'CANCELLED' }, { state: 'CANCELLED', at: now }));
}

/**
 * Replaces contact and delivery with null and records erasedAt (kept from the first
 * erasure if repeated). Only once SHIPPED, DELIVERED, CANCELLED or UNROUTABLE: until then
 * a shop may still need the address.
 */
export function erasePersonalData(order: Order, now: number): OrderResult {
  // An offer nobody took is UNROUTABLE by time alone; erasing it first records that state.
  if (offerExpired(order, now)) {
    const at = offerExpiresAt(order) ?? now;
    order = { ...order, state: 'UNROUTABLE', claim: null, history: [...order.history, { state: 'UNROUTABLE', at }] };
  }
  if (!ERASABLE_STATES.includes(order.state)) {
    const message = `personal data can be erased once the order is ${ERASABLE_STATES.join(', ')}; it is ${order.state}`;
    return fail(new InvalidTransitionError(order.state, 'erased', message));
  }
  // Exact distances to three shops would give the customer's location back by
  // trilateration; once erased, they are kept only to the nearest ERASED_DISTANCE_STEP_KM.
  const candidates = order.candidates.map((c) => ({ ...c, distanceKm: coarseDistance(c.distanceKm) }));
  // A tracking number looks up the recipient's name and address at the carrier: it goes too.
  return ok(advance(order, now, { contact: null, delivery: null, tracking: null, candidates, erasedAt: order.erasedAt ?? now }));
}

function expiredOffer(order: Order): DomainError {
  return new ForbiddenError(`order ${order.id} expired unclaimed at ${new Date(offerExpiresAt(order) ?? 0).toISOString()}`);
}

/** Granularity of shop distances kept after erasure, km: too coarse to locate anyone. */
export const ERASED_DISTANCE_STEP_KM = 10;

export const coarseDistance = (km: number): number => Math.round(km / ERASED_DISTANCE_STEP_KM) * ERASED_DISTANCE_STEP_KM;

/** A copy with the patch applied, version + 1, updatedAt = now, and the entry appended. */
function advance(order: Order, now: number, patch: Partial<Order>, entry?: HistoryEntry): Order {
  return {
    ...order,
    ...patch,
    history: entry === undefined ? order.history : [...order.history, entry],
    updatedAt: now,
    version: order.version + 1,
  };
}

/**
 * Why a shop that does not hold the job may not claim or decline it, or undefined if it may.
 * Visibility comes first, so the answer never depends on a state the shop may not see: not a
 * candidate, not offered (yet, or any more) → ForbiddenError, the 404 of a missing job; an
 * offered candidate that lost the job to another shop's live claim → ConflictError "claimed
 * by another shop" (the claim race's answer), without naming how far that shop got; a job no
 * longer on offer to anyone (cancelled, unroutable) → ForbiddenError again.
 */
function offeredGuard(order: Order, shopId: string, now: number): DomainError | undefined {
  if (!isCandidate(order, shopId)) return notCandidate(order, shopId);
  if (!isOffered(order, shopId, now)) return notOffered(order, shopId);
  const holder = holderOf(order);
  if (holder !== null && holder !== shopId && !leaseLapsed(order, now)) return takenByOther(order);
  if (order.state !== 'PLACED' && order.state !== 'CLAIMED') return notOffered(order, shopId);
  return undefined;
}

function isCandidate(order: Order, shopId: string): boolean {
  return order.candidates.some((c) => c.shopId === shopId);
}

function notCandidate(order: Order, shopId: string): ForbiddenError {
  return new ForbiddenError(`shop ${shopId} is not a candidate for order ${order.id}`);
}

function notOffered(order: Order, shopId: string): ForbiddenError {
  return new ForbiddenError(`order ${order.id} is not offered to shop ${shopId}`);
}

function notHolder(order: Order, shopId: string): ForbiddenError {
  return new ForbiddenError(`shop ${shopId} does not hold order ${order.id}`);
}

function takenByOther(order: Order): ConflictError {
  return new ConflictError(`order ${order.id} is claimed by another shop`);
}

function ok(order: Order): OrderResult {
  return { ok: true, order };
}

function fail(error: DomainError): OrderResult {
  return { ok: false, error };
}
