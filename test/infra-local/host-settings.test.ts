// The local host's own settings (issue 16, findings 2 and 4): order links point at the host's
// configured address whatever Host header a client sends, and the order-token secret is made
// once, kept owner-only in the data directory, and the same after a restart, so a retried
// order request still gets its link.
import { mkdtemp, readFile, rm, stat, chmod, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHost, type LocalHost } from '../../infra/local-host.ts';
import { localHostSettings, ORDER_TOKEN_SECRET_FILE } from '../../infra/local/host-settings.ts';
import { rawRequest } from '../support/raw-http.ts';
import { DELIVERY, QUOTE_BODY } from '../support/api-flow.ts';

describe('the local host\'s order links and order-token secret', () => {
  let dataDir: string;
  let host: LocalHost;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-settings-'));
    host = await startLocalHost({ port: 0, dataDir, webDir: dataDir, rateLimitPerSecond: 0 });
  });
  afterAll(async () => {
    await host?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    rawRequest(host.url, { method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('builds the order link from its own address, not from a Host header of evil.example', async () => {
    const quote = JSON.parse((await post('/api/quotes', QUOTE_BODY)).text) as { id: string };
    const headers = { host: 'evil.example', 'idempotency-key': 'local-host-link-0001' };

    const placed = await post('/api/orders', { quoteId: quote.id, delivery: DELIVERY }, headers);

    expect(placed.status).toBe(201);
    const { id, token, orderUrl } = JSON.parse(placed.text) as { id: string; token: string; orderUrl: string };
    expect(orderUrl).toBe(`${host.publicUrl}/#/orders/${id}?token=${token}`);
    expect(placed.text).not.toContain('evil.example');
  });

  it('keeps the order-token secret owner-only, made once and the same on every later start', async () => {
    const file = join(dataDir, ORDER_TOKEN_SECRET_FILE);
    const first = await readFile(file, 'utf8');

    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(first.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await chmod(file, 0o644);
    const again = await localHostSettings(dataDir, 'http://localhost:1/');
    expect(again).toEqual({ publicBaseUrl: 'http://localhost:1', orderTokenSecret: first.trim() });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses to start on a secret file that holds no usable secret', async () => {
    const other = await mkdtemp(join(tmpdir(), 'atelier-settings-bad-'));
    try {
      await writeFile(join(other, ORDER_TOKEN_SECRET_FILE), 'short\n', { mode: 0o600 });
      await expect(localHostSettings(other, 'http://localhost:1')).rejects.toThrow(/no usable secret/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
