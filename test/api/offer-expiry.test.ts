// An order no shop takes does not stay offered forever: OFFER_EXPIRY_MS after the last
// candidate's offer time no shop lists it or can claim it, with no timer and no write.
// The customer's link shows UNROUTABLE; cancel is refused, erasure allowed (and records it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEASE_MS, OFFER_EXPIRY_MS } from '../../functions/domain/order-model.ts';
import { OFFER_WINDOW_MS } from '../../functions/domain/routing.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, placeOrder, type Api, type TestShop } from '../support/api-flow.ts';

describe('offer expiry', () => {
  let server: TestServer;
  let api: Api;
  let shops: TestShop[];
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    shops = await addShopsNearBerlin(server, 2, 'expiry');
  });
  afterAll(() => server.close());

  const lists = async (shop: TestShop, id: string) => {
    const polled = await api('GET', '/shop/jobs', { key: shop.apiKey });
    expect(polled.status).toBe(200);
    return polled.body.jobs.some((j: { id: string }) => j.id === id);
  };
  const stored = async (id: string) => (await server.deps.stores.orders.get(id))!.order;
  /** Moves the clock to `at` (never backwards). */
  const advanceTo = (at: number) => {
    expect(at).toBeGreaterThanOrEqual(server.clock.now);
    server.clock.advance(at - server.clock.now);
  };

  it('an unclaimed job leaves every candidate\'s list when the offer expires, and a claim gets 404', async () => {
    const { id } = await placeOrder(api);
    const placed = await stored(id);
    expect(placed.candidates.map((c) => c.shopId)).toEqual(shops.map((s) => s.id));
    // The last candidate is offered the job one window after the first.
    const expiry = placed.placedAt + OFFER_WINDOW_MS + OFFER_EXPIRY_MS;

    advanceTo(expiry - 1);
    for (const shop of shops) expect(await lists(shop, id)).toBe(true);
    expect((await api('GET', `/shop/jobs/${id}`, { key: shops[1].apiKey })).status).toBe(200);

    server.clock.advance(1);

    for (const shop of shops) expect(await lists(shop, id)).toBe(false);
    expect((await api('GET', `/shop/jobs/${id}`, { key: shops[1].apiKey })).status).toBe(404);
    const claimed = await api('POST', `/shop/jobs/${id}/claim`, { key: shops[1].apiKey });
    expect(claimed.status).toBe(404);
    expect(claimed.headers.get('content-type')).toBe('application/problem+json');
    const rejected = await api('POST', `/shop/jobs/${id}/reject`, { key: shops[0].apiKey, body: { reason: 'printer_busy' } });
    expect(rejected.status).toBe(404);
    // Derived, not written: the stored order is exactly as placed.
    expect(await stored(id)).toEqual(placed);
  });

  it('a claim whose lease lapsed is lost at expiry: the former holder no longer sees it, nobody can take it over', async () => {
    const { id } = await placeOrder(api);
    const placedAt = (await stored(id)).placedAt;
    expect((await api('POST', `/shop/jobs/${id}/claim`, { key: shops[0].apiKey })).status).toBe(200);
    const expiry = placedAt + OFFER_WINDOW_MS + OFFER_EXPIRY_MS;
    expect(placedAt + LEASE_MS).toBeLessThan(expiry);

    advanceTo(expiry - 1);
    // Lapsed but not expired: the holder still sees it, the other candidate may take it over.
    expect(await lists(shops[0], id)).toBe(true);
    expect(await lists(shops[1], id)).toBe(true);

    server.clock.advance(1);

    expect(await lists(shops[0], id)).toBe(false);
    expect(await lists(shops[1], id)).toBe(false);
    expect((await api('POST', `/shop/jobs/${id}/claim`, { key: shops[1].apiKey })).status).toBe(404);
    expect((await api('POST', `/shop/jobs/${id}/status`, { key: shops[0].apiKey, body: { status: 'PRINTING' } })).status).toBe(404);
    const after = await stored(id);
    expect(after.state).toBe('CLAIMED');
    expect(after.claim?.shopId).toBe(shops[0].id);
  });

  it('shows the customer UNROUTABLE once expired, refuses cancel, allows erasure, and the former holder cannot revive it', async () => {
    const { id, token } = await placeOrder(api);
    const placed = await stored(id);
    expect((await api('POST', `/shop/jobs/${id}/claim`, { key: shops[0].apiKey })).status).toBe(200);
    const expiry = Math.max(placed.placedAt + OFFER_WINDOW_MS, placed.placedAt + LEASE_MS) + OFFER_EXPIRY_MS;
    advanceTo(expiry + 1);

    const seen = await api('GET', `/orders/${id}`, { token });
    expect(seen.body.state).toBe('UNROUTABLE');
    expect(seen.body.canCancel).toBe(false);
    expect(seen.body.canErase).toBe(true);
    expect((await api('POST', `/shop/jobs/${id}/heartbeat`, { key: shops[0].apiKey })).status).toBe(404);
    expect((await api('POST', `/shop/jobs/${id}/claim`, { key: shops[0].apiKey })).status).toBe(404);
    expect((await api('POST', `/orders/${id}/cancel`, { token })).status).toBe(409);

    const erased = await api('DELETE', `/orders/${id}/personal-data`, { token });

    expect(erased.status).toBe(200);
    const after = await stored(id);
    expect(after.state).toBe('UNROUTABLE');
    expect(after.delivery).toBeNull();
    expect(after.history.at(-1)?.state).toBe('UNROUTABLE');
  });
});
