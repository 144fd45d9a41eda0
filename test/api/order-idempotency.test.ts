// POST /orders is idempotent without a second table: the order id is derived from the
// Idempotency-Key and the quote, so retries, even concurrent ones, land on one item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashOrderToken } from '../../functions/domain/ids.ts';
import { QUOTE_TTL_MS } from '../../functions/domain/quote.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, countStatuses, DELIVERY, orderItems, postOrder, quote, type Api } from '../support/api-flow.ts';

describe('POST /orders with an Idempotency-Key', () => {
  let server: TestServer;
  let api: Api;
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    await addShopsNearBerlin(server, 2);
  });
  afterAll(() => server.close());

  const itemsFor = async (id: string) => (await orderItems(server)).filter((item) => item.PK.S === `ORDER#${id}`);

  it('returns the same order on a retry: 201 first, 200 after, one item in the table', async () => {
    const { body: q } = await quote(api);

    const first = await postOrder(api, q.id, 'retry-key-0001');
    const retry = await postOrder(api, q.id, 'retry-key-0001');

    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.token).toBe(first.body.token);
    expect(retry.body.orderUrl).toBe(first.body.orderUrl);
    expect(retry.body.order.placedAt).toBe(first.body.order.placedAt);
    expect(await itemsFor(first.body.id)).toHaveLength(1);
  });

  it('refuses a reused key with other delivery details (422 naming the key) and writes nothing', async () => {
    const { body: q } = await quote(api);
    const first = await postOrder(api, q.id, 'reuse-key-0001');

    const other = await postOrder(api, q.id, 'reuse-key-0001', { delivery: { ...DELIVERY, name: 'Mallory' } });

    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body.errors).toEqual([expect.objectContaining({ field: 'idempotency-key' })]);
    expect(JSON.stringify(other.body)).not.toContain(first.body.token);
    expect(await itemsFor(first.body.id)).toHaveLength(1);
  });

  it('makes a different order for a different key on the same quote', async () => {
    const { body: q } = await quote(api);
    const before = (await orderItems(server)).length;

    const a = await postOrder(api, q.id, 'distinct-key-a');
    const b = await postOrder(api, q.id, 'distinct-key-b');

    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.body.token).not.toBe(a.body.token);
    expect((await orderItems(server)).length).toBe(before + 2);
  });

  it('still answers a retry after the quote expired, while a new key on that quote is refused', async () => {
    const { body: q } = await quote(api);
    const first = await postOrder(api, q.id, 'expiry-key-0001');
    server.clock.advance(QUOTE_TTL_MS);
    const ordersBefore = (await orderItems(server)).length;

    const retry = await postOrder(api, q.id, 'expiry-key-0001');
    const fresh = await postOrder(api, q.id, 'expiry-key-0002');

    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    expect(fresh.status).toBe(410);
    expect(fresh.body.errors.map((e: { field: string }) => e.field)).toEqual(['quoteId']);
    expect((await orderItems(server)).length).toBe(ordersBefore);
  });

  it('gives ten concurrent retries one order: one 201, nine 200, all with the same id and token', async () => {
    const { body: q } = await quote(api);

    const replies = await Promise.all(Array.from({ length: 10 }, () => postOrder(api, q.id, 'concurrent-key-0001')));

    expect(countStatuses(replies)).toEqual({ 201: 1, 200: 9 });
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(replies.map((r) => r.body.token)).size).toBe(1);
    const items = await itemsFor(replies[0].body.id);
    expect(items).toHaveLength(1);
    expect(items[0].tokenHash.S).toBe(await hashOrderToken(replies[0].body.token));
    expect(items[0].token).toBeUndefined();
  });
});
