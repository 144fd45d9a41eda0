// The order (one print job): its shape, its states and the constants its rules use.
import type { DomainError } from './errors.ts';
import type { Material } from './materials.ts';
import type { ProductionProgress, SlicedFigures } from './production.ts';
import type { ColourId } from './colours.ts';
import type { Quote, QuotedPart } from './quote.ts';
import type { Candidate } from './routing.ts';
import type { Size } from './shop.ts';

export type OrderState =
  | 'PLACED'
  | 'CLAIMED'
  | 'PRINTING'
  | 'PRINTED'
  | 'SHIPPED'
  | 'DELIVERED'
  | 'CANCELLED'
  | 'UNROUTABLE';

export const ORDER_STATES: readonly OrderState[] = Object.freeze([
  'PLACED', 'CLAIMED', 'PRINTING', 'PRINTED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'UNROUTABLE',
]);

/** States a shop reports through setStatus, each only from the one before it. */
export type ShopStatus = 'PRINTING' | 'PRINTED' | 'SHIPPED' | 'DELIVERED';

/** States in which a shop holds the job (claim.shopId is the holder). */
export const HELD_STATES: readonly OrderState[] = Object.freeze(['CLAIMED', 'PRINTING', 'PRINTED', 'SHIPPED', 'DELIVERED']);

/** States in which the holding shop works on the job: its lease runs and it reports production. */
export const AT_WORK_STATES: readonly OrderState[] = Object.freeze(['CLAIMED', 'PRINTING', 'PRINTED']);

/** True for a state in AT_WORK_STATES (takes any string: views carry states as text). */
export const isAtWork = (state: string): boolean => (AT_WORK_STATES as readonly string[]).includes(state);

/** States after which personal data may be erased. */
export const ERASABLE_STATES: readonly OrderState[] = Object.freeze(['SHIPPED', 'DELIVERED', 'CANCELLED', 'UNROUTABLE']);

export type RejectReason = 'material_unavailable' | 'printer_busy' | 'cannot_print' | 'other';

export const REJECT_REASONS: readonly RejectReason[] = Object.freeze(['material_unavailable', 'printer_busy', 'cannot_print', 'other']);

/** A claim lasts 15 minutes unless renewed by a heartbeat. */
export const LEASE_MS = 15 * 60 * 1000;

/**
 * How long an offer stays open after the LAST undeclined candidate starts to see it; past
 * that, an order nobody claimed (or whose claim lapsed) counts as UNROUTABLE, derived at read
 * time (see offerExpired in order-visibility.ts), with no timer. 48 hours: even a shop that
 * polls only a few times a day (morning and evening, say) sees the job on several polls,
 * and the nearer candidates have had it longer still (one offer window each); yet the
 * customer learns within two days that nobody will make the part, rather than never. A shop
 * that is away for a whole weekend can miss it; the customer can order again.
 */
export const OFFER_EXPIRY_MS = 48 * 60 * 60 * 1000;

/** Design parameters as the customer chose them. */
export type DesignParams = Readonly<Record<string, string | number | boolean>>;

/** How to reach the customer. Personal data: never shown to shops. */
export interface Contact {
  name: string;
  email: string;
  phone?: string;
}

/** Where to ship. Personal data: shown only to the shop holding the claim. */
export interface Delivery {
  name: string;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  region?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface Decline {
  shopId: string;
  reason: RejectReason;
  at: number;
  /** The shop's own words, for the operator (at most 500 characters). */
  note?: string;
}

export interface Claim {
  shopId: string;
  /** Other visible candidates may take the job over from this instant (while CLAIMED). */
  leaseUntil: number;
}

export interface HistoryEntry {
  state: OrderState;
  at: number;
  /** The shop that caused it; absent when the customer or the system did. */
  by?: string;
}

/** A stored quote as placeOrder needs it: the priced quote plus what the API knows. */
export interface QuoteRecord extends Quote {
  id: string;
  designId: string;
  params: DesignParams;
  /** Mesh content hash. */
  hash: string;
  /** routingCell() of the customer's location: the order's `OPEN#` index cell. */
  cell: string;
}

/**
 * One order = one print job. Absent values are null, never undefined, so the item
 * marshals as is. Every successful change returns a copy with version + 1.
 */
export interface Order {
  id: string;
  quoteId: string;
  designId: string;
  params: DesignParams;
  hash: string;
  material: Material;
  quantity: number;
  /** What the customer pays, integer euro cents. */
  priceCents: number;
  currency: 'EUR';
  dimensionsMm: Size;
  /** Per piece. */
  weightGrams: number;
  /** Per piece. */
  printSeconds: number;
  /** The filament colour per slot the shop loads; absent on orders placed before colours. */
  colours?: ColourId[];
  /** The bodies, their colours and grams per piece; absent on orders placed before colours. */
  parts?: QuotedPart[];
  cell: string;
  /** Nearest first. */
  candidates: Candidate[];
  offerWindowMs: number;
  declined: Decline[];
  state: OrderState;
  claim: Claim | null;
  history: HistoryEntry[];
  contact: Contact | null;
  delivery: Delivery | null;
  erasedAt: number | null;
  tracking: string | null;
  /** The latest progress the holder reported; null until it reports (and on items older than progress). */
  progress: ProductionProgress | null;
  /** What the holder's slicer said about the job; null until reported. */
  sliced: SlicedFigures | null;
  placedAt: number;
  updatedAt: number;
  /** Starts at 1; the store writes only if the stored version is still version − 1. */
  version: number;
}

/** What every order operation returns: the next order, or why not. */
export type OrderResult = { ok: true; order: Order } | { ok: false; error: DomainError };
