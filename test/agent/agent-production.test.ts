// The agent from offer to PRINTED with no human step, once per printer kind: the real API
// (dynalite + s3rver over a socket), the real PrusaSlicer, and a fake of each printer that
// follows that printer's documented API (test/support/printers). Also: a busy printer is
// waited for and never sent a second start; an error or a cancel on the printer is reported
// and the job kept until the shop retries; a restarted agent follows the print it started.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STATE_FILE } from '../../functions/agent/agent-state.ts';
import { main } from '../../functions/agent/main.ts';
import { createPrinter } from '../../functions/agent/printers/create-printer.ts';
import type { PrinterSettings } from '../../functions/agent/printers/printer.ts';
import { slice } from '../../functions/agent/slicing/prusa-slicer.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { captureSink, placeOrder, sha256, testAgent } from '../support/agent-harness.ts';
import { call } from '../support/http.ts';
import type { LoggedRequest } from '../support/printers/fake-server.ts';
import { startMoonrakerFake } from '../support/printers/moonraker-fake.ts';
import { startOctoPrintFake } from '../support/printers/octoprint-fake.ts';
import type { PrinterFake } from '../support/printers/printer-fake.ts';
import { startPrusaLinkFake } from '../support/printers/prusalink-fake.ts';
import { hasPrusaSlicer, INSTALL_HINT } from './slicing/support.ts';

interface Kind {
  kind: PrinterSettings['kind'];
  start: () => Promise<PrinterFake>;
  settings: (fake: PrinterFake) => PrinterSettings;
  /** The requests that ask the printer to start a print (each printer's documented call). */
  isStart: (r: LoggedRequest) => boolean;
}

const kinds: Kind[] = [
  {
    kind: 'octoprint',
    start: () => startOctoPrintFake({ apiKey: 'octo-key' }),
    settings: (fake) => ({ kind: 'octoprint', url: fake.url, apiKey: 'octo-key' }),
    isStart: (r) => r.method === 'POST' && (r.path.startsWith('/api/files/local/') || r.path === '/api/job'),
  },
  {
    kind: 'moonraker',
    start: () => startMoonrakerFake({ apiKey: 'moon-key' }),
    settings: (fake) => ({ kind: 'moonraker', url: fake.url, apiKey: 'moon-key' }),
    isStart: (r) => r.method === 'POST' && r.path.startsWith('/printer/print/start'),
  },
  {
    kind: 'prusalink',
    start: () => startPrusaLinkFake({ auth: { kind: 'digest', password: 'link-pass' } }),
    settings: (fake) => ({ kind: 'prusalink', url: fake.url, apiKey: null, password: 'link-pass' }),
    isStart: (r) => r.method === 'POST' && r.path.startsWith('/api/v1/files/'),
  },
];

if (!hasPrusaSlicer) console.warn(INSTALL_HINT);

