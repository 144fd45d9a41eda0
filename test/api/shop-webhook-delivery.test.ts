// The webhook pieces together: a shop registers its URL through PUT /api/shop/webhook and gets
// the secret; the shop agent's listener (--listen) is given that secret; an order placed near the
// shop is delivered by the notifier, verified by the listener, and GET /api/shop/webhook then
// shows the delivery. After DELETE, nothing more is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookListener, type DeliveryOutcome, type WebhookListener } from '../../functions/agent/webhook-listener.ts';
import type { WebhookEvent } from '../../functions/domain/webhooks.ts';
import { WebhookDeliverer } from '../../functions/notify/webhook-deliverer.ts';
import { apiOf, BERLIN, placeOrder, type Api } from '../support/api-flow.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';

describe('shop webhook: registered by API, delivered by the notifier, verified by the agent', () => {
  let server: TestServer;
  let api: Api;
  let shop: { id: string; apiKey: string };
  let listener: WebhookListener | undefined;
  const events: WebhookEvent[] = [];
  const outcomes: DeliveryOutcome[] = [];

  const listen = (port: number, secret: string) =>
    startWebhookListener({ address: { host: '127.0.0.1', port }, secret, now: () => server.clock.now, onEvent: (e) => events.push(e), onOutcome: (o) => outcomes.push(o) });

  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    shop = await server.addShop({ name: 'Listening', lat: BERLIN.lat + 0.01, lon: BERLIN.lon });
  });
  afterAll(async () => {
    await listener?.close();
    await server.close();
  });

  it('delivers job.offered signed with the secret the API handed out, and the status shows it', async () => {
    // The port first (the URL names it), then the listener again on it with the real secret.
    const probe = await listen(0, 'whsec_placeholder_until_registered');
    const url = probe.url;
    await probe.close();
    const put = await api('PUT', '/shop/webhook', { key: shop.apiKey, body: { url } });
    expect(put.status).toBe(200);
    listener = await listen(Number(new URL(url).port), put.body.secret);

    const order = await placeOrder(api);
    const deliverer = new WebhookDeliverer(server.deps, { allowLoopback: true });
    expect(await deliverer.drainOrder(order.id)).toBeGreaterThanOrEqual(1);
    await expect.poll(() => events.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(events.find((e) => e.data.jobId === order.id)).toMatchObject({ type: 'job.offered', shopId: shop.id });
    expect(outcomes.filter((o) => o.outcome === 'refused')).toEqual([]);

    const status = await api('GET', '/shop/webhook', { key: shop.apiKey });
    expect(status.body).toMatchObject({ url, status: 'active', consecutiveFailures: 0, lastDeliveryAt: server.clock.now });
    expect(status.body).not.toHaveProperty('secret');
  });

  it('sends nothing once the shop removed its webhook', async () => {
    expect((await api('DELETE', '/shop/webhook', { key: shop.apiKey })).status).toBe(204);
    const before = outcomes.length;
    const order = await placeOrder(api);
    expect(await new WebhookDeliverer(server.deps, { allowLoopback: true }).drainOrder(order.id)).toBe(0);
    expect(outcomes.length).toBe(before);
  });
});
