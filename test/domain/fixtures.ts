// Shared builders for the domain tests: shops, quotes, customers, orders, a fixed clock.
import type { Contact, Delivery, Order, OrderResult, QuoteRecord } from '../../functions/domain/order.ts';
import { placeOrder } from '../../functions/domain/order.ts';
import type { Candidate } from '../../functions/domain/routing.ts';
import { defaultRates, type Shop } from '../../functions/domain/shop.ts';

/** Monday 5 January 2026, 09:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
export const MINUTE = 60_000;

export const PARIS = { lat: 48.8566, lon: 2.3522 };

export function shop(overrides: Partial<Shop> = {}): Shop {
  return {
    id: 'shop-a',
    name: 'Atelier A',
    lat: PARIS.lat,
    lon: PARIS.lon,
    materials: ['PLA', 'PETG'],
    buildVolume: { x: 250, y: 210, z: 220 },
    rates: defaultRates(),
    setupFeeCents: 300,
    open: true,
    createdAt: T0 - 1000 * MINUTE,
    ...overrides,
  };
}

export const contact: Contact = { name: 'Ada Lovelace', email: 'ada@example.org', phone: '+33 1 23 45 67 89' };

export const delivery: Delivery = {
  name: 'Ada Lovelace',
  line1: '12 rue des Fleurs',
  postalCode: '75011',
  city: 'Paris',
  country: 'FR',
};

export function quoteRecord(overrides: Partial<QuoteRecord> = {}): QuoteRecord {
  return {
    id: 'quote-1',
    designId: 'name-tag',
    params: { text: 'ADA', widthMm: 60 },
    hash: 'a'.repeat(64),
    cell: 'u09t',
    material: 'PLA',
    materialLabel: 'PLA (rigid, everyday)',
    quantity: 2,
    dimensionsMm: { x: 60, y: 20, z: 4 },
    volumeMm3: 3000,
    surfaceAreaMm2: 3200,
    weightGrams: 3.4,
    colours: ['white'],
    parts: [{ role: 'part', label: 'Part', colourSlot: 0, colour: 'white', weightGrams: 3.4 }],
    toolChanges: 0,
    purgeGrams: 0,
    printSeconds: 420,
    currency: 'EUR',
    price: { setupFeeCents: 300, unitCents: 150, totalCents: 600 },
    shopCount: 3,
    createdAt: T0 - 5 * MINUTE,
    expiresAt: T0 + 25 * MINUTE,
    ...overrides,
  };
}

export function candidates(...ids: string[]): Candidate[] {
  return ids.map((shopId, i) => ({ shopId, distanceKm: 2 + i * 3.5 }));
}

/** The order from a successful result; fails the test loudly otherwise. */
export function unwrap(result: OrderResult): Order {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.name}: ${result.error.message}`);
  return deepFreeze(result.order);
}

/** A frozen PLACED order offered to the given shops (default s1, s2, s3), placed at T0. */
export function placed(ids: string[] = ['s1', 's2', 's3']): Order {
  return unwrap(placeOrder(quoteRecord(), contact, delivery, candidates(...ids), 'order-1', T0));
}

/** Freezes deeply so any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
