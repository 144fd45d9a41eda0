// The agent with `--listen`, against the real API (dynalite + s3rver) and a real listener:
// a signed job.offered wakes the poll loop at once (the claim still goes through the API);
// job.lease-expiring renews the lease of a held job now; order.cancelled keeps the agent from
// claiming that offer; refused and repeated deliveries have no effect; and the poll interval
// stretches while deliveries arrive and returns to normal without them (injected clock).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listenForWebhooks } from '../../functions/agent/agent-listener.ts';
import { createApiClient } from '../../functions/agent/api-client.ts';
import type { Sleep } from '../../functions/agent/backoff.ts';
import { main } from '../../functions/agent/main.ts';
import { createOutput } from '../../functions/agent/output.ts';
import { DEFAULT_TIMING } from '../../functions/agent/shop-agent.ts';
import { LEASE_MS } from '../../functions/domain/order-model.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { captureSink, customerState, placeOrder, storageOriginOf, testAgent } from '../support/agent-harness.ts';
import { deliver, TEST_WEBHOOK_SECRET, webhookEvent } from '../support/webhook-sender.ts';

const listenConfig = { listen: { host: '127.0.0.1', port: 0 }, webhookSecret: TEST_WEBHOOK_SECRET, pollSeconds: 30 };

describe('agent --listen', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    dir = await mkdtemp(join(tmpdir(), 'atelier-webhooks-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  // Each later shop sits nearer the customer, so it is first in line for the orders of its own test.
  it('job.offered wakes a 300 s poll wait at once and the job is claimed through the API; bad deliveries do nothing', async () => {
    const shop = await server.addShop({ name: 'Push Lab', lat: 52.534, lon: 13.405, materials: ['PLA'] });
    const controller = new AbortController();
    const stdout = captureSink();
    const running = main({
      argv: ['run', '--api-url', server.url, '--storage-origin', storageOriginOf(server), '--material', 'PLA', '--build-volume', '250x210x210',
        '--download-dir', join(dir, 'push'), '--poll', '300', '--listen', '127.0.0.1:0'],
      env: { ATELIER_SHOP_KEY: shop.apiKey, ATELIER_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET },
      stdout,
      stderr: captureSink(),
      signal: controller.signal,
      now: () => server.clock.now,
      random: () => 0.5,
      timing: { ...DEFAULT_TIMING, wakeDebounceMs: 10 },
    });
    try {
      // The first round ran (nothing offered yet) and the agent now waits 300 s.
      await vi.waitFor(() => expect(stdout.text()).toMatch(/0 offered, 0 held · next poll in 300 s/), { timeout: 20_000 });
      const url = /webhooks: listening on (http:\/\/127\.0\.0\.1:\d+\/atelier\/webhook)/.exec(stdout.text())![1];
      const order = await placeOrder(server, 'PLA', 'PUSH');
      const offered = webhookEvent('job.offered', order.id);

      // Refused deliveries wake nothing: the order stays unclaimed.
      expect((await deliver(url, offered, { signedAt: server.clock.now, secret: 'whsec_not-this-shops-secret-012345' })).status).toBe(401);
      expect((await deliver(url, offered, { signedAt: server.clock.now - 301_000 })).status).toBe(401);
      expect((await deliver(url, offered, { signedAt: server.clock.now, sendBody: JSON.stringify({ ...offered, id: 'x' }) })).status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await customerState(server, order)).toBe('PLACED');

      expect((await deliver(url, offered, { signedAt: server.clock.now })).status).toBe(200);
      await vi.waitFor(async () => expect(await customerState(server, order)).toBe('CLAIMED'), { timeout: 30_000, interval: 100 });
      const text = stdout.text();
      expect(text).toContain(`webhook job.offered ${order.id}: polling now`);
      expect(text).toMatch(new RegExp(`${order.id} claimed: name-tag, PLA`));
      expect(text).toMatch(/webhook refused with 401: signature does not match/);
      // Said when the woken round ends (the claim shows in the API before that); 300 s cannot stretch.
      await vi.waitFor(() => expect(stdout.text()).toContain('webhooks arriving: polling stays every 300 s as a fallback'), { timeout: 20_000 });
      // The repeat is acknowledged and changes nothing.
      expect(await deliver(url, offered, { signedAt: server.clock.now })).toEqual({ status: 200, body: { received: true, duplicate: true } });
    } finally {
      controller.abort();
    }
    expect(await running).toBe(0);
    expect(stdout.text().trimEnd().endsWith('stopped')).toBe(true);
  });

  it('job.lease-expiring renews the lease now for a job the agent holds, and only for one', async () => {
    const shop = await server.addShop({ name: 'Lease Lab', lat: 52.533, lon: 13.405, materials: ['PLA'] });
    const order = await placeOrder(server, 'PLA', 'LEASE');
    const { agent, sink, round } = testAgent({ server, shopKey: shop.apiKey, downloadDir: join(dir, 'lease'), now: () => server.clock.now });
    await round(); // claims it
    expect(await customerState(server, order)).toBe('CLAIMED');
    const listener = (await listenForWebhooks(agent.hints, listenConfig, createOutput(sink), () => server.clock.now))!;
    const shopApi = createApiClient({ apiUrl: server.url, shopKey: shop.apiKey });
    const leaseUntil = async () => (await shopApi.getJob(order.id)).leaseUntil;
    try {
      const claimedUntil = await leaseUntil();
      server.clock.advance(12 * 60_000); // 3 minutes left: the sender warns 2 minutes before, say
      const other = await placeOrder(server, 'PLA', 'NOTMINE');
      expect((await deliver(listener.url, webhookEvent('job.lease-expiring', other.id), { signedAt: server.clock.now })).status).toBe(200);
      expect((await deliver(listener.url, webhookEvent('job.lease-expiring', order.id), { signedAt: server.clock.now })).status).toBe(200);
      await vi.waitFor(async () => expect(await leaseUntil()).toBe(server.clock.now + LEASE_MS), { timeout: 10_000, interval: 50 });
      expect(claimedUntil).toBeLessThan(server.clock.now + LEASE_MS);
      expect(sink.text()).toContain(`webhook job.lease-expiring ${other.id}: not a job this agent holds; ignored`);
      expect(sink.text()).toContain(`webhook job.lease-expiring ${order.id}: lease renewed`);
      expect(await customerState(server, other)).toBe('PLACED');
    } finally {
      await listener.close();
    }
  });

  it('order.cancelled keeps the agent from claiming that offer even if the listing still shows it', async () => {
    const shop = await server.addShop({ name: 'Cancel Lab', lat: 52.532, lon: 13.405, materials: ['PLA'] });
    const { agent, sink, round } = testAgent({ server, shopKey: shop.apiKey, downloadDir: join(dir, 'cancel'), maxOpenJobs: 5, now: () => server.clock.now });
    await round(); // nothing yet; the agent knows what it holds (nothing)
    const listener = (await listenForWebhooks(agent.hints, listenConfig, createOutput(sink), () => server.clock.now))!;
    try {
      const cancelled = await placeOrder(server, 'PLA', 'GONE');
      const kept = await placeOrder(server, 'PLA', 'KEPT');
      expect((await deliver(listener.url, webhookEvent('order.cancelled', cancelled.id), { signedAt: server.clock.now })).status).toBe(200);
      await vi.waitFor(() => expect(sink.text()).toContain(`webhook order.cancelled ${cancelled.id}: will not be claimed`));
      const report = await round();
      expect(report.skipped).toEqual([{ id: cancelled.id, reason: 'cancelled (webhook)' }]);
      expect(report.claimed).toEqual([kept.id]);
      expect(await customerState(server, cancelled)).toBe('PLACED');
    } finally {
      await listener.close();
    }
  });

  it('polls 4× less often while deliveries arrive and at the normal interval again 10 minutes after the last', async () => {
    const shop = await server.addShop({ name: 'Cadence Lab', lat: 52.531, lon: 13.405, materials: ['PLA'] });
    const clock = { now: Date.parse('2026-12-05T17:00:00Z') };
    const controller = new AbortController();
    const waits: number[] = [];
    let url = '';
    const offered = () => deliver(url, webhookEvent('job.offered', 'oNotAJob'), { signedAt: clock.now });
    // Each wait is where the test acts: time passes on the injected clock, deliveries arrive.
    const steps: (() => Promise<unknown>)[] = [
      async () => { clock.now += 30_000; await offered(); }, // normal wait, cut short by a webhook
      async () => { clock.now += 1_000; await offered(); }, // the debounce after the wake: a second offer joins the same round
      async () => { clock.now += 120_000; await offered(); }, // stretched; another delivery
      async () => { clock.now += 1_000; },
      async () => { clock.now += 120_000; }, // stretched; nothing arrives
      async () => { clock.now += 120_000; },
      async () => { clock.now += 120_000; },
      async () => { clock.now += 120_000; },
      async () => { clock.now += 120_000; }, // 10 min since the last delivery
      async () => controller.abort(),
    ];
    const sleep: Sleep = async (ms, signal) => {
      waits.push(ms);
      await steps[waits.length - 1]?.();
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    };
    const { agent, sink } = testAgent({ server, shopKey: shop.apiKey, downloadDir: join(dir, 'cadence'), now: () => clock.now, sleep });
    const listener = (await listenForWebhooks(agent.hints, listenConfig, createOutput(sink), () => clock.now))!;
    url = listener.url;
    try {
      await agent.run(controller.signal);
    } finally {
      await listener.close();
    }
    expect(waits).toEqual([30_000, 1_000, 120_000, 1_000, 120_000, 120_000, 120_000, 120_000, 120_000, 30_000]);
    const text = sink.text();
    expect(text).toMatch(/webhooks arriving: polling every 120 s as a fallback \(every 30 s while a job is in production\)/);
    expect(text).toMatch(/no webhook for 10 min: back to polling every 30 s/);
    expect(text.match(/webhooks arriving/g)).toHaveLength(1);
  });
});
