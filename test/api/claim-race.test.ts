// Twenty shops claim one job at the same instant: exactly one wins, the item names one
// holder. A job is offered to at most DEFAULT_CANDIDATE_LIMIT (5) nearest shops, so the
// race is run twice: (1) as routing really places it, 20 nearby shops of which 5 are
// candidates, every offer window passed; the 15 others learn nothing (404, as for a job
// that does not exist); (2) with 20 candidates, which needs a candidate limit of 20. The API
// has no such setting, so that test re-ranks the stored quote with rankCandidates(…, { limit:
// 20 }), exactly what POST /quotes stores with that limit, and orders it over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CANDIDATE_LIMIT, OFFER_WINDOW_MS, rankCandidates } from '../../functions/domain/routing.ts';
import type { Shop } from '../../functions/domain/shop.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, BERLIN, countStatuses, postOrder, quote, scanTable, type Api, type TestShop } from '../support/api-flow.ts';

describe('concurrent claims of one job', () => {
  let server: TestServer;
  let api: Api;
  let shops: TestShop[];
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    shops = await addShopsNearBerlin(server, 20);
  });
  afterAll(() => server.close());

  const claimAll = (id: string) => Promise.all(shops.map((shop) => api('POST', `/shop/jobs/${id}/claim`, { key: shop.apiKey })));

  const storedOrder = async (id: string) => {
    const item = (await scanTable(server)).find((i) => i.PK.S === `ORDER#${id}`)!;
    return { item, order: JSON.parse(JSON.stringify(await server.deps.stores.orders.get(id))).order };
  };

  it('routing as deployed: 5 candidates race, one 200, four 409, the 15 non-candidates get 404', async () => {
    const { body: q } = await quote(api);
    const placed = await postOrder(api, q.id, 'race-routed-0001');
    expect(placed.status).toBe(201);
    const id = placed.body.id;
    server.clock.advance((DEFAULT_CANDIDATE_LIMIT - 1) * OFFER_WINDOW_MS);
    const candidates = shops.slice(0, DEFAULT_CANDIDATE_LIMIT);
    for (const shop of candidates) {
      expect((await api('GET', `/shop/jobs/${id}`, { key: shop.apiKey })).status).toBe(200);
    }

    const replies = await claimAll(id);

    expect(countStatuses(replies)).toEqual({ 200: 1, 409: DEFAULT_CANDIDATE_LIMIT - 1, 404: shops.length - DEFAULT_CANDIDATE_LIMIT });
    const winner = replies.findIndex((r) => r.status === 200);
    expect(winner).toBeLessThan(DEFAULT_CANDIDATE_LIMIT);
    for (const [i, reply] of replies.entries()) {
      if (i === winner) continue;
      expect(reply.headers.get('content-type')).toBe('application/problem+json');
      expect(reply.status).toBe(i < DEFAULT_CANDIDATE_LIMIT ? 409 : 404);
    }
    const { item, order } = await storedOrder(id);
    expect(order.state).toBe('CLAIMED');
    expect(order.claim.shopId).toBe(shops[winner].id);
    expect(order.history.filter((h: { state: string }) => h.state === 'CLAIMED')).toHaveLength(1);
    expect(item.GSI2PK.S).toBe(`SHOP#${shops[winner].id}`);
  });

  it('20 candidates race: exactly one 200, nineteen 409 problems, one holder', async () => {
    const { body: q } = await quote(api);
    const all = (await Promise.all(shops.map((s) => server.deps.stores.shops.get(s.id)))) as Shop[];
    const stored = (await server.deps.stores.quotes.get(q.id, server.clock.now))!.quote;
    const size = { x: stored.dimensionsMm.x, y: stored.dimensionsMm.y, z: stored.dimensionsMm.z };
    const candidates = rankCandidates(all, BERLIN, { material: 'PLA', size }, { limit: 20 });
    expect(candidates).toHaveLength(20);
    await server.deps.stores.quotes.put({ ...stored, candidates });
    const placed = await postOrder(api, q.id, 'race-twenty-0001');
    expect(placed.status).toBe(201);
    const id = placed.body.id;
    server.clock.advance(19 * OFFER_WINDOW_MS);
    for (const shop of shops) {
      const polled = await api('GET', '/shop/jobs', { key: shop.apiKey });
      expect(polled.body.jobs.map((j: { id: string }) => j.id)).toContain(id);
    }

    const replies = await claimAll(id);

    expect(countStatuses(replies)).toEqual({ 200: 1, 409: 19 });
    for (const reply of replies.filter((r) => r.status === 409)) {
      expect(reply.headers.get('content-type')).toBe('application/problem+json');
      expect(reply.body.status).toBe(409);
    }
    const winner = shops[replies.findIndex((r) => r.status === 200)];
    const { item, order } = await storedOrder(id);
    expect(order.claim.shopId).toBe(winner.id);
    expect(order.version).toBe(2);
    expect(order.history.map((h: { state: string }) => h.state)).toEqual(['PLACED', 'CLAIMED']);
    expect(item.GSI2PK.S).toBe(`SHOP#${winner.id}`);
    // Everyone else now sees nothing of it.
    for (const shop of shops.filter((s) => s !== winner)) {
      const polled = await api('GET', '/shop/jobs', { key: shop.apiKey });
      expect(polled.body.jobs.map((j: { id: string }) => j.id)).not.toContain(id);
    }
  });
});
