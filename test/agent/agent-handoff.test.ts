// What the agent does when something between the files URL and the printer goes wrong: a
// tampered file is refused and never reaches the printer; an unreachable printer is reported
// and the job stays claimed, never lost; a folder it cannot write to is reported.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPrinter } from '../../functions/agent/printers/create-printer.ts';
import { slice } from '../../functions/agent/slicing/prusa-slicer.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { customerState, placeOrder, testAgent } from '../support/agent-harness.ts';
import { call } from '../support/http.ts';
import { startMoonrakerFake, type MoonrakerFake } from '../support/printers/moonraker-fake.ts';
import { hasPrusaSlicer, INSTALL_HINT } from './slicing/support.ts';

/** A fetch that, while `toggle.on`, flips one byte of every 3MF it downloads from the file store. */
const tamperingFetch = (toggle: { on: boolean }): typeof fetch => async (input, init) => {
  const response = await fetch(input, init);
  const url = String(input instanceof Request ? input.url : input);
  if (!toggle.on || !/\/(meshes|orders)\/[^/?]+\.3mf\?/.test(url)) return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  bytes[100] ^= 0xff;
  return new Response(bytes, { status: response.status, headers: { 'content-type': 'model/3mf' } });
};

if (!hasPrusaSlicer) console.warn(INSTALL_HINT);

describe('shop agent: hand-off failures', () => {
  let server: TestServer;
  let printerHost: MoonrakerFake;
  let shop: { id: string; apiKey: string };
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    shop = await server.addShop({ name: 'Mitte Makers', lat: 52.53, lon: 13.4, materials: ['PLA', 'PETG'] });
  });
  beforeEach(async () => {
    printerHost = await startMoonrakerFake();
    dir = await mkdtemp(join(tmpdir(), 'atelier-agent-'));
    return async () => {
      await printerHost.close();
      await rm(dir, { recursive: true, force: true });
      // Each test starts with the shop holding no open work (PRINTED still counts): hand back
      // what is claimed, ship what is printing.
      for (const job of (await call(server.url, 'GET', '/api/shop/jobs', { key: shop.apiKey })).body.jobs) {
        if (!job.claimedByYou) continue;
        if (job.state === 'CLAIMED') await call(server.url, 'POST', `/api/shop/jobs/${job.id}/reject`, { key: shop.apiKey, body: { reason: 'other' } });
        if (job.state === 'PRINTING') await call(server.url, 'POST', `/api/shop/jobs/${job.id}/status`, { key: shop.apiKey, body: { status: 'PRINTED' } });
        if (job.state === 'PRINTING' || job.state === 'PRINTED') {
          await call(server.url, 'POST', `/api/shop/jobs/${job.id}/status`, { key: shop.apiKey, body: { status: 'SHIPPED', tracking: 'DHL 1' } });
        }
      }
    };
  });
  afterAll(() => server.close());

  const printer = () => createPrinter({ kind: 'moonraker', url: printerHost.url, apiKey: null }, { timeoutMs: 2000 });

  it.skipIf(!hasPrusaSlicer)('refuses a file whose sha256 does not match: deleted, never sliced or uploaded, job kept, fine next round', async () => {
    const order = await placeOrder(server);
    const tamper = { on: true };
    const agent = testAgent({ server, shopKey: shop.apiKey, downloadDir: dir, printer: printer(), slice, start: true, fetch: tamperingFetch(tamper) });

    const first = await agent.round();

    expect(first.claimed).toEqual([order.id]);
    expect(first.events).toEqual([expect.objectContaining({ id: order.id, kind: 'problem' })]);
    expect(first.events[0].message).toMatch(/^REFUSED name-tag-.+\.3mf: sha256 .+ does not match the expected .+; the file was deleted/);
    expect(agent.sink.text()).toContain('REFUSED: sha256 mismatch, deleted');
    expect(printerHost.requests).toEqual([]); // nothing at all reached the printer host
    expect((await readdir(dir)).filter((f) => !f.startsWith('.atelier-agent-state'))).toEqual([`name-tag-${order.id}.stl`]); // no 3MF, no .part, no G-code
    expect(await customerState(server, order)).toBe('CLAIMED'); // never PRINTING

    // Next round, honest bytes this time: it downloads again and goes ahead.
    tamper.on = false;
    await agent.round();
    expect(printerHost.uploads).toHaveLength(1);
    expect(printerHost.sim.started).toEqual([`name-tag-${order.id}.gcode`]);
    expect((await agent.round()).events.map((e) => e.kind)).toEqual(['printing']);
    expect(await customerState(server, order)).toBe('PRINTING');
  });

  it.skipIf(!hasPrusaSlicer)('reports an unreachable printer; the job stays claimed and goes ahead once the printer answers', async () => {
    const order = await placeOrder(server);
    const gone = await startMoonrakerFake();
    await gone.close();
    const away = testAgent({ server, shopKey: shop.apiKey, downloadDir: dir, printer: createPrinter({ kind: 'moonraker', url: gone.url, apiKey: null }), slice, start: true });
    const report = await away.round();
    expect(report.events).toEqual([expect.objectContaining({ kind: 'waiting', message: expect.stringMatching(/^moonraker unreachable: .*ECONNREFUSED.*; trying again next round$/) })]);
    expect(await customerState(server, order)).toBe('CLAIMED');
    expect(existsSync(join(dir, `name-tag-${order.id}.gcode`))).toBe(true); // sliced once, kept
    expect((await away.round()).events).toEqual([]); // still away: said once, not every round

    const back = testAgent({ server, shopKey: shop.apiKey, downloadDir: dir, printer: printer(), slice, start: true });
    await back.round();
    expect(back.sink.text()).not.toContain('sliced with'); // the G-code from before is used
    expect(printerHost.sim.started).toEqual([`name-tag-${order.id}.gcode`]);
  });

  it('reports a download folder it cannot write to, and carries on next round', async () => {
    const order = await placeOrder(server);
    const blocked = join(dir, 'not-a-folder');
    await writeFile(blocked, 'a file where the folder should be');
    const agent = testAgent({ server, shopKey: shop.apiKey, downloadDir: blocked });
    const report = await agent.round();
    expect(report.claimed).toEqual([order.id]);
    expect(report.events).toEqual([expect.objectContaining({ kind: 'problem', message: expect.stringMatching(/^cannot write the files: EEXIST/) })]);
    expect(await customerState(server, order)).toBe('CLAIMED');
  });

  it('without a slicer or a printer it only downloads, and says where the files are', async () => {
    const order = await placeOrder(server);
    const agent = testAgent({ server, shopKey: shop.apiKey, downloadDir: dir });
    const report = await agent.round();
    expect(report.events).toEqual([{ id: order.id, kind: 'ready', message: `files ready in ${dir} (no slicer or printer configured)` }]);
    expect((await agent.round()).events).toEqual([]); // said once
  });
});
