// The order state machine: one import point for the order's shape, transitions, visibility and views.
export * from './order-model.ts';
export { placeOrder, type PlaceOptions } from './order-place.ts';
export { claim, heartbeat, setStatus, reject, cancel, erasePersonalData, coarseDistance, ERASED_DISTANCE_STEP_KM } from './order-transitions.ts';
export {
  visibleTo,
  isOffered,
  leaseLapsed,
  isOpenForOffers,
  holderOf,
  offerExpired,
  offerExpiresAt,
  effectiveState,
  erasableAt,
  cancellableAt,
} from './order-visibility.ts';
export { publicView, shopView, type PublicOrderView, type ShopOrderView } from './order-views.ts';
