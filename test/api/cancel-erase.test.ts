// The customer's own levers: cancel only before a shop claims the job (after that, 409), and
// erase personal data only once nobody needs the address any more; erasure removes contact
// and delivery from the stored item itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFER_WINDOW_MS } from '../../functions/domain/routing.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, CONTACT, DELIVERY, orderItems, placeOrder, type Api, type TestShop } from '../support/api-flow.ts';

describe('cancel and erase', () => {
  let server: TestServer;
  let api: Api;
  let shops: TestShop[];
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    shops = await addShopsNearBerlin(server, 3);
  });
  afterAll(() => server.close());

  const rawItem = async (id: string) => (await orderItems(server)).find((item) => item.PK.S === `ORDER#${id}`)!;
  const personalStrings = [DELIVERY.name, DELIVERY.line1, DELIVERY.postalCode, CONTACT.email];

  it('cancels before a claim, and then no shop sees the job', async () => {
    const { id, token } = await placeOrder(api);

    const cancelled = await api('POST', `/orders/${id}/cancel`, { token });

    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('CANCELLED');
    expect(cancelled.body.canCancel).toBe(false);
    expect((await api('GET', `/orders/${id}`, { token })).body.state).toBe('CANCELLED');
    server.clock.advance(shops.length * OFFER_WINDOW_MS);
    for (const shop of shops) {
      const polled = await api('GET', '/shop/jobs', { key: shop.apiKey });
      expect(polled.body.jobs.map((j: { id: string }) => j.id)).not.toContain(id);
      expect((await api('GET', `/shop/jobs/${id}`, { key: shop.apiKey })).status).toBe(404);
      expect((await api('POST', `/shop/jobs/${id}/claim`, { key: shop.apiKey })).status).not.toBe(200);
    }
    expect((await rawItem(id)).GSI1PK).toBeUndefined();
    expect((await api('POST', `/orders/${id}/cancel`, { token })).status).toBe(409);
  });

  it('refuses to cancel once a shop claimed the job', async () => {
    const { id, token } = await placeOrder(api);
    expect((await api('POST', `/shop/jobs/${id}/claim`, { key: shops[0].apiKey })).status).toBe(200);

    const refused = await api('POST', `/orders/${id}/cancel`, { token });

    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect((await api('GET', `/orders/${id}`, { token })).body.state).toBe('CLAIMED');
    expect((await api('GET', `/shop/jobs/${id}`, { key: shops[0].apiKey })).body.claimedByYou).toBe(true);
  });

  it('a cancel racing every candidate\'s claim: exactly one of them wins', async () => {
    const { id, token } = await placeOrder(api);
    server.clock.advance(shops.length * OFFER_WINDOW_MS);

    const [cancelled, ...claims] = await Promise.all([
      api('POST', `/orders/${id}/cancel`, { token }),
      ...shops.map((shop) => api('POST', `/shop/jobs/${id}/claim`, { key: shop.apiKey })),
    ]);

    const won = claims.filter((c) => c.status === 200).length;
    const state = (await api('GET', `/orders/${id}`, { token })).body.state;
    if (cancelled.status === 200) {
      expect([won, state]).toEqual([0, 'CANCELLED']);
    } else {
      expect([cancelled.status, won, state]).toEqual([409, 1, 'CLAIMED']);
    }
    // A claim judged after the cancel finds a job no longer on offer: the 404 of a missing job.
    expect(claims.every((c) => c.status === 200 || c.status === 409 || c.status === 404)).toBe(true);
  });

  it('refuses to erase personal data before the order is shipped, and keeps it', async () => {
    const { id, token } = await placeOrder(api);

    const whilePlaced = await api('DELETE', `/orders/${id}/personal-data`, { token });
    expect((await api('POST', `/shop/jobs/${id}/claim`, { key: shops[0].apiKey })).status).toBe(200);
    const whileClaimed = await api('DELETE', `/orders/${id}/personal-data`, { token });

    expect(whilePlaced.status).toBe(409);
    expect(whileClaimed.status).toBe(409);
    const stored = JSON.stringify(await rawItem(id));
    for (const text of personalStrings) expect(stored).toContain(text);
    expect((await api('GET', `/shop/jobs/${id}`, { key: shops[0].apiKey })).body.delivery).toEqual(DELIVERY);
  });

  it('erases contact and delivery from the stored item after a cancel', async () => {
    const { id, token } = await placeOrder(api);
    expect((await api('POST', `/orders/${id}/cancel`, { token })).status).toBe(200);

    const erased = await api('DELETE', `/orders/${id}/personal-data`, { token });

    expect(erased.status).toBe(200);
    expect(erased.body.contact).toBeNull();
    expect(erased.body.delivery).toBeNull();
    expect(erased.body.erasedAt).toBe(server.clock.now);
    const item = await rawItem(id);
    expect(item.order.M?.contact).toEqual({ NULL: true });
    expect(item.order.M?.delivery).toEqual({ NULL: true });
    const stored = JSON.stringify(item);
    for (const text of personalStrings) expect(stored).not.toContain(text);
    const again = await api('DELETE', `/orders/${id}/personal-data`, { token });
    expect(again.status).toBe(200);
    expect(again.body.erasedAt).toBe(erased.body.erasedAt);
  });

  it('keeps shop distances in the order and its quote only to 10 km after erasure', async () => {
    const { id, token } = await placeOrder(api);
    const before = (await server.deps.stores.orders.get(id))!.order;
    expect(before.candidates.some((c) => c.distanceKm % 10 !== 0)).toBe(true);
    await api('POST', `/orders/${id}/cancel`, { token });

    await api('DELETE', `/orders/${id}/personal-data`, { token });

    const after = (await server.deps.stores.orders.get(id))!.order;
    const quote = (await server.deps.stores.quotes.get(after.quoteId, server.clock.now))!.quote;
    for (const list of [after.candidates, quote.candidates]) {
      expect(list.map((c) => c.shopId)).toEqual(before.candidates.map((c) => c.shopId));
      expect(list.every((c) => c.distanceKm % 10 === 0)).toBe(true);
    }
  });
});
