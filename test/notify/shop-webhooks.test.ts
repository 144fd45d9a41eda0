// Shop webhooks end to end: the real app on a socket over dynalite + s3rver, the notifier (the
// local host's, loopback allowed, and one in AWS mode) delivering to a real node:http receiver
// on loopback that verifies every signature with the shop's secret and counts deliveries.
// Events come from placing, a window opening (found by the sweep through the due index), a
// claim and a heartbeat, and a cancel, exactly once each, to the right shop about the right job;
// a 500 is retried with back-off; 500 forever gives up and disables the webhook; a URL
// resolving to a private address in AWS mode is refused and recorded, never connected; a
// notifier that died between write and send delivers after restart; a notifier with no mail
// configured still delivers webhooks; an offer due under another shop's live claim waits for
// that lease and goes out when it lapses.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IN_FLIGHT_TIMEOUT_MS } from '../../functions/domain/notifications.ts';
import { LEASE_MS } from '../../functions/domain/order-model.ts';
import { OFFER_WINDOW_MS } from '../../functions/domain/routing.ts';
import { startWebhookAttempt } from '../../functions/domain/webhook-outbox.ts';
import { verifyWebhook } from '../../functions/domain/webhook-signature.ts';
import { LEASE_WARNING_MS, MAX_WEBHOOK_FAILURES, type WebhookEvent } from '../../functions/domain/webhooks.ts';
import { Notifier } from '../../functions/notify/notifier.ts';
import { smtpSender } from '../../functions/notify/smtp-sender.ts';
import { WebhookDeliverer, type WebhookDelivererOptions } from '../../functions/notify/webhook-deliverer.ts';
import { startMailSink, type MailSink } from '../../infra/local/mail-sink.ts';
import { apiOf, postOrder, quote, type Api, type TestShop } from '../support/api-flow.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';

const BACKOFF_MS = 1_000;

interface Delivery {
  event: WebhookEvent;
  idHeader: string | undefined;
}

