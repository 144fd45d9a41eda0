// Nobody learns about an order they may not see: another shop's claimed job, a wrong or
// missing order token, a wrong or missing API key all answer exactly what a never-issued id
// answers (apart from the request id), and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFER_WINDOW_MS } from '../../functions/domain/routing.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, placeOrder, randomId, snapshotTable, withoutRequestId, type Api, type TestShop } from '../support/api-flow.ts';
import type { Reply } from '../support/http.ts';

/** Every shop route that names a job, with a valid body where one is needed. */
const JOB_ROUTES: { method: string; path: (id: string) => string; body?: unknown }[] = [
  { method: 'GET', path: (id) => `/shop/jobs/${id}` },
  { method: 'POST', path: (id) => `/shop/jobs/${id}/claim` },
  { method: 'POST', path: (id) => `/shop/jobs/${id}/heartbeat` },
  { method: 'POST', path: (id) => `/shop/jobs/${id}/status`, body: { status: 'PRINTING' } },
  { method: 'POST', path: (id) => `/shop/jobs/${id}/reject`, body: { reason: 'other' } },
  { method: 'GET', path: (id) => `/shop/jobs/${id}/files` },
];

/** Every customer route behind the order token. */
const ORDER_ROUTES: { method: string; path: (id: string) => string }[] = [
  { method: 'GET', path: (id) => `/orders/${id}` },
  { method: 'POST', path: (id) => `/orders/${id}/cancel` },
  { method: 'DELETE', path: (id) => `/orders/${id}/personal-data` },
  { method: 'GET', path: (id) => `/orders/${id}/files` },
];

const expectSameAnswer = (actual: Reply, reference: Reply, label: string) => {
  expect(actual.status, label).toBe(reference.status);
  expect(actual.headers.get('content-type'), label).toBe(reference.headers.get('content-type'));
  expect(withoutRequestId(actual.body), label).toEqual(withoutRequestId(reference.body));
};

describe('access isolation', () => {
  let server: TestServer;
  let api: Api;
  let holder: TestShop;
  let laterCandidate: TestShop;
  let stranger: TestShop;
  let job: { id: string; token: string };
  let other: { id: string; token: string };
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    [holder, laterCandidate] = await addShopsNearBerlin(server, 2);
    // Hamburg: far outside the routing radius, never a candidate.
    stranger = await server.addShop({ id: 'hamburg', name: 'Hamburg Prints', lat: 53.55, lon: 9.99 });
    job = await placeOrder(api);
    other = await placeOrder(api);
    expect((await api('POST', `/shop/jobs/${job.id}/claim`, { key: holder.apiKey })).status).toBe(200);
  });
  afterAll(() => server.close());

  it.each([
    ['a shop that is no candidate', () => stranger],
    ['a candidate whose offer has not started', () => laterCandidate],
  ])("%s can neither see nor change another shop's claimed job: every route answers as for a missing id", async (_label, shopOf) => {
    const shop = shopOf();
    const before = await snapshotTable(server);

    for (const route of JOB_ROUTES) {
      const missing = await api(route.method, route.path(randomId()), { key: shop.apiKey, body: route.body });
      const theirs = await api(route.method, route.path(job.id), { key: shop.apiKey, body: route.body });

      expect(missing.status, route.path('{id}')).toBe(404);
      expectSameAnswer(theirs, missing, `${route.method} ${route.path('{id}')}`);
    }
    const polled = await api('GET', '/shop/jobs', { key: shop.apiKey });
    expect(polled.body.jobs.map((j: { id: string }) => j.id)).not.toContain(job.id);
    expect(await snapshotTable(server)).toEqual(before);
  });

  it('an offered candidate that lost the race learns only that the job is taken (409 on claim and reject), nothing more', async () => {
    server.clock.advance(OFFER_WINDOW_MS);
    const before = await snapshotTable(server);

    for (const route of JOB_ROUTES) {
      const missing = await api(route.method, route.path(randomId()), { key: laterCandidate.apiKey, body: route.body });
      const theirs = await api(route.method, route.path(job.id), { key: laterCandidate.apiKey, body: route.body });

      if (route.path('').endsWith('/claim') || route.path('').endsWith('/reject')) {
        expect(theirs.status, route.path('{id}')).toBe(409);
        expect(JSON.stringify(theirs.body)).not.toContain(holder.id);
      } else {
        expectSameAnswer(theirs, missing, `${route.method} ${route.path('{id}')}`);
      }
    }
    expect(await snapshotTable(server)).toEqual(before);
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { token: 'x'.repeat(32) }],
    ["another order's token", { tokenOf: 'other' }],
    ['a wrong token in the query', { query: `?token=${'y'.repeat(32)}` }],
  ])('an order route with %s answers as for a missing id and changes nothing', async (_label, how: { token?: string; tokenOf?: string; query?: string }) => {
    const token = how.tokenOf ? other.token : how.token;
    const before = await snapshotTable(server);

    for (const route of ORDER_ROUTES) {
      const missing = await api(route.method, `${route.path(randomId())}${how.query ?? ''}`, { token });
      const real = await api(route.method, `${route.path(job.id)}${how.query ?? ''}`, { token });

      expect(missing.status, route.path('{id}')).toBe(404);
      expectSameAnswer(real, missing, `${route.method} ${route.path('{id}')}`);
    }
    expect(await snapshotTable(server)).toEqual(before);
  });

  it.each([
    ['no Authorization header', {}],
    ['a garbage Authorization header', { headers: { authorization: 'Basic Zm9vOmJhcg==' } }],
    ['a garbage key', { key: 'not a key!' }],
    ['a well-formed unknown key', { key: `ak_${'A'.repeat(32)}` }],
  ])('a shop route with %s is a 401 that says nothing about the job', async (_label, auth) => {
    const reference = await api('GET', '/shop/jobs');
    expect(reference.status).toBe(401);
    expect(reference.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const before = await snapshotTable(server);

    for (const route of JOB_ROUTES) {
      const missing = await api(route.method, route.path(randomId()), { ...auth, body: route.body });
      const real = await api(route.method, route.path(job.id), { ...auth, body: route.body });

      expectSameAnswer(missing, reference, `${route.method} ${route.path('{id}')}`);
      expectSameAnswer(real, reference, `${route.method} ${route.path('{id}')}`);
    }
    expectSameAnswer(await api('GET', '/shop/jobs', auth), reference, 'GET /shop/jobs');
    expect(await snapshotTable(server)).toEqual(before);
  });
});
