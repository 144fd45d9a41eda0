// Issue 16, finding 9: responses that carry addresses, tokens or signed links are never
// stored by a browser or a shared cache (Cache-Control: no-store); every response carries the
// same Content-Security-Policy CloudFront sets in AWS; a client's X-Request-Id is kept only if
// it matches a strict pattern, and otherwise neither answered nor logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from '../../functions/api/logger.ts';
import { CONTENT_SECURITY_POLICY } from '../../functions/api/security-policy.ts';
import { CONTENT_SECURITY_POLICY as CLOUDFRONT_CSP } from '../../infra/constructs/web-site.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { rawRequest } from '../support/raw-http.ts';
import { addShopsNearBerlin, apiOf, placeOrder, postOrder, quote, type Api, type TestShop } from '../support/api-flow.ts';

describe('headers on sensitive responses', () => {
  let server: TestServer;
  let api: Api;
  let shop: TestShop;
  const logLines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ logger: jsonLogger((line) => logLines.push(line)) });
    api = apiOf(server);
    [shop] = await addShopsNearBerlin(server, 1, 'hdr');
  });
  afterAll(() => server.close());

  it('sends Cache-Control: no-store on every answer carrying an address, a token or a signed link, and on problems', async () => {
    const q = await quote(api);
    const { id, token } = await placeOrder(api);
    const asShop = { key: shop.apiKey };
    const replies = {
      'POST /quotes (signed links)': q,
      'POST /orders (token)': await postOrder(api, q.body.id, `hdr-${crypto.randomUUID()}`),
      'GET /orders/{id}': await api('GET', `/orders/${id}`, { token }),
      'GET /orders/{id}/files': await api('GET', `/orders/${id}/files`, { token }),
      'POST /shop/jobs/{id}/claim (address)': await api('POST', `/shop/jobs/${id}/claim`, asShop),
      'GET /shop/jobs (address)': await api('GET', '/shop/jobs', asShop),
      'GET /shop/jobs/{id}': await api('GET', `/shop/jobs/${id}`, asShop),
      'POST /shop/jobs/{id}/heartbeat': await api('POST', `/shop/jobs/${id}/heartbeat`, asShop),
      'GET /shop/jobs/{id}/files (signed links)': await api('GET', `/shop/jobs/${id}/files`, asShop),
      'POST /shop/jobs/{id}/status': await api('POST', `/shop/jobs/${id}/status`, { ...asShop, body: { status: 'PRINTING' } }),
      'POST /orders/{id}/cancel (problem)': await api('POST', `/orders/${id}/cancel`, { token }),
      'GET /orders/{id} wrong token (problem)': await api('GET', `/orders/${id}`, { token: 'x'.repeat(32) }),
    };
    const other = await placeOrder(api);
    const cancelled = await api('POST', `/orders/${other.id}/cancel`, { token: other.token });
    const erased = await api('DELETE', `/orders/${other.id}/personal-data`, { token: other.token });

    for (const [label, reply] of Object.entries({ ...replies, 'POST /orders/{id}/cancel': cancelled, 'DELETE /orders/{id}/personal-data': erased })) {
      expect(reply.headers.get('cache-control'), `${label} (${reply.status})`).toBe('no-store');
    }
    expect([cancelled.status, erased.status]).toEqual([200, 200]);
    // The catalogue carries nothing personal and stays cacheable.
    expect((await api('GET', '/designs')).headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('sends the Content-Security-Policy CloudFront sets, on API answers and everything else the app serves', async () => {
    expect(CONTENT_SECURITY_POLICY).toBe(CLOUDFRONT_CSP);
    for (const path of ['/api/designs', '/api/nowhere', '/not-an-api-page']) {
      const reply = await fetch(`${server.url}${path}`);
      expect(reply.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(reply.headers.get('permissions-policy'), path).toBe('camera=(), microphone=(), geolocation=(self)');
    }
  });

  it.each([
    ['too long', 'a'.repeat(65)],
    ['too short', 'abc'],
    ['path characters', '../../etc/passwd'],
    ['padding and quotes', 'abc=def"ghi'],
    ['a log-injection attempt', 'abcdefgh", "level": "error", "message": "forged'],
    ['a leading dash', '-abcdefgh'],
  ])('replaces a client X-Request-Id with %s, and logs only the replacement', async (_label, sent) => {
    logLines.length = 0;
    const reply = await rawRequest(server.url, { method: 'GET', path: '/api/designs', headers: { 'x-request-id': sent } });

    const id = reply.headers['x-request-id'] as string;
    expect(id).not.toBe(sent);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = logLines.map((l) => JSON.parse(l)).find((l) => l.message === 'request')!;
    expect(line).toMatchObject({ requestId: id, requestIdFrom: 'server' });
    expect(logLines.join('\n')).not.toContain(sent);
  });

  it('keeps a well-formed client X-Request-Id and says in the log that it came from the client', async () => {
    logLines.length = 0;
    const reply = await rawRequest(server.url, { method: 'GET', path: '/api/designs', headers: { 'x-request-id': 'agent-7f3a9c01' } });

    expect(reply.headers['x-request-id']).toBe('agent-7f3a9c01');
    expect(JSON.parse(logLines.find((l) => l.includes('"request"'))!)).toMatchObject({ requestId: 'agent-7f3a9c01', requestIdFrom: 'client' });
  });
});
