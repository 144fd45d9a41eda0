// Leases: a claim lasts LEASE_MS unless renewed. Once it lapses, another visible candidate
// can take the job over and the first shop loses every right to it; a heartbeat renews it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LEASE_MS } from '../../functions/domain/order-model.ts';
import { OFFER_WINDOW_MS } from '../../functions/domain/routing.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, placeOrder, type Api, type TestShop } from '../support/api-flow.ts';

describe('claim leases', () => {
  let server: TestServer;
  let api: Api;
  let first: TestShop;
  let second: TestShop;
  let id: string;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    [first, second] = await addShopsNearBerlin(server, 2);
  });
  afterAll(() => server.close());

  beforeEach(async () => {
    ({ id, token } = await placeOrder(api));
    const claimed = await api('POST', `/shop/jobs/${id}/claim`, { key: first.apiKey });
    expect(claimed.status).toBe(200);
    expect(claimed.body.leaseUntil).toBe(server.clock.now + LEASE_MS);
  });

  const jobIds = async (shop: TestShop) => (await api('GET', '/shop/jobs', { key: shop.apiKey })).body.jobs.map((j: { id: string }) => j.id);

  it('lets another visible candidate claim once the lease lapsed; the first shop then cannot report status', async () => {
    server.clock.advance(LEASE_MS - 1);
    // The second candidate is offered the job (past one offer window) but the lease still holds.
    expect(LEASE_MS - 1).toBeGreaterThan(OFFER_WINDOW_MS);
    expect(await jobIds(second)).not.toContain(id);
    expect((await api('POST', `/shop/jobs/${id}/claim`, { key: second.apiKey })).status).toBe(409);

    server.clock.advance(1);
    expect(await jobIds(second)).toContain(id);
    const takeover = await api('POST', `/shop/jobs/${id}/claim`, { key: second.apiKey });

    expect(takeover.status).toBe(200);
    expect(takeover.body.claimedByYou).toBe(true);
    const late = await api('POST', `/shop/jobs/${id}/status`, { key: first.apiKey, body: { status: 'PRINTING' } });
    expect(late.status).toBe(404);
    expect(late.headers.get('content-type')).toBe('application/problem+json');
    expect((await api('POST', `/shop/jobs/${id}/heartbeat`, { key: first.apiKey })).status).toBe(404);
    expect(await jobIds(first)).not.toContain(id);
    const stored = (await server.deps.stores.orders.get(id))!.order;
    expect(stored.state).toBe('CLAIMED');
    expect(stored.claim?.shopId).toBe(second.id);
    expect((await api('GET', `/orders/${id}`, { token })).body.state).toBe('CLAIMED');
  });

  it('a heartbeat extends the lease, so the job is not taken over at the old expiry', async () => {
    server.clock.advance(LEASE_MS - 60_000);
    const beat = await api('POST', `/shop/jobs/${id}/heartbeat`, { key: first.apiKey });
    expect(beat.status).toBe(200);
    expect(beat.body.leaseUntil).toBe(server.clock.now + LEASE_MS);

    server.clock.advance(60_000 + 1);
    const early = await api('POST', `/shop/jobs/${id}/claim`, { key: second.apiKey });

    expect(early.status).toBe(409);
    expect(await jobIds(second)).not.toContain(id);
    server.clock.advance(LEASE_MS - 60_000 - 1);
    expect((await api('POST', `/shop/jobs/${id}/claim`, { key: second.apiKey })).status).toBe(200);
  });

  it('the holder may still work on a lapsed job nobody took over', async () => {
    server.clock.advance(LEASE_MS + 1);

    const printing = await api('POST', `/shop/jobs/${id}/status`, { key: first.apiKey, body: { status: 'PRINTING' } });

    expect(printing.status).toBe(200);
    expect(printing.body.state).toBe('PRINTING');
    expect(await jobIds(second)).not.toContain(id);
  });
});
