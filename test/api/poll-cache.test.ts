// Polls reuse their index reads for INDEX_CACHE_MS (and the shop's key for KNOWN_KEY_TTL_MS), so a
// busy shop costs no queries, yet they stay exact for writes made through this process, and a
// write made elsewhere (another Lambda instance) shows within INDEX_CACHE_MS and can never be
// claimed over. The index cache runs on performance.now(), which the test steps by hand so a
// slow machine cannot expire it early.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KNOWN_KEY_TTL_MS } from '../../functions/api/shop-auth.ts';
import { createStores } from '../../functions/api/wiring.ts';
import { claim } from '../../functions/domain/order.ts';
import { OFFER_WINDOW_MS } from '../../functions/domain/routing.ts';
import { INDEX_CACHE_MS } from '../../functions/store/orders.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, placeOrder, type Api, type TestShop } from '../support/api-flow.ts';

describe('poll caching', () => {
  let server: TestServer;
  let api: Api;
  let shops: TestShop[];
  let queries = 0;
  let keyLookups = 0;
  const monotonic = { now: 1_000_000 };
  beforeAll(async () => {
    vi.spyOn(performance, 'now').mockImplementation(() => monotonic.now);
    server = await startTestServer();
    api = apiOf(server);
    shops = await addShopsNearBerlin(server, 2);
    const doc = server.stack.clients.doc;
    const send = doc.send.bind(doc) as (command: unknown) => Promise<unknown>;
    (doc as { send: unknown }).send = (command: unknown) => {
      if (command instanceof QueryCommand) queries++;
      if (command instanceof GetCommand && String(command.input.Key?.PK).startsWith('KEY#')) keyLookups++;
      return send(command);
    };
  });
  afterAll(async () => {
    await server.close();
    vi.restoreAllMocks();
  });

  const jobIds = async (shop: TestShop) => (await api('GET', '/shop/jobs', { key: shop.apiKey })).body.jobs.map((j: { id: string }) => j.id);

  it('serves repeated polls without querying the table, and ten concurrent cold polls with one query per index', async () => {
    const { id } = await placeOrder(api);
    queries = 0;

    const concurrent = await Promise.all(Array.from({ length: 10 }, () => jobIds(shops[0])));
    const afterConcurrent = queries;
    for (let i = 0; i < 20; i++) expect(await jobIds(shops[0])).toEqual([id]);

    expect(concurrent.every((ids) => ids.length === 1 && ids[0] === id)).toBe(true);
    // Berlin's 30 km circle lies in one index cell: one open-orders query and one held-jobs query.
    expect(afterConcurrent).toBe(2);
    expect(queries).toBe(2);
  });

  it(`looks a polling shop's API key up once per ${KNOWN_KEY_TTL_MS} ms, not on every poll`, async () => {
    server.clock.advance(61_000);
    keyLookups = 0;

    await jobIds(shops[0]);
    const afterFirst = keyLookups;
    server.clock.advance(KNOWN_KEY_TTL_MS - 1);
    await jobIds(shops[0]);
    await jobIds(shops[0]);
    const justBefore = keyLookups;
    server.clock.advance(1);
    await jobIds(shops[0]);

    expect([afterFirst, justBefore, keyLookups]).toEqual([1, 1, 2]);
  });

  it('shows writes made through this process at once', async () => {
    const { id } = await placeOrder(api);
    server.clock.advance(OFFER_WINDOW_MS);
    expect(await jobIds(shops[1])).toContain(id);

    expect((await api('POST', `/shop/jobs/${id}/claim`, { key: shops[0].apiKey })).status).toBe(200);

    expect(await jobIds(shops[1])).not.toContain(id);
    const held = (await api('GET', '/shop/jobs', { key: shops[0].apiKey })).body.jobs.find((j: { id: string }) => j.id === id);
    expect(held.claimedByYou).toBe(true);
  });

  it(`shows a write made by another instance within INDEX_CACHE_MS (${INDEX_CACHE_MS} ms), and a stale offer cannot be claimed`, async () => {
    const { id } = await placeOrder(api);
    server.clock.advance(OFFER_WINDOW_MS);
    expect(await jobIds(shops[1])).toContain(id);
    const elsewhere = createStores(server.stack.clients, server.stack.config).orders;
    const stored = (await elsewhere.get(id))!;
    const taken = claim(stored.order, shops[0].id, server.clock.now);
    if (!taken.ok) throw taken.error;
    await elsewhere.update(taken.order, { tokenHash: stored.tokenHash }, stored.outbox);

    const staleClaim = await api('POST', `/shop/jobs/${id}/claim`, { key: shops[1].apiKey });
    const staleList = await jobIds(shops[1]);
    monotonic.now += INDEX_CACHE_MS;

    expect(staleClaim.status).toBe(409);
    // Until the cache expires the other instance's claim is not seen; then it is.
    expect(staleList).toContain(id);
    expect(await jobIds(shops[1])).not.toContain(id);
    expect(await jobIds(shops[0])).toContain(id);
  });
});