describe('shop webhooks', () => {
  let server: TestServer;
  let api: Api;
  let receiver: Server;
  let receiverUrl: string;
  let sink: MailSink;
  /** Secrets by shop id, as the shops keep them. */
  const secrets = new Map<string, string>();
  /** Statuses to answer per shop, one per delivery (then 200); `forever` answers that to every delivery. */
  const answers = new Map<string, number[]>();
  const forever = new Map<string, number>();
  const deliveries: Delivery[] = [];
  let attempts = 0;
  let badSignatures = 0;
  let connections = 0;
  const notifiers: Notifier[] = [];
  let keySeq = 0;

  const newNotifier = (options: Partial<WebhookDelivererOptions> = {}) => {
    const webhooks = new WebhookDeliverer(server.deps, { allowLoopback: true, backoffBaseMs: BACKOFF_MS, ...options });
    const notifier = new Notifier(server.deps, { sender: smtpSender(sink.url), from: 'Atelier <orders@atelier.test>', baseUrl: server.deps.publicBaseUrl, backoffBaseMs: BACKOFF_MS, webhooks });
    notifiers.push(notifier);
    return { notifier, webhooks };
  };

  /** Shops around a place of their own (so each test has its own candidates), i + 1 km north, nearest first. */
  const shopsAt = async (name: string, at: { lat: number; lon: number }, count: number, withWebhook: boolean[]): Promise<TestShop[]> => {
    const shops: TestShop[] = [];
    for (let i = 0; i < count; i++) {
      const shop = await server.addShop({ id: `${name}-${i}`, name: `${name} ${i}`, lat: at.lat + (i + 1) / 111.2, lon: at.lon });
      if (withWebhook[i]) secrets.set(shop.id, (await server.deps.stores.shopWebhooks.set(shop.id, `${receiverUrl}/hooks/${shop.id}?v=1`, server.clock.now)).secret);
      shops.push(shop);
    }
    return shops;
  };
  const order = async (at: { lat: number; lon: number }, contact?: { email: string }) => {
    const q = await quote(api, { location: at });
    const placed = await postOrder(api, q.body.id, `webhooks-${Date.now()}-${keySeq++}`, { contact });
    expect(placed.status).toBe(201);
    return { id: placed.body.id as string, token: placed.body.token as string };
  };
  const shopCall = (shop: TestShop, id: string, action: string, body?: object) => api('POST', `/shop/jobs/${id}/${action}`, { key: shop.apiKey, body });
  const eventsFor = (jobId: string) => deliveries.filter((d) => d.event.data.jobId === jobId).map((d) => `${d.event.type} ${d.event.shopId}`);
  const hooksOf = async (id: string) => (await server.deps.stores.orders.get(id))!.outbox.webhooks ?? [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      attempts++;
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const event = JSON.parse(body) as WebhookEvent;
        const shopId = request.url?.split('/')[2]?.split('?')[0] ?? '';
        const verdict = await verifyWebhook(secrets.get(shopId) ?? '', body, request.headers['atelier-signature'] as string, server.clock.now);
        const status = forever.get(shopId) ?? answers.get(shopId)?.shift() ?? 200;
        if (!verdict.ok || event.shopId !== shopId) badSignatures++;
        else if (status === 200) deliveries.push({ event, idHeader: request.headers['atelier-webhook-id'] as string | undefined });
        response.writeHead(status).end('thanks');
      });
    });
    receiver.on('connection', () => void connections++);
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    sink = await startMailSink({});
    server = await startTestServer();
    api = apiOf(server);
  });
  afterAll(async () => {
    for (const n of notifiers) (n as unknown as { options: { sender: { close?: () => void } } }).options.sender.close?.();
    await server.close();
    await sink.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('tells each shop with a webhook, once: offered at its window (the sweep), lease expiring after a heartbeat moved it', async () => {
    const HAMBURG = { lat: 53.55, lon: 9.99 };
    const shops = await shopsAt('hh', HAMBURG, 3, [true, true, false]);
    const { notifier } = newNotifier();
    const { id } = await order(HAMBURG);
    await notifier.drainOrder(id);
    expect(eventsFor(id)).toEqual(['job.offered hh-0']);

    server.clock.advance(OFFER_WINDOW_MS - 1);
    await notifier.sweep();
    expect(eventsFor(id)).toEqual(['job.offered hh-0']);
    server.clock.advance(1);
    await notifier.sweep();
    await notifier.sweep();
    expect(eventsFor(id)).toEqual(['job.offered hh-0', 'job.offered hh-1']);

    // hh-2's window opens; it has no webhook: its entry is dropped, nothing is sent.
    server.clock.advance(OFFER_WINDOW_MS);
    await notifier.sweep();
    expect((await hooksOf(id)).find((e) => e.shopId === 'hh-2')).toMatchObject({ status: 'dropped', lastError: 'the shop has no webhook' });

    // Claimed, then a heartbeat 5 minutes later moves the lease: the first warning time passes unsent.
    expect((await shopCall(shops[0], id, 'claim')).status).toBe(200);
    const claimedAt = server.clock.now;
    await notifier.drainOrder(id);
    server.clock.advance(5 * 60_000);
    expect((await shopCall(shops[0], id, 'heartbeat', {})).status).toBe(200);
    const leaseUntil = server.clock.now + LEASE_MS;
    server.clock.now = claimedAt + LEASE_MS - LEASE_WARNING_MS;
    await notifier.sweep();
    expect(eventsFor(id)).toHaveLength(2);
    server.clock.now = leaseUntil - LEASE_WARNING_MS;
    await notifier.sweep();
    await notifier.sweep();
    expect(eventsFor(id)).toEqual(['job.offered hh-0', 'job.offered hh-1', 'job.lease-expiring hh-0']);
    const warning = deliveries.find((d) => d.event.type === 'job.lease-expiring' && d.event.data.jobId === id)!;
    expect(warning.event.data.leaseExpiresAt).toBe(new Date(leaseUntil).toISOString());
    expect(warning.idHeader).toBe(warning.event.id);
    expect(badSignatures).toBe(0);
    expect((await server.deps.stores.shopWebhooks.get('hh-0'))).toMatchObject({ status: 'active', consecutiveFailures: 0 });
  });

  it('tells the shops whose window had opened that the order was cancelled, once', async () => {
    const MUNICH = { lat: 48.14, lon: 11.58 };
    await shopsAt('mu', MUNICH, 3, [true, true, true]);
    const { notifier } = newNotifier();
    const { id, token } = await order(MUNICH);
    server.clock.advance(OFFER_WINDOW_MS);
    await notifier.sweep();
    expect((await api('POST', `/orders/${id}/cancel`, { token })).status).toBe(200);
    await notifier.drainOrder(id);
    await notifier.sweep();
    server.clock.advance(OFFER_WINDOW_MS);
    await notifier.sweep();

    expect(eventsFor(id)).toEqual(['job.offered mu-0', 'job.offered mu-1', 'order.cancelled mu-0', 'order.cancelled mu-1']);
    expect((await hooksOf(id)).find((e) => e.id === `${id}.job.offered.mu-2`)?.status).toBe('dropped');
    expect(badSignatures).toBe(0);
  });

  it('retries a 500 with back-off, then delivers the same event once', async () => {
    const COLOGNE = { lat: 50.94, lon: 6.96 };
    await shopsAt('cgn', COLOGNE, 1, [true]);
    answers.set('cgn-0', [500, 503]);
    const { notifier, webhooks } = newNotifier();
    const before = attempts;
    const { id } = await order(COLOGNE);
    await notifier.drainOrder(id);
    let entry = (await hooksOf(id))[0];
    expect(entry).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: server.clock.now + BACKOFF_MS, lastError: 'HTTP 500' });
    expect(await server.deps.stores.shopWebhooks.get('cgn-0')).toMatchObject({ status: 'failing', consecutiveFailures: 1, lastError: 'HTTP 500' });
    await notifier.drainOrder(id);
    expect(attempts - before).toBe(1);

    server.clock.advance(BACKOFF_MS);
    await notifier.sweep();
    entry = (await hooksOf(id))[0];
    expect(entry).toMatchObject({ attempts: 2, nextAttemptAt: server.clock.now + 2 * BACKOFF_MS, lastError: 'HTTP 503' });
    server.clock.advance(2 * BACKOFF_MS);
    await notifier.sweep();

    expect(attempts - before).toBe(3);
    expect(eventsFor(id)).toEqual(['job.offered cgn-0']);
    expect((await hooksOf(id))[0]).toMatchObject({ status: 'sent', attempts: 3 });
    expect(await server.deps.stores.shopWebhooks.get('cgn-0')).toMatchObject({ status: 'active', consecutiveFailures: 0 });
    expect(webhooks.counts).toMatchObject({ delivered: 1, failedAttempts: 2 });
  });

  it('gives up on a receiver that answers 500 forever: webhook disabled, the shop\'s other events dropped unsent', async () => {
    const FRANKFURT = { lat: 50.11, lon: 8.68 };
    await shopsAt('fra', FRANKFURT, 1, [true]);
    forever.set('fra-0', 500);
    const { notifier, webhooks } = newNotifier();
    const before = attempts;
    const first = await order(FRANKFURT);
    const second = await order(FRANKFURT);
    // Only the first order's entry is tried: drain it until the shop's webhook is disabled.
    for (let i = 0; i < MAX_WEBHOOK_FAILURES; i++) {
      await notifier.drainOrder(first.id);
      server.clock.advance(60 * 60_000);
    }
    expect(attempts - before).toBe(MAX_WEBHOOK_FAILURES);
    const hook = await server.deps.stores.shopWebhooks.get('fra-0');
    expect(hook).toMatchObject({ status: 'disabled', consecutiveFailures: MAX_WEBHOOK_FAILURES, lastError: 'HTTP 500' });
    expect((await hooksOf(first.id))[0]).toMatchObject({ status: 'failed', attempts: MAX_WEBHOOK_FAILURES });

    await notifier.sweep();
    await notifier.drainOrder(second.id);
    expect(attempts - before).toBe(MAX_WEBHOOK_FAILURES);
    expect((await hooksOf(second.id))[0]).toMatchObject({ status: 'dropped', lastError: 'the shop\'s webhook is disabled', attempts: 0 });
    expect(webhooks.counts.gaveUp).toBe(1);
    forever.delete('fra-0');
  });

  it('in AWS mode refuses a URL that resolves to a private address, records why, and never connects', async () => {
    const LEIPZIG = { lat: 51.34, lon: 12.37 };
    const [shop] = await shopsAt('lej', LEIPZIG, 1, [false]);
    const port = (receiver.address() as AddressInfo).port;
    await server.deps.stores.shopWebhooks.set(shop.id, `https://hooks.lej.example:${port}/atelier`, server.clock.now);
    const asked: string[] = [];
    // The name resolves to loopback, where the receiver listens: a connection would be counted.
    const lookup = async (host: string) => (asked.push(host), [{ address: '127.0.0.1' }]);
    const { notifier, webhooks } = newNotifier({ allowLoopback: false, lookup });
    const before = connections;
    const { id } = await order(LEIPZIG);
    await notifier.drainOrder(id);

    expect(asked).toEqual(['hooks.lej.example']);
    expect(connections - before).toBe(0);
    expect(webhooks.counts.refused).toBe(1);
    expect((await hooksOf(id))[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'refused: resolves to a loopback, private or reserved address' });
    expect(await server.deps.stores.shopWebhooks.get(shop.id)).toMatchObject({ status: 'failing', lastError: 'refused: resolves to a loopback, private or reserved address' });
  });

  it('a notifier that died between write and send: a new one delivers after restart, once; one that died mid-send resends the same event id', async () => {
    const DRESDEN = { lat: 51.05, lon: 13.74 };
    await shopsAt('dd', DRESDEN, 1, [true]);
    // Written while no notifier runs.
    const { id } = await order(DRESDEN);
    const restarted = newNotifier();
    await restarted.notifier.sweep();
    await restarted.notifier.sweep();
    expect(eventsFor(id)).toEqual(['job.offered dd-0']);

    const crashed = await order(DRESDEN);
    const stored = (await server.deps.stores.orders.get(crashed.id))!;
    const entry = stored.outbox.webhooks![0];
    // What a notifier writes just before the POST, then it dies.
    expect(await server.deps.stores.outbox.save(stored.order, stored.order.version, startWebhookAttempt(stored.outbox, entry.id, server.clock.now))).toBe(true);
    const again = newNotifier();
    await again.notifier.sweep();
    expect(eventsFor(crashed.id)).toEqual([]);
    server.clock.advance(IN_FLIGHT_TIMEOUT_MS);
    await again.notifier.sweep();

    expect(eventsFor(crashed.id)).toEqual(['job.offered dd-0']);
    expect(deliveries.filter((d) => d.event.id === entry.id)).toHaveLength(1);
    expect(again.webhooks.counts.possibleDuplicates).toBe(1);
    expect((await hooksOf(crashed.id))[0]).toMatchObject({ status: 'sent', attempts: 2, uncertain: 1 });
  });

  it('without mail configured (AWS with no mail context) delivers webhooks and drops the mails', async () => {
    const BREMEN = { lat: 53.08, lon: 8.8 };
    await shopsAt('hb', BREMEN, 1, [true]);
    const webhooks = new WebhookDeliverer(server.deps, { allowLoopback: true, backoffBaseMs: BACKOFF_MS });
    const notifier = new Notifier(server.deps, { sender: null, from: '', baseUrl: server.deps.publicBaseUrl, webhooks });
    const { id } = await order(BREMEN, { email: 'ada@example.org' });
    await notifier.drainOrder(id);

    expect(eventsFor(id)).toEqual(['job.offered hb-0']);
    const outbox = (await server.deps.stores.orders.get(id))!.outbox;
    expect(outbox.entries.map((e) => [e.kind, e.status])).toEqual([['placed', 'dropped']]);
    expect(notifier.counts).toMatchObject({ sent: 0, dropped: 1 });
  });

  it('an offer that comes due while another shop holds the job waits for its lease, and goes out when the lease lapses', async () => {
    const STUTTGART = { lat: 48.78, lon: 9.18 };
    const shops = await shopsAt('str', STUTTGART, 2, [true, true]);
    const { notifier } = newNotifier();
    const { id } = await order(STUTTGART);
    await notifier.drainOrder(id);
    expect((await shopCall(shops[0], id, 'claim')).status).toBe(200);
    const leaseUntil = server.clock.now + LEASE_MS;
    server.clock.advance(OFFER_WINDOW_MS);
    await notifier.sweep();
    expect(eventsFor(id)).toEqual(['job.offered str-0']);
    expect((await hooksOf(id)).find((e) => e.shopId === 'str-1')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: leaseUntil });

    // No heartbeat, and no sweep until the lease has lapsed: the warning is too late and dropped;
    // the job is on offer to str-1 again, and it hears so.
    server.clock.now = leaseUntil;
    await notifier.sweep();
    expect(eventsFor(id)).toEqual(['job.offered str-0', 'job.offered str-1']);
    expect((await hooksOf(id)).find((e) => e.type === 'job.lease-expiring')).toMatchObject({ status: 'dropped', lastError: 'no longer applies' });
    expect(badSignatures).toBe(0);
  });
});
