// A busy shop's finished jobs must never crowd its open ones out of its poll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../functions/domain/order.ts';
import { OrderStore } from '../../functions/store/orders.ts';
import { startLocalStack, type LocalStack } from '../support/local-stack.ts';

const order = (id: string, state: Order['state'], updatedAt: number): Order =>
  ({
    id, quoteId: 'q', designId: 'name-tag', params: {}, hash: 'h', material: 'PLA', quantity: 1, priceCents: 100, currency: 'EUR',
    dimensionsMm: { x: 1, y: 1, z: 1 }, weightGrams: 1, printSeconds: 1, cell: 'u33d', candidates: [{ shopId: 'busy', distanceKm: 1 }],
    offerWindowMs: 600_000, declined: [], state, claim: { shopId: 'busy', leaseUntil: updatedAt + 900_000 }, history: [], contact: null,
    delivery: null, erasedAt: null, tracking: state === 'SHIPPED' ? 'T' : null, progress: null, sliced: null, placedAt: 0, updatedAt, version: 1,
  }) as Order;

describe('OrderStore.heldBy', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
  });
  afterAll(() => stack.close());

  it('lists only the jobs still being worked on, however many were shipped after them', async () => {
    const store = new OrderStore(stack.clients, stack.config, { indexCacheMs: 0 });
    await store.create(order('printing-1', 'PRINTING', 1_000), { tokenHash: 't' });
    await store.create(order('claimed-1', 'CLAIMED', 2_000), { tokenHash: 't' });
    for (let i = 0; i < 60; i++) await store.create(order(`shipped-${i}`, 'SHIPPED', 10_000 + i), { tokenHash: 't' });

    const held = await store.heldBy('busy', 50);

    expect(held.map((o) => o.id).sort()).toEqual(['claimed-1', 'printing-1']);
  });
});
