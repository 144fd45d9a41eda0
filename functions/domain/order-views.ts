// What the customer and a shop are shown of an order: each sees only what it needs.
import type { ColourId } from './colours.ts';
import type { QuotedPart } from './quote.ts';
import { ERASABLE_STATES, HELD_STATES, type Order, type OrderState } from './order-model.ts';
import type { ProductionProgress, SlicedFigures } from './production.ts';
import { effectiveState, holderOf, offerExpiresAt, offerExpired, visibleTo } from './order-visibility.ts';
import { offerVisibleAt } from './routing.ts';

/** The job itself, as both the customer and a shop see it: the order's own fields. */
interface JobFields extends Pick<
  Order,
  'id' | 'state' | 'designId' | 'params' | 'hash' | 'material' | 'quantity' | 'dimensionsMm' | 'weightGrams' | 'printSeconds' | 'tracking' | 'delivery' | 'placedAt' | 'updatedAt'
> {
  /** The colour per slot (empty on orders placed before colours: the shop's choice). */
  colours: ColourId[];
  /** The bodies with their colours (empty on orders placed before colours). */
  parts: QuotedPart[];
}

/** The customer's view (behind the secret order link): no shop ids anywhere. */
/** Production progress as the customer sees it: never the printer's message (shop-internal). */
export type PublicProgress = Omit<ProductionProgress, 'message'>;

export interface PublicOrderView extends JobFields, Pick<Order, 'priceCents' | 'currency' | 'contact' | 'erasedAt'> {
  timeline: { state: OrderState; at: number }[];
  /** Where the shop's production stands; no slicer or profile names, no printer messages. */
  progress: PublicProgress | null;
  canCancel: boolean;
  canErase: boolean;
}

/**
 * A shop's view of a job: never the customer's contact; `delivery` only for the holder, from
 * CLAIMED on, until erased (it has to ship the part).
 */
export interface ShopOrderView extends JobFields {
  /** This shop's distance from the customer. */
  distanceKm: number;
  /** When this shop was first offered the job. */
  offeredAt: number;
  claimedByYou: boolean;
  /** This shop's lease, when it holds the job. */
  leaseUntil: number | null;
  /** The progress and sliced figures this shop reported, when it holds the job. */
  progress: ProductionProgress | null;
  sliced: SlicedFigures | null;
}

/**
 * The customer's view. With `now`, an offer that expired shows as UNROUTABLE, with a timeline
 * entry at the moment it expired (derived, never stored); without it, the stored state as is.
 */
export function publicView(order: Order, now?: number): PublicOrderView {
  const timeline = order.history.map((h) => ({ state: h.state, at: h.at }));
  const expiredAt = now !== undefined && offerExpired(order, now) ? offerExpiresAt(order) : null;
  if (expiredAt !== null) timeline.push({ state: 'UNROUTABLE', at: expiredAt });
  const state = now === undefined ? order.state : effectiveState(order, now);
  return {
    id: order.id,
    state,
    timeline,
    progress: publicProgress(order.progress ?? null),
    designId: order.designId,
    params: { ...order.params },
    hash: order.hash,
    material: order.material,
    quantity: order.quantity,
    priceCents: order.priceCents,
    currency: order.currency,
    dimensionsMm: { ...order.dimensionsMm },
    weightGrams: order.weightGrams,
    printSeconds: order.printSeconds,
    colours: [...(order.colours ?? [])],
    parts: (order.parts ?? []).map((p) => ({ ...p })),
    tracking: order.tracking,
    contact: order.contact === null ? null : { ...order.contact },
    delivery: order.delivery === null ? null : { ...order.delivery },
    erasedAt: order.erasedAt,
    canCancel: state === 'PLACED',
    canErase: ERASABLE_STATES.includes(state),
    placedAt: order.placedAt,
    updatedAt: order.updatedAt,
  };
}

/** A shop's view, or null when the shop may not see the order now (see visibleTo). */
export function shopView(order: Order, shopId: string, now: number): ShopOrderView | null {
  if (!visibleTo(order, shopId, now)) return null;
  const index = order.candidates.findIndex((c) => c.shopId === shopId);
  const holds = holderOf(order) === shopId && HELD_STATES.includes(order.state);
  return {
    id: order.id,
    state: order.state,
    designId: order.designId,
    params: { ...order.params },
    hash: order.hash,
    material: order.material,
    quantity: order.quantity,
    dimensionsMm: { ...order.dimensionsMm },
    weightGrams: order.weightGrams,
    printSeconds: order.printSeconds,
    colours: [...(order.colours ?? [])],
    parts: (order.parts ?? []).map((p) => ({ ...p })),
    distanceKm: order.candidates[index].distanceKm,
    offeredAt: offerVisibleAt(order, index),
    claimedByYou: holds,
    leaseUntil: holds && order.claim !== null ? order.claim.leaseUntil : null,
    progress: holds && order.progress ? { ...order.progress } : null,
    sliced: holds && order.sliced ? { ...order.sliced } : null,
    delivery: holds && order.delivery !== null ? { ...order.delivery } : null,
    tracking: holds ? order.tracking : null,
    placedAt: order.placedAt,
    updatedAt: order.updatedAt,
  };
}

function publicProgress(progress: ProductionProgress | null): PublicProgress | null {
  if (progress === null) return null;
  return { stage: progress.stage, percent: progress.percent, secondsLeft: progress.secondsLeft, at: progress.at };
}
