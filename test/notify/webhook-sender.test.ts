// One delivery over real sockets: the POST goes to the checked address while the URL's host
// names it (Host header; over TLS the SNI, and the certificate is checked against that name),
// signed and with the event id header; a redirect is a failure and is not followed; a receiver
// that does not answer in time is a timeout; nothing of a body comes back in the outcome.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../functions/domain/webhook-signature.ts';
import type { WebhookEvent } from '../../functions/domain/webhooks.ts';
import { postWebhook } from '../../functions/notify/webhook-sender.ts';
import { checkWebhookTarget } from '../../functions/notify/webhook-target.ts';

const SECRET = 'whsec_test-secret-for-the-sender';
const EVENT: WebhookEvent = { id: 'ord_1.job.offered.shop_1', type: 'job.offered', created: '2026-12-05T17:00:00.000Z', shopId: 'shop_1', data: { jobId: 'ord_1' } };
const toLoopback = async () => [{ address: '127.0.0.1' }];
const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

describe('postWebhook', () => {
  const seen: { request: IncomingMessage; body: string }[] = [];
  let answer: (path: string) => { status: number; headers?: Record<string, string> } | null = () => ({ status: 204 });
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        seen.push({ request, body: Buffer.concat(chunks).toString('utf8') });
        const reply = answer(request.url ?? '');
        if (reply) response.writeHead(reply.status, reply.headers).end('a body the sender must not read into its outcome');
      });
    });
    port = await listen(server);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('posts the signed event to the checked address, named by the URL\'s host', async () => {
    const now = Date.now();
    const target = await checkWebhookTarget(`http://hooks.shop.test:${port}/atelier/in?v=2`, { allowLoopback: true, lookup: toLoopback });
    const outcome = await postWebhook({ target, event: EVENT, secret: SECRET, now });

    expect(outcome).toEqual({ ok: true });
    const { request, body } = seen.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/atelier/in?v=2');
    expect(request.headers.host).toBe(`hooks.shop.test:${port}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['atelier-webhook-id']).toBe(EVENT.id);
    expect(JSON.parse(body)).toEqual(EVENT);
    expect(await verifyWebhook(SECRET, body, request.headers['atelier-signature'] as string, now)).toMatchObject({ ok: true });
    expect(await verifyWebhook('whsec_another', body, request.headers['atelier-signature'] as string, now)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('does not follow a redirect, and says so', async () => {
    answer = (path) => (path === '/moved' ? { status: 302, headers: { location: `http://127.0.0.1:${port}/elsewhere` } } : { status: 200 });
    const before = seen.length;
    const target = await checkWebhookTarget(`http://127.0.0.1:${port}/moved`, { allowLoopback: true });
    expect(await postWebhook({ target, event: EVENT, secret: SECRET, now: Date.now() })).toEqual({ ok: false, error: 'HTTP 302 (redirects are not followed)' });
    expect(seen.slice(before).map((s) => s.request.url)).toEqual(['/moved']);
  });

  it('gives up on a receiver that does not answer in time, and names a refused connection', async () => {
    answer = () => null;
    const target = await checkWebhookTarget(`http://127.0.0.1:${port}/silent`, { allowLoopback: true });
    expect(await postWebhook({ target, event: EVENT, secret: SECRET, now: Date.now(), timeoutMs: 300 })).toEqual({ ok: false, error: 'timed out after 0.3 s' });

    const closed = createServer();
    const closedPort = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const gone = await checkWebhookTarget(`http://127.0.0.1:${closedPort}/`, { allowLoopback: true });
    expect(await postWebhook({ target: gone, event: EVENT, secret: SECRET, now: Date.now() })).toEqual({ ok: false, error: 'connection refused' });
  });

  it.skipIf(!existsSync('/usr/bin/openssl'))('over TLS sends the URL\'s host as SNI to the checked address and refuses a certificate it cannot trust (needs openssl: apt-get install -y openssl)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atelier-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=hooks.shop.test', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
      const credentials = { key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) };
      const names: string[] = [];
      let requests = 0;
      // SNICallback sees the ClientHello's server name, before the client judges the certificate.
      const tls = createTlsServer({ ...credentials, SNICallback: (name, done) => (names.push(name), done(null, createSecureContext(credentials))) }, (_q, r) => {
        requests++;
        r.end();
      });
      tls.on('tlsClientError', () => {});
      const tlsPort = await listen(tls as unknown as Server);
      const target = await checkWebhookTarget(`https://hooks.shop.test:${tlsPort}/in`, { allowLoopback: true, lookup: toLoopback });
      const outcome = await postWebhook({ target, event: EVENT, secret: SECRET, now: Date.now() });
      await new Promise<void>((resolve) => tls.close(() => resolve()));

      expect(names).toEqual(['hooks.shop.test']);
      expect(outcome).toEqual({ ok: false, error: 'TLS failed (DEPTH_ZERO_SELF_SIGNED_CERT)' });
      expect(requests).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
