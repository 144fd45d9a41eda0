// How a job reaches shops over time: candidate i sees it one offer window after candidate
// i − 1; a rejection brings the next candidate in at once; when every candidate declined,
// the order is UNROUTABLE and the customer sees so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../functions/domain/geohash.ts';
import { OFFER_WINDOW_MS } from '../../functions/domain/routing.ts';
import { INDEX_CELL_PRECISION } from '../../functions/store/cells.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, placeOrder, postOrder, quote, type Api, type TestShop } from '../support/api-flow.ts';

describe('offers', () => {
  let server: TestServer;
  let api: Api;
  let shops: TestShop[];
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    shops = await addShopsNearBerlin(server, 3);
  });
  afterAll(() => server.close());

  const sees = async (shop: { apiKey: string }, id: string) => {
    const polled = await api('GET', '/shop/jobs', { key: shop.apiKey });
    expect(polled.status).toBe(200);
    return polled.body.jobs.some((j: { id: string }) => j.id === id);
  };
  const reject = (shop: TestShop, id: string) => api('POST', `/shop/jobs/${id}/reject`, { key: shop.apiKey, body: { reason: 'printer_busy' } });

  it('widens with time: the second candidate sees nothing at first, the job after one offer window', async () => {
    const { id } = await placeOrder(api);
    expect(await sees(shops[0], id)).toBe(true);
    expect(await sees(shops[1], id)).toBe(false);
    expect((await api('GET', `/shop/jobs/${id}`, { key: shops[1].apiKey })).status).toBe(404);

    server.clock.advance(OFFER_WINDOW_MS - 1);
    expect(await sees(shops[1], id)).toBe(false);
    server.clock.advance(1);

    expect(await sees(shops[1], id)).toBe(true);
    expect(await sees(shops[2], id)).toBe(false);
    const job = (await api('GET', `/shop/jobs/${id}`, { key: shops[1].apiKey })).body;
    expect(job.offeredAt).toBe(server.clock.now);
    expect(job.delivery).toBeNull();
  });

  it('a rejection lets the next candidate see the job at once', async () => {
    const { id } = await placeOrder(api);
    expect(await sees(shops[1], id)).toBe(false);

    const rejected = await reject(shops[0], id);

    expect(rejected.status).toBe(200);
    expect(rejected.body).toEqual({ id, rejected: true, reason: 'printer_busy' });
    expect(await sees(shops[0], id)).toBe(false);
    expect(await sees(shops[1], id)).toBe(true);
    expect(await sees(shops[2], id)).toBe(false);
  });

  it('a holder that rejects puts the job back for the next candidate', async () => {
    const { id, token } = await placeOrder(api);
    expect((await api('POST', `/shop/jobs/${id}/claim`, { key: shops[0].apiKey })).status).toBe(200);

    expect((await reject(shops[0], id)).status).toBe(200);

    expect(await sees(shops[1], id)).toBe(true);
    expect((await api('GET', `/orders/${id}`, { token })).body.state).toBe('PLACED');
    expect((await api('POST', `/shop/jobs/${id}/claim`, { key: shops[1].apiKey })).status).toBe(200);
  });

  it('reaches a shop across an index-cell border from the customer', async () => {
    // 2 km apart, on either side of a precision-3 geohash border (lon 14.0625).
    const customer = { lat: 52.5, lon: 14.05 };
    const shopAt = { lat: 52.5, lon: 14.08 };
    expect(encode(shopAt.lat, shopAt.lon, INDEX_CELL_PRECISION)).not.toBe(encode(customer.lat, customer.lon, INDEX_CELL_PRECISION));
    const across = await server.addShop({ id: 'border-shop', name: 'Across the border', ...shopAt });

    const q = await quote(api, { location: customer });
    const placed = await postOrder(api, q.body.id, 'border-order-0001');

    expect(q.body.shopCount).toBe(1);
    expect(placed.status).toBe(201);
    expect(await sees(across, placed.body.id)).toBe(true);
    for (const shop of shops) expect(await sees(shop, placed.body.id)).toBe(false);
  });

  it('when every candidate rejects, the order is UNROUTABLE, no shop sees it, and the customer sees why', async () => {
    const { id, token } = await placeOrder(api);

    for (const shop of shops) {
      expect(await sees(shop, id)).toBe(true);
      expect((await reject(shop, id)).status).toBe(200);
    }

    const seen = await api('GET', `/orders/${id}`, { token });
    expect(seen.status).toBe(200);
    expect(seen.body.state).toBe('UNROUTABLE');
    expect(seen.body.timeline.map((t: { state: string }) => t.state)).toEqual(['PLACED', 'UNROUTABLE']);
    expect(seen.body.canCancel).toBe(false);
    expect(seen.body.canErase).toBe(true);
    server.clock.advance(10 * OFFER_WINDOW_MS);
    for (const shop of shops) expect(await sees(shop, id)).toBe(false);
    expect((await reject(shops[0], id)).status).toBe(409);
  });
});
