// The local host's HTTP server: a reply to a request whose body it did not read closes the
// connection (so a client's next request never lands on a socket about to be dropped), too
// many requests at once get 503 + Retry-After instead of waiting, and the limits are set.
import type { ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_HTTP_LIMITS, serveHttp } from '../../infra/local/http-server.ts';
import { rawAgent, rawRequest } from '../support/raw-http.ts';

let server: ServerType | undefined;
afterEach(async () => {
  await new Promise((done) => server?.close(done));
  server = undefined;
});

const start = async (fetch: (request: Request) => Response | Promise<Response>, limits = {}) => {
  server = await serveHttp(fetch, { hostname: '127.0.0.1', port: 0, limits });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

describe('local HTTP server', () => {
  it('closes the connection after refusing an unread body, so the next request on the agent is answered', async () => {
    const url = await start(async (request) => {
      if (request.method === 'POST' && request.headers.get('x-read') === 'yes') await request.text();
      return new Response(request.method === 'POST' && request.headers.get('x-read') !== 'yes' ? 'too large' : 'ok', {
        status: request.method === 'POST' && request.headers.get('x-read') !== 'yes' ? 413 : 200,
      });
    });
    const agent = rawAgent(1);
    try {
      const refused = await rawRequest(url, { method: 'POST', path: '/big', body: 'x'.repeat(2_000_000) }, agent);
      expect(refused.status).toBe(413);
      expect(refused.headers.connection).toBe('close');
      // @hono/node-server drops a socket whose unread body is still draining after 500 ms;
      // a request sent on it after that got "socket hang up".
      await new Promise((done) => setTimeout(done, 700));
      expect((await rawRequest(url, { method: 'GET', path: '/next' }, agent)).status).toBe(200);

      const read = await rawRequest(url, { method: 'POST', path: '/read', headers: { 'x-read': 'yes' }, body: 'x'.repeat(100_000) }, agent);
      expect(read.status).toBe(200);
      expect(read.headers.connection).toBe('keep-alive');
      // Announced well below the server's own idle timeout, so clients let go first.
      expect(read.headers['keep-alive']).toBe(`timeout=${LOCAL_HTTP_LIMITS.keepAliveAnnouncedSeconds}`);
      expect(LOCAL_HTTP_LIMITS.keepAliveAnnouncedSeconds * 1000).toBeLessThanOrEqual(LOCAL_HTTP_LIMITS.keepAliveTimeoutMs - 3_000);
    } finally {
      agent.destroy();
    }
  });

  it('answers 503 problem+json with Retry-After at once when too many requests are in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((done) => (release = done));
    const url = await start(async () => {
      await gate;
      return new Response('done');
    }, { maxInFlight: 2 });
    const held = [rawRequest(url, { method: 'GET', path: '/a' }, false), rawRequest(url, { method: 'GET', path: '/b' }, false)];
    await new Promise((done) => setTimeout(done, 200));

    const refused = await rawRequest(url, { method: 'GET', path: '/c' }, false);
    release();

    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.headers['retry-after']).toBe('1');
    expect(JSON.parse(refused.text)).toMatchObject({ status: 503, retryAfterSeconds: 1 });
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
  });

  it('sets the stated limits on the Node server', async () => {
    await start(() => new Response('ok'));
    const http = server as unknown as { headersTimeout: number; requestTimeout: number; keepAliveTimeout: number; maxConnections: number };
    expect({ headersTimeout: http.headersTimeout, requestTimeout: http.requestTimeout, keepAliveTimeout: http.keepAliveTimeout, maxConnections: http.maxConnections }).toEqual({
      headersTimeout: LOCAL_HTTP_LIMITS.headersTimeoutMs,
      requestTimeout: LOCAL_HTTP_LIMITS.requestTimeoutMs,
      keepAliveTimeout: LOCAL_HTTP_LIMITS.keepAliveTimeoutMs,
      maxConnections: LOCAL_HTTP_LIMITS.maxConnections,
    });
  });
});
