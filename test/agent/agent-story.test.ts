// The agent as a shop runs it (main(), argv and env, --once), against the real app (dynalite +
// s3rver over a socket), the real PrusaSlicer and a fake OctoPrint that follows the documented
// API, configured with the old spelling (--octoprint-url, OCTOPRINT_API_KEY): an order is
// claimed, its 3MF sliced with the shop's profile, the G-code uploaded byte-identical and not
// started; a later run with --start starts it, and the next one reports PRINTING.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../functions/agent/main.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { captureSink, customerState, instantSleep, placeOrder, sha256, storageOriginOf } from '../support/agent-harness.ts';
import { call } from '../support/http.ts';
import { startOctoPrintFake, type OctoPrintFake } from '../support/printers/octoprint-fake.ts';
import { hasPrusaSlicer, INSTALL_HINT } from './slicing/support.ts';

if (!hasPrusaSlicer) console.warn(INSTALL_HINT);

describe('shop agent: order to printer', () => {
  let server: TestServer;
  let octo: OctoPrintFake;
  let shop: { id: string; apiKey: string };
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    octo = await startOctoPrintFake({ apiKey: 'OCTO-TEST-KEY' });
    shop = await server.addShop({ name: 'Mitte Makers', lat: 52.53, lon: 13.4, materials: ['PLA', 'PETG'] });
    dir = await mkdtemp(join(tmpdir(), 'atelier-agent-'));
  });
  afterAll(async () => {
    await octo.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const runOnce = async (extra: string[] = []) => {
    const stdout = captureSink();
    const stderr = captureSink();
    const { sleep, waits } = instantSleep();
    const code = await main({
      argv: [
        '--once', '--api-url', server.url, '--storage-origin', storageOriginOf(server), '--material', 'PLA', '--build-volume', '250x210x210',
        '--download-dir', dir, '--octoprint-url', octo.url, '--profile', 'atelier-pla-0.4n-0.2mm', ...extra,
      ],
      env: { ATELIER_SHOP_KEY: shop.apiKey, OCTOPRINT_API_KEY: 'OCTO-TEST-KEY' },
      stdout,
      stderr,
      signal: new AbortController().signal,
      sleep,
      random: () => 0.5,
    });
    return { code, out: stdout.text(), err: stderr.text(), waits };
  };

  it.skipIf(!hasPrusaSlicer)('claims the order, verifies both files, slices the 3MF and uploads the G-code byte-identical, without starting it', async () => {
    const order = await placeOrder(server, 'PLA');
    expect(await customerState(server, order)).toBe('PLACED');

    const { code, out, err } = await runOnce();

    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^slicer: PrusaSlicer 2\.\S+, profile atelier-pla-0\.4n-0\.2mm$/m);
    expect(out).toContain(`${order.id} claimed`);
    expect(out).toMatch(/\.gcode: sliced with atelier-pla-0\.4n-0\.2mm in [\d.]+ s: /);
    expect(out).toContain(`${order.id} handed off: uploaded to octoprint ${octo.url} as name-tag-${order.id}.gcode`);
    expect(out).toContain('not started (no --start): start it on the printer, the agent follows it');
    expect(out).toMatch(/1 offered, 0 held · claimed \S+ · now holding 1$/m);
    expect(await customerState(server, order)).toBe('CLAIMED');

    // What reached the printer is exactly the G-code the slicer wrote from the verified 3MF.
    const files = (await call(server.url, 'GET', `/api/shop/jobs/${order.id}/files`, { key: shop.apiKey })).body;
    expect(octo.uploads.map((u) => u.name)).toEqual([`name-tag-${order.id}.gcode`]);
    expect(sha256(octo.uploads[0].bytes)).toBe(sha256(await readFile(join(dir, `name-tag-${order.id}.gcode`))));
    expect(octo.uploads[0].fields.print).not.toBe('true');
    expect(octo.sim.started).toEqual([]);
    expect(sha256(await readFile(join(dir, `name-tag-${order.id}.3mf`)))).toBe(files.threeMf.sha256);
    expect((await readdir(dir)).sort()).toEqual(['.atelier-agent-state.json', `name-tag-${order.id}.3mf`, `name-tag-${order.id}.gcode`, `name-tag-${order.id}.stl`]);
    // The job shows what the slicer said, for the shop (and the comparison with the quote).
    expect((await call(server.url, 'GET', `/api/shop/jobs/${order.id}`, { key: shop.apiKey })).body.sliced).toMatchObject({ profile: 'atelier-pla-0.4n-0.2mm' });
  });

  it.skipIf(!hasPrusaSlicer)('a later run with --start starts the uploaded print once, and the next run reports PRINTING', async () => {
    const [order] = (await call(server.url, 'GET', '/api/shop/jobs', { key: shop.apiKey })).body.jobs;
    expect(order.state).toBe('CLAIMED');
    const leaseBefore = order.leaseUntil;
    server.clock.advance(60_000);

    const started = await runOnce(['--start']);
    expect(started.code).toBe(0);
    expect(started.out).toContain(`started name-tag-${order.id}.gcode on octoprint`);
    expect(started.out).not.toContain('sliced with'); // nothing sliced or fetched twice
    expect(octo.uploads).toHaveLength(1);
    // A fresh agent renews the lease of a job it finds held, before anything else.
    expect((await call(server.url, 'GET', `/api/shop/jobs/${order.id}`, { key: shop.apiKey })).body.leaseUntil).toBeGreaterThan(leaseBefore);

    const next = await runOnce(['--start']);
    expect(next.out).toContain(`${order.id} PRINTING`);
    expect((await call(server.url, 'GET', `/api/shop/jobs/${order.id}`, { key: shop.apiKey })).body.state).toBe('PRINTING');
    expect(octo.sim.started).toEqual([`name-tag-${order.id}.gcode`]);
  });

  it('lists jobs with a FITS column and reports status by command', async () => {
    const order = await placeOrder(server, 'PETG', 'BOB');
    const stdout = captureSink();
    const base = { env: { ATELIER_SHOP_KEY: shop.apiKey }, stderr: captureSink(), signal: new AbortController().signal };
    const code = await main({ ...base, stdout, argv: ['jobs', '--api-url', server.url, '--material', 'PLA', '--build-volume', '250x210x210'] });
    expect(code).toBe(0);
    expect(stdout.text()).toMatch(new RegExp(`${order.id}\\s+PLACED\\s+offered\\s+PETG.*no: PETG not loaded`));

    const claimOut = captureSink();
    expect(await main({ ...base, stdout: claimOut, argv: ['claim', order.id, '--api-url', server.url, '--material', 'PLA', '--build-volume', '250x210x210'] })).toBe(0);
    expect(claimOut.text()).toContain('warning: this printer cannot make it as configured (PETG not loaded)');

    const shipErr = captureSink();
    expect(await main({ ...base, stderr: shipErr, stdout: captureSink(), argv: ['status', order.id, 'shipped', '--api-url', server.url] })).toBe(2);
    expect(shipErr.text()).toContain('--tracking');
    for (const state of ['printing', 'printed']) {
      expect(await main({ ...base, stdout: captureSink(), argv: ['status', order.id, state, '--api-url', server.url] })).toBe(0);
    }
    const shipped = captureSink();
    expect(await main({ ...base, stdout: shipped, argv: ['status', order.id, 'shipped', '--tracking', 'DHL 0034043416', '--api-url', server.url] })).toBe(0);
    expect(shipped.text()).toContain('SHIPPED');
    expect(await customerState(server, order)).toBe('SHIPPED');

    // Going back is refused by the API, and the command says so.
    const again = captureSink();
    expect(await main({ ...base, stderr: again, stdout: captureSink(), argv: ['status', order.id, 'printing', '--api-url', server.url] })).toBe(1);
    expect(again.text()).toMatch(/^agent: 409 /);
  });

  it('rejects with a reason, and the download command verifies files into the folder', async () => {
    const order = await placeOrder(server, 'PLA', 'CY');
    const base = { env: { ATELIER_SHOP_KEY: shop.apiKey }, stderr: captureSink(), signal: new AbortController().signal };
    const dl = captureSink();
    const own = join(dir, 'manual');
    expect(await main({ ...base, stdout: dl, argv: ['download', order.id, '--api-url', server.url, '--storage-origin', storageOriginOf(server), '--download-dir', own] })).toBe(0);
    expect(existsSync(join(own, `name-tag-${order.id}.stl`))).toBe(true);

    const badReason = captureSink();
    expect(await main({ ...base, stderr: badReason, stdout: captureSink(), argv: ['reject', order.id, '--reason', 'bored', '--api-url', server.url] })).toBe(2);
    expect(badReason.text()).toContain('material_unavailable');
    const out = captureSink();
    expect(await main({ ...base, stdout: out, argv: ['reject', order.id, '--reason', 'printer_busy', '--note', 'queue full', '--api-url', server.url] })).toBe(0);
    expect(out.text()).toContain(`rejected ${order.id} (printer_busy)`);
    expect(await customerState(server, order)).toBe('UNROUTABLE'); // the only candidate declined
  });

  it('a wrong shop key stops with exit 1 and says where the key comes from', async () => {
    const stderr = captureSink();
    const code = await main({
      argv: ['--api-url', server.url, '--material', 'PLA', '--build-volume', '250x210x210', '--download-dir', dir],
      env: { ATELIER_SHOP_KEY: 'ak_not-a-real-key-at-all-000' },
      stdout: captureSink(),
      stderr,
      signal: new AbortController().signal,
      sleep: instantSleep().sleep,
    });
    expect(code).toBe(1);
    expect(stderr.text()).toContain('401');
    expect(stderr.text()).toContain('ATELIER_SHOP_KEY');
  });
});
