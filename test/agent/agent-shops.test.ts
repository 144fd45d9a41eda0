// Two shops near the same customer, both registered for PLA and PETG, one with PLA loaded and
// one with PETG: each agent claims only what its printer can make now, and never the other's.
// Also: leases are renewed every third of a lease while a job is open.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEASE_MS } from '../../functions/domain/order-model.ts';
import { OFFER_WINDOW_MS } from '../../functions/domain/routing.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { placeOrder, testAgent } from '../support/agent-harness.ts';
import { call } from '../support/http.ts';

describe('shop agents side by side', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    dir = await mkdtemp(join(tmpdir(), 'atelier-agents-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a PLA-only and a PETG-only printer never claim each other\'s jobs', async () => {
    // Both shops could make either material; what is loaded today decides.
    const plaShop = await server.addShop({ name: 'PLA Corner', lat: 52.521, lon: 13.404, materials: ['PLA', 'PETG'] });
    const petgShop = await server.addShop({ name: 'PETG Garage', lat: 52.523, lon: 13.409, materials: ['PLA', 'PETG'] });
    const pla = testAgent({ server, shopKey: plaShop.apiKey, downloadDir: join(dir, 'pla'), materials: ['PLA'], maxOpenJobs: 5 });
    const petg = testAgent({ server, shopKey: petgShop.apiKey, downloadDir: join(dir, 'petg'), materials: ['PETG'], maxOpenJobs: 5 });
    const orders = [await placeOrder(server, 'PLA', 'P1'), await placeOrder(server, 'PETG', 'G1'), await placeOrder(server, 'PLA', 'P2'), await placeOrder(server, 'PETG', 'G2')];
    const [p1, g1, p2, g2] = orders.map((o) => o.id);

    // Each order is offered first to the nearer shop; after one offer window both see all four.
    const seen = { pla: new Set<string>(), petg: new Set<string>() };
    for (let round = 0; round < 3; round += 1) {
      for (const [name, agent] of [['petg', petg], ['pla', pla]] as const) {
        const report = await agent.round();
        for (const s of report.skipped) {
          seen[name].add(s.id);
          expect(s.reason).toBe(name === 'pla' ? 'PETG not loaded' : 'PLA not loaded');
        }
      }
      server.clock.advance(OFFER_WINDOW_MS);
    }

    const holder = async (id: string) => (await server.deps.stores.orders.get(id))!.order.claim?.shopId;
    expect(await Promise.all([p1, p2].map(holder))).toEqual([plaShop.id, plaShop.id]);
    expect(await Promise.all([g1, g2].map(holder))).toEqual([petgShop.id, petgShop.id]);
    // The PLA shop is nearer, so it was offered the PETG jobs first, and let them be until the
    // PETG shop's turn came; the PLA jobs were claimed before the PETG shop's turn.
    expect([...seen.pla].sort()).toEqual([g1, g2].sort());
    for (const id of [g1, g2]) expect(await pla.agent.state.get(id)).toBeUndefined();
    for (const id of [p1, p2]) expect(await petg.agent.state.get(id)).toBeUndefined();
  });

  it('leaves jobs that do not fit the build volume, and stops claiming at --max-jobs', async () => {
    const shop = await server.addShop({ name: 'Tiny Printer', lat: 52.519, lon: 13.405, materials: ['PLA'], buildVolume: { x: 250, y: 250, z: 250 } });
    const tiny = testAgent({ server, shopKey: shop.apiKey, downloadDir: join(dir, 'tiny'), materials: ['PLA'], buildVolume: { x: 30, y: 30, z: 30 } });
    const roomy = testAgent({ server, shopKey: shop.apiKey, downloadDir: join(dir, 'roomy'), materials: ['PLA'], maxOpenJobs: 1 });
    const a = await placeOrder(server, 'PLA', 'WIDE ONE');
    const b = await placeOrder(server, 'PLA', 'WIDE TWO');

    const small = await tiny.round();
    expect(small.claimed).toEqual([]);
    expect(small.skipped.find((s) => s.id === a.id)?.reason).toMatch(/^[\d.]+×[\d.]+×[\d.]+ mm does not fit 30×30×30$/);

    const report = await roomy.round();
    expect(report.claimed).toHaveLength(1);
    expect(report.deferred).toEqual([a.id, b.id].filter((id) => !report.claimed.includes(id)));
  });

  it('renews the lease every third of a lease while the job is open', async () => {
    const shop = await server.addShop({ name: 'Night Shift', lat: 52.52, lon: 13.405, materials: ['ASA'] });
    let agentNow = Date.parse('2026-11-24T09:00:00Z');
    const agent = testAgent({ server, shopKey: shop.apiKey, downloadDir: join(dir, 'night'), materials: ['ASA'], now: () => agentNow });
    const order = await placeOrder(server, 'ASA', 'NIGHT');
    const lease = async () => (await call(server.url, 'GET', `/api/shop/jobs/${order.id}`, { key: shop.apiKey })).body.leaseUntil as number;

    expect((await agent.round()).claimed).toEqual([order.id]);
    const claimedLease = await lease();

    const step = (ms: number) => {
      agentNow += ms;
      server.clock.advance(ms);
    };
    step(LEASE_MS / 3 - 1000);
    expect((await agent.round()).heartbeats).toEqual([]); // not due yet
    step(1000);
    expect((await agent.round()).heartbeats).toEqual([order.id]);
    expect(await lease()).toBe(claimedLease + LEASE_MS / 3);
    // Long past the original lease, the job is still this shop's.
    for (let i = 0; i < 4; i += 1) {
      step(LEASE_MS / 3);
      await agent.round();
    }
    const job = (await call(server.url, 'GET', `/api/shop/jobs/${order.id}`, { key: shop.apiKey })).body;
    expect(job.claimedByYou).toBe(true);
    expect(job.leaseUntil).toBeGreaterThan(server.clock.now);
  });
});
