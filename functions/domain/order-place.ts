// Placing an order: turn an unexpired, priced quote plus the customer's details into an order.
import { ExpiredError, ValidationError } from './errors.ts';
import type { Contact, Delivery, HistoryEntry, Order, OrderResult, QuoteRecord } from './order-model.ts';
import { OFFER_WINDOW_MS, type Candidate } from './routing.ts';

export interface PlaceOptions {
  /** Default {@link OFFER_WINDOW_MS}; stored on the order so later changes do not move it. */
  offerWindowMs?: number;
}

/**
 * Creates an order at version 1 from a quote and its ranked candidates (nearest first; the API passes the ones the quote was priced over).
 * With no candidates it is UNROUTABLE at once. Fails with ExpiredError when now ≥
 * quote.expiresAt, and ValidationError when the quote has no price.
 */
export function placeOrder(
  quote: QuoteRecord,
  contact: Contact,
  delivery: Delivery,
  candidates: readonly Candidate[],
  id: string,
  now: number,
  options: PlaceOptions = {},
): OrderResult {
  if (now >= quote.expiresAt) {
    return { ok: false, error: new ExpiredError(`quote ${quote.id} expired; ask for a new quote`) };
  }
  if (quote.price === null) {
    return {
      ok: false,
      error: new ValidationError('this quote has no price: no shop nearby can make the part', [
        { field: 'quoteId', message: 'no shop nearby can make this part' },
      ]),
    };
  }
  if (new Set(candidates.map((c) => c.shopId)).size !== candidates.length) {
    throw new RangeError('candidates must not repeat a shop');
  }
  const history: HistoryEntry[] = [{ state: 'PLACED', at: now }];
  if (candidates.length === 0) history.push({ state: 'UNROUTABLE', at: now });
  const order: Order = {
    id,
    quoteId: quote.id,
    designId: quote.designId,
    params: { ...quote.params },
    hash: quote.hash,
    material: quote.material,
    quantity: quote.quantity,
    priceCents: quote.price.totalCents,
    currency: quote.currency,
    dimensionsMm: { ...quote.dimensionsMm },
    weightGrams: quote.weightGrams,
    printSeconds: quote.printSeconds,
    colours: [...(quote.colours ?? [])],
    parts: (quote.parts ?? []).map((p) => ({ ...p })),
    cell: quote.cell,
    candidates: candidates.map((c) => ({ shopId: c.shopId, distanceKm: c.distanceKm })),
    offerWindowMs: options.offerWindowMs ?? OFFER_WINDOW_MS,
    declined: [],
    state: candidates.length === 0 ? 'UNROUTABLE' : 'PLACED',
    claim: null,
    history,
    contact: { ...contact },
    delivery: { ...delivery },
    erasedAt: null,
    tracking: null,
    progress: null,
    sliced: null,
    placedAt: now,
    updatedAt: now,
    version: 1,
  };
  return { ok: true, order };
}
