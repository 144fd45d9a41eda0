// The operator's "quoted vs actual" reads exactly the orders that carry sliced figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../functions/domain/order.ts';
import { OrderStore } from '../../functions/store/orders.ts';
import { readSlicedJobs } from '../../functions/store/sliced-orders.ts';
import { startLocalStack, type LocalStack } from '../support/local-stack.ts';

const SLICED = { printSeconds: 5400, filamentGrams: 7.9, filamentMm: 2640, layers: 20, slicer: 'PrusaSlicer 2.5.0', profile: 'atelier-pla' };

const order = (id: string, sliced: Order['sliced']): Order =>
  ({
    id, quoteId: 'q', designId: 'planter', params: {}, hash: 'h', material: 'PLA', quantity: 2, priceCents: 100, currency: 'EUR',
    dimensionsMm: { x: 1, y: 1, z: 1 }, weightGrams: 4, printSeconds: 900, cell: 'u33d', candidates: [{ shopId: 's', distanceKm: 1 }],
    offerWindowMs: 600_000, declined: [], state: 'PRINTED', claim: { shopId: 's', leaseUntil: 1 }, history: [], contact: null,
    delivery: null, erasedAt: null, tracking: null, progress: null, sliced, placedAt: 0, updatedAt: 1, version: 1,
  }) as Order;

describe('readSlicedJobs', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
  });
  afterAll(() => stack.close());

  it('returns only orders with sliced figures, with the fields the comparison reads', async () => {
    const store = new OrderStore(stack.clients, stack.config);
    await store.create(order('with', SLICED), { tokenHash: 't' });
    await store.create(order('without', null), { tokenHash: 't' });

    const jobs = await readSlicedJobs(stack.clients, stack.config);

    expect(jobs).toEqual([{ designId: 'planter', quantity: 2, printSeconds: 900, weightGrams: 4, sliced: SLICED }]);
  });
});
