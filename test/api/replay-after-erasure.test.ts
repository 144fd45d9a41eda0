// Issue 16, finding 3: once the customer had their personal data erased, replaying the order
// request (same quote, same Idempotency-Key, any delivery details) never hands out the order's
// token again; before erasure, a retry of the same request still gets its order and token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, DELIVERY, postOrder, quote, type Api } from '../support/api-flow.ts';

const STRANGER = { ...DELIVERY, name: 'Mallory Mallet', line1: 'Elsewhere 9' };

describe('replaying an order request after erasure', () => {
  let server: TestServer;
  let api: Api;
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    await addShopsNearBerlin(server, 1, 'erase');
  });
  afterAll(() => server.close());

  /** Order, cancel and erase: the reviewer's sequence. */
  const erasedOrder = async (key: string) => {
    const { body: q } = await quote(api);
    const placed = await postOrder(api, q.id, key);
    expect(placed.status).toBe(201);
    const retried = await postOrder(api, q.id, key);
    expect([retried.status, retried.body.token]).toEqual([200, placed.body.token]);
    expect((await api('POST', `/orders/${placed.body.id}/cancel`, { token: placed.body.token })).status).toBe(200);
    expect((await api('DELETE', `/orders/${placed.body.id}/personal-data`, { token: placed.body.token })).status).toBe(200);
    return { quoteId: q.id as string, token: placed.body.token as string };
  };

  it.each([
    ['a stranger\'s address', { delivery: STRANGER }],
    ['the original address', {}],
  ])('answers 410 problem+json "order erased" without the token, with %s', async (_label, body) => {
    const key = `erase-replay-${crypto.randomUUID()}`;
    const { quoteId, token } = await erasedOrder(key);

    const replay = await postOrder(api, quoteId, key, body);

    expect(replay.status).toBe(410);
    expect(replay.headers.get('content-type')).toBe('application/problem+json');
    expect(replay.body.type).toContain('order-erased');
    expect(replay.body.errors).toEqual([expect.objectContaining({ field: 'idempotency-key', code: 'erased' })]);
    expect(JSON.stringify(replay.body)).not.toContain(token);
  });
});
