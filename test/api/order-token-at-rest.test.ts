// Issue 16, finding 4: order tokens are stored as sha256 only (as API keys are). The token is
// derived from the Idempotency-Key and the quote under the installation's secret, so a retry
// of the same request gets the same token without it ever being stored; items written before
// hashing (clear `token`) keep working and lose the clear token on their next write.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { silentLogger } from '../../functions/api/logger.ts';
import { createDeps } from '../../functions/api/wiring.ts';
import { hashOrderToken, orderTokenFor } from '../../functions/domain/ids.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { TEST_HOST_SETTINGS } from '../support/host-settings.ts';
import { addShopsNearBerlin, apiOf, orderItems, placeOrder, postOrder, quote, scanTable, type Api, type TestShop } from '../support/api-flow.ts';

describe('order tokens at rest', () => {
  let server: TestServer;
  let api: Api;
  let shops: TestShop[];
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    shops = await addShopsNearBerlin(server, 1, 'rest');
  });
  afterAll(() => server.close());

  const rawItem = async (id: string) => (await orderItems(server)).find((item) => item.PK.S === `ORDER#${id}`)!;

  it('stores only sha256(token): the token, or any 16-character piece of it, is nowhere in the table', async () => {
    const { id, token } = await placeOrder(api);

    const item = await rawItem(id);
    expect(item.tokenHash?.S).toBe(await hashOrderToken(token));
    expect(item.token).toBeUndefined();
    const dump = JSON.stringify(await scanTable(server));
    for (const piece of [token, token.slice(0, 16), token.slice(-16)]) expect(dump).not.toContain(piece);
    expect((await api('GET', `/orders/${id}`, { token })).status).toBe(200);
    expect((await api('GET', `/orders/${id}`, { token: token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) })).status).toBe(404);
  });

  it('gives a retry of the same request the same token, derived again from the order id (key and quote) and the secret', async () => {
    const { body: q } = await quote(api);
    const key = `rest-retry-${crypto.randomUUID()}`;

    const first = await postOrder(api, q.id, key);
    const retry = await postOrder(api, q.id, key);

    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body.token).toBe(first.body.token);
    expect(first.body.token).toBe(await orderTokenFor(TEST_HOST_SETTINGS.orderTokenSecret, first.body.id));
    expect(first.body.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('refuses to re-issue a link after the secret changed (409), while the link itself keeps working', async () => {
    const { body: q } = await quote(api);
    const key = `rest-rotated-${crypto.randomUUID()}`;
    const first = await postOrder(api, q.id, key);
    const rotated = createApp(createDeps(server.stack.config, { ...TEST_HOST_SETTINGS, orderTokenSecret: 'another-installation-secret-0123456789', clients: server.stack.clients, logger: silentLogger, clock: () => server.clock.now }));
    const send = (path: string, init: RequestInit) => rotated.request(`/api${path}`, init);

    const retry = await send('/orders', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify({ quoteId: q.id, delivery: (await api('GET', `/orders/${first.body.id}`, { token: first.body.token })).body.delivery, contact: { email: 'ada@example.org' } }) });
    const read = await send(`/orders/${first.body.id}`, { headers: { 'x-order-token': first.body.token } });

    expect(retry.status).toBe(409);
    expect(await retry.text()).not.toContain(first.body.token);
    expect(read.status).toBe(200);
  });

  it('keeps an order stored with a clear token (before hashing) working, and stores only the hash on its next write', async () => {
    const { id, token } = await placeOrder(api);
    // Rewrite the item as the previous version stored it: the token in clear, no hash.
    const table = server.stack.config.tableName;
    const { Item } = await server.stack.clients.doc.send(new GetCommand({ TableName: table, Key: { PK: `ORDER#${id}`, SK: 'ORDER' } }));
    const { tokenHash: _dropped, ...legacy } = Item!;
    await server.stack.clients.doc.send(new PutCommand({ TableName: table, Item: { ...legacy, token } }));

    expect((await api('GET', `/orders/${id}`, { token })).status).toBe(200);
    expect((await api('GET', `/orders/${id}`, { token: 'x'.repeat(32) })).status).toBe(404);
    const claimed = await api('POST', `/shop/jobs/${id}/claim`, { key: shops[0].apiKey });

    expect(claimed.status).toBe(200);
    const item = await rawItem(id);
    expect(item.token).toBeUndefined();
    expect(item.tokenHash?.S).toBe(await hashOrderToken(token));
    expect((await api('GET', `/orders/${id}`, { token })).body.state).toBe('CLAIMED');
  });
});
