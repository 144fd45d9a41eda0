// Order items written before jobs carried progress lack `progress` and `sliced`: the store
// reads them as null, through a single read and through the shop index alike.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderStore } from '../../functions/store/orders.ts';
import { startLocalStack, type LocalStack } from '../support/local-stack.ts';

// An order item exactly as the store wrote it before progress existed.
const oldOrder = {
  id: 'old-1', quoteId: 'q', designId: 'name-tag', params: {}, hash: 'h', material: 'PLA', quantity: 1, priceCents: 100, currency: 'EUR',
  dimensionsMm: { x: 1, y: 1, z: 1 }, weightGrams: 1, printSeconds: 1, cell: 'u33d', candidates: [{ shopId: 'shop-1', distanceKm: 1 }],
  offerWindowMs: 600_000, declined: [], state: 'PRINTING', claim: { shopId: 'shop-1', leaseUntil: 900_000 }, history: [], contact: null,
  delivery: null, erasedAt: null, tracking: null, placedAt: 0, updatedAt: 1_000, version: 3,
};

describe('orders stored before progress existed', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.clients.doc.send(
      new PutCommand({
        TableName: stack.config.tableName,
        Item: { PK: 'ORDER#old-1', SK: 'ORDER', GSI2PK: 'SHOP#shop-1', GSI2SK: '1000#old-1', order: oldOrder, token: 't' },
      }),
    );
  });
  afterAll(() => stack.close());

  it('read with progress and sliced null, and can be written again', async () => {
    const store = new OrderStore(stack.clients, stack.config, { indexCacheMs: 0 });

    const stored = await store.get('old-1');
    const held = await store.heldBy('shop-1');

    expect(stored?.order).toMatchObject({ id: 'old-1', progress: null, sliced: null });
    expect(held.map((o) => [o.id, o.progress, o.sliced])).toEqual([['old-1', null, null]]);
    await store.update({ ...stored!.order, version: 4 }, { tokenHash: stored!.tokenHash }, stored!.outbox);
    expect((await store.get('old-1'))?.order.version).toBe(4);
  });
});
