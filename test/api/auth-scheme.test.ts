// The Authorization scheme name is case-insensitive; the key is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { call } from '../support/http.ts';

describe('shop authentication scheme', () => {
  let server: TestServer;
  let apiKey: string;
  let shopId: string;
  beforeAll(async () => {
    server = await startTestServer();
    ({ apiKey, id: shopId } = await server.addShop({ name: 'Case Shop', lat: 52.5, lon: 13.4 }));
  });
  afterAll(() => server.close());

  it.each(['Bearer', 'bearer', 'BEARER'])('accepts the scheme spelled %s', async (scheme) => {
    const reply = await call(server.url, 'GET', '/api/shop/jobs', { headers: { authorization: `${scheme} ${apiKey}` } });
    expect(reply.status).toBe(200);
    expect(reply.body.shop).toEqual({ id: shopId, name: 'Case Shop' }); // the dashboard says who is signed in
  });

  it('refuses the key in another case', async () => {
    const reply = await call(server.url, 'GET', '/api/shop/jobs', { headers: { authorization: `Bearer ${apiKey.toUpperCase()}` } });
    expect(reply.status).toBe(401);
  });
});
