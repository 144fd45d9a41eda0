// Issue 16, finding 2: the order link a customer keeps (with its secret token) points at the
// host's configured public address, never at whatever the request's Host header named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/raw-http.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { TEST_PUBLIC_URL } from '../support/host-settings.ts';
import { addShopsNearBerlin, apiOf, CONTACT, DELIVERY, quote, type Api } from '../support/api-flow.ts';

describe('the order link', () => {
  let server: TestServer;
  let api: Api;
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    await addShopsNearBerlin(server, 1, 'link');
  });
  afterAll(() => server.close());

  it.each([
    ['Host', { host: 'evil.example' }],
    ['X-Forwarded-Host', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }],
  ])('points at the configured public URL whatever the %s header says', async (_label, headers) => {
    const { body: q } = await quote(api);
    const body = JSON.stringify({ quoteId: q.id, delivery: DELIVERY, contact: CONTACT });

    const reply = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/orders',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `link-${crypto.randomUUID()}` },
      body,
    });

    expect(reply.status).toBe(201);
    const placed = JSON.parse(reply.text) as { id: string; token: string; orderUrl: string };
    expect(placed.orderUrl).toBe(`${TEST_PUBLIC_URL}/#/orders/${placed.id}?token=${placed.token}`);
    expect(reply.text).not.toContain('evil.example');
  });
});
