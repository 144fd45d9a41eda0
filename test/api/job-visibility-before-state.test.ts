// Issue 16, finding 5: a shop learns nothing about a job it was never offered. Visibility is
// judged before state, so claim, reject, heartbeat and status on someone else's job answer
// exactly what a missing job answers (404), whatever that job's state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, placeOrder, randomId, withoutRequestId, type Api, type TestShop } from '../support/api-flow.ts';

const SHOP_ACTIONS = [
  { name: 'claim', path: (id: string) => `/shop/jobs/${id}/claim`, body: undefined },
  { name: 'reject', path: (id: string) => `/shop/jobs/${id}/reject`, body: { reason: 'printer_busy' } },
  { name: 'heartbeat', path: (id: string) => `/shop/jobs/${id}/heartbeat`, body: undefined },
  { name: 'status', path: (id: string) => `/shop/jobs/${id}/status`, body: { status: 'PRINTED' } },
];

describe('shop visibility is checked before the job state', () => {
  let server: TestServer;
  let api: Api;
  let holder: TestShop;
  let notYetOffered: TestShop;
  let stranger: TestShop;
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    // The second candidate sees the job only one offer window after placement.
    [holder, notYetOffered] = await addShopsNearBerlin(server, 2, 'vis');
    stranger = await server.addShop({ id: 'vis-munich', name: 'Munich', lat: 48.137, lon: 11.575 });
  });
  afterAll(() => server.close());

  const asShop = (shop: TestShop, action: (typeof SHOP_ACTIONS)[number], id: string) =>
    api('POST', action.path(id), { key: shop.apiKey, body: action.body });

  it.each(['PRINTING', 'PRINTED', 'SHIPPED'])('answers a shop never offered a %s job exactly as for a missing job, on every action', async (state) => {
    const job = await placeOrder(api);
    await api('POST', `/shop/jobs/${job.id}/claim`, { key: holder.apiKey });
    for (const status of ['PRINTING', 'PRINTED', 'SHIPPED'].slice(0, ['PRINTING', 'PRINTED', 'SHIPPED'].indexOf(state) + 1)) {
      const set = await api('POST', `/shop/jobs/${job.id}/status`, { key: holder.apiKey, body: { status, ...(status === 'SHIPPED' ? { tracking: 'DHL 1' } : {}) } });
      expect(set.status).toBe(200);
    }

    for (const shop of [notYetOffered, stranger]) {
      for (const action of SHOP_ACTIONS) {
        const real = await asShop(shop, action, job.id);
        const missing = await asShop(shop, action, randomId());
        expect({ shop: shop.id, action: action.name, status: real.status }).toEqual({ shop: shop.id, action: action.name, status: 404 });
        expect(withoutRequestId(real.body)).toEqual(withoutRequestId(missing.body));
        expect(JSON.stringify(real.body)).not.toContain(state);
      }
    }
  });

  it('answers a not-yet-offered candidate 404 on a cancelled job, not "cannot go from CANCELLED"', async () => {
    const job = await placeOrder(api);
    expect((await api('POST', `/orders/${job.id}/cancel`, { token: job.token })).status).toBe(200);

    for (const action of SHOP_ACTIONS.slice(0, 2)) {
      const real = await asShop(notYetOffered, action, job.id);
      expect(real.status).toBe(404);
      expect(JSON.stringify(real.body)).not.toContain('CANCELLED');
    }
  });

  it('still tells an offered candidate that lost the race "claimed by another shop" (409), without the state', async () => {
    const job = await placeOrder(api);
    await api('POST', `/shop/jobs/${job.id}/claim`, { key: holder.apiKey });
    await api('POST', `/shop/jobs/${job.id}/status`, { key: holder.apiKey, body: { status: 'PRINTING' } });
    server.clock.advance(60 * 60 * 1000); // every offer window has passed: the second candidate was offered it

    const claim = await asShop(notYetOffered, SHOP_ACTIONS[0], job.id);

    expect(claim.status).toBe(409);
    expect(JSON.stringify(claim.body)).toContain('claimed by another shop');
    expect(JSON.stringify(claim.body)).not.toContain('PRINTING');
  });
});