describe.skipIf(!hasPrusaSlicer).each(kinds)('shop agent with $kind: offer to PRINTED', ({ kind, start, settings, isStart }) => {
  let server: TestServer;
  let shop: { id: string; apiKey: string };
  let fake: PrinterFake;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    shop = await server.addShop({ name: `${kind} farm`, lat: 52.53, lon: 13.4, materials: ['PLA'] });
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    fake = await start();
    dir = await mkdtemp(join(tmpdir(), `atelier-${kind}-`));
    return async () => {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
      // Each test starts with the shop holding no open work: hand back what is claimed, ship the rest.
      for (const job of (await call(server.url, 'GET', '/api/shop/jobs', { key: shop.apiKey })).body.jobs) {
        if (!job.claimedByYou) continue;
        const status = (body: object) => call(server.url, 'POST', `/api/shop/jobs/${job.id}/status`, { key: shop.apiKey, body });
        if (job.state === 'CLAIMED') await call(server.url, 'POST', `/api/shop/jobs/${job.id}/reject`, { key: shop.apiKey, body: { reason: 'other' } });
        if (job.state === 'PRINTING') await status({ status: 'PRINTED' });
        if (job.state === 'PRINTING' || job.state === 'PRINTED') await status({ status: 'SHIPPED', tracking: 'DHL 1' });
      }
    };
  });

  const agentFor = (options: { start?: boolean } = {}) =>
    testAgent({ server, shopKey: shop.apiKey, downloadDir: dir, printer: createPrinter(settings(fake), { timeoutMs: 5000 }), slice, start: options.start ?? true, timing: { progressMs: 0 } });
  const shopJob = async (id: string) => (await call(server.url, 'GET', `/api/shop/jobs/${id}`, { key: shop.apiKey })).body;
  const customer = async (order: { id: string; token: string }) => (await call(server.url, 'GET', `/api/orders/${order.id}`, { token: order.token })).body;
  const starts = () => fake.requests.filter(isStart).length;

  it('claims, slices, uploads, starts, reports PRINTING, progress and PRINTED by itself', async () => {
    const order = await placeOrder(server);
    const agent = agentFor();
    const began = performance.now();

    const first = await agent.round();

    // Claimed, sliced with the reference profile, uploaded and started in the first round.
    const gcodeName = `name-tag-${order.id}.gcode`;
    expect(first.claimed).toEqual([order.id]);
    expect(fake.uploads.map((u) => u.name)).toEqual([gcodeName]);
    const gcode = await readFile(join(dir, gcodeName));
    expect(sha256(fake.uploads[0].bytes)).toBe(sha256(gcode)); // the printer got the very G-code the slicer wrote
    expect(fake.sim.started).toEqual([gcodeName]);
    const sliced = (await shopJob(order.id)).sliced;
    expect(sliced).toMatchObject({ profile: 'atelier-pla-0.4n-0.2mm', slicer: expect.stringMatching(/^PrusaSlicer 2\./) });
    expect(sliced.printSeconds).toBeGreaterThan(60);
    expect(sliced.filamentGrams).toBeGreaterThan(0);
    expect(sliced.layers).toBeGreaterThan(5);

    const second = await agent.round();
    expect(second.events).toEqual([expect.objectContaining({ kind: 'printing' })]);
    expect((await customer(order)).state).toBe('PRINTING');

    fake.sim.advance(40);
    const third = await agent.round();
    expect(third.events).toEqual([expect.objectContaining({ kind: 'progress', message: expect.stringMatching(/^printing, 40 %, .+ left$/) })]);
    expect((await shopJob(order.id)).progress).toMatchObject({ stage: 'printing', percent: 40 });
    expect((await customer(order)).progress).toMatchObject({ stage: 'printing', percent: 40, secondsLeft: expect.any(Number) });

    fake.sim.finish();
    const fourth = await agent.round();
    const claimToPrinted = performance.now() - began;
    expect(fourth.events).toEqual([expect.objectContaining({ kind: 'printed' })]);
    expect((await customer(order)).state).toBe('PRINTED');
    expect((await shopJob(order.id)).progress).toMatchObject({ stage: 'printed', percent: 100 });
    expect(starts()).toBe(1);
    expect(fake.sim.started).toEqual([gcodeName]);
    console.info(`${kind}: claim to PRINTED in ${Math.round(claimToPrinted)} ms over 4 rounds (real PrusaSlicer, printer fake)`);

    // A PRINTED job waits for shipping: the agent leaves it alone and forgets its record.
    expect((await agent.round()).events).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')).jobs).toEqual({});
  });

  it('waits for a busy printer, says so once, and never sends a second start', async () => {
    fake.sim.busyWith('someone-elses-part.gcode');
    const order = await placeOrder(server);
    const agent = agentFor();

    const first = await agent.round();
    expect(first.events).toEqual([expect.objectContaining({ kind: 'waiting', message: expect.stringContaining('someone-elses-part.gcode') })]);
    expect(fake.uploads).toHaveLength(1); // uploaded, ready for when the printer is free
    expect((await shopJob(order.id)).progress).toMatchObject({ stage: 'waiting-for-printer' });
    expect((await agent.round()).events).toEqual([]); // still busy: nothing new to say
    expect(starts()).toBe(0);
    expect((await customer(order)).state).toBe('CLAIMED');

    fake.sim.finish(); // the other print is done
    await agent.round();
    expect(starts()).toBe(1);
    expect((await agent.round()).events.map((e) => e.kind)).toEqual(['printing']);
    await agent.round();
    expect(starts()).toBe(1);
    expect(fake.sim.started).toEqual([`name-tag-${order.id}.gcode`]);
  });

  it('reports an error and a cancel on the printer, keeps the job, and prints again only when the shop says retry', async () => {
    const order = await placeOrder(server);
    const agent = agentFor();
    await agent.round();
    await agent.round();
    expect((await customer(order)).state).toBe('PRINTING');

    fake.sim.fail('Heater extruder not heating at expected rate');
    const failed = await agent.round();
    expect(failed.events).toEqual([expect.objectContaining({ kind: 'problem', message: expect.stringMatching(/^PRINTER ERROR: .*Heater extruder not heating.*; job kept: "agent retry /) })]);
    expect((await shopJob(order.id)).progress).toMatchObject({ stage: 'printer-error', message: expect.stringContaining('Heater extruder') });
    expect((await customer(order)).state).toBe('PRINTING'); // not lost, not PRINTED
    expect((await agent.round()).events).toEqual([]); // held: no new start
    expect(starts()).toBe(1);

    // The shop clears the printer and asks for a retry (from another terminal: the CLI).
    fake.sim.clear();
    const out = captureSink();
    const code = await main({ argv: ['retry', order.id, '--api-url', server.url, '--download-dir', dir], env: { ATELIER_SHOP_KEY: shop.apiKey }, stdout: out, stderr: captureSink(), signal: new AbortController().signal });
    expect(code).toBe(0);
    expect(out.text()).toContain(`retry of ${order.id} requested (it was held at printer-error`);
    await agent.round(); // upload again, start
    expect(starts(), agent.sink.text()).toBe(2);
    expect((await agent.round()).events.map((e) => e.kind)).toEqual(['progress']);

    fake.sim.cancel();
    const cancelled = await agent.round();
    expect(cancelled.events).toEqual([expect.objectContaining({ kind: 'problem', message: expect.stringMatching(/^CANCELLED ON THE PRINTER: /) })]);
    expect((await shopJob(order.id)).progress).toMatchObject({ stage: 'printer-cancelled' });
    expect(starts()).toBe(2);
    await main({ argv: ['retry', order.id, '--api-url', server.url, '--download-dir', dir], env: { ATELIER_SHOP_KEY: shop.apiKey }, stdout: captureSink(), stderr: captureSink(), signal: new AbortController().signal });
    await agent.round();
    fake.sim.finish();
    expect((await agent.round()).events.map((e) => e.kind)).toEqual(['printed']);
    expect(starts()).toBe(3);
    expect((await customer(order)).state).toBe('PRINTED');
  });

  it('a restarted agent (new process, same folder) follows the print it started instead of starting another', async () => {
    const order = await placeOrder(server);
    const before = agentFor();
    await before.round();
    await before.round();
    fake.sim.advance(25);
    expect((await customer(order)).state).toBe('PRINTING');

    const after = agentFor(); // a new ShopAgent: nothing in memory, only the state file
    fake.sim.advance(25);
    const resumed = await after.round();
    expect(resumed.events).toEqual([expect.objectContaining({ kind: 'progress', message: expect.stringMatching(/^printing, 50 %/) })]);
    expect(fake.uploads).toHaveLength(1);
    expect(starts()).toBe(1);

    fake.sim.finish();
    expect((await after.round()).events.map((e) => e.kind)).toEqual(['printed']);
    expect(fake.sim.started).toEqual([`name-tag-${order.id}.gcode`]);
  });
});
