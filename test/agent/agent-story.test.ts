// The agent against the real app (dynalite + s3rver over a socket) and a fake OctoPrint that
// follows the documented API: an order placed through the API is claimed, its file reaches
// the printer byte-identical, and the order shows CLAIMED, then PRINTING only once a print
// really started with --start.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../functions/agent/main.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { captureSink, customerState, instantSleep, placeOrder, sha256 } from '../support/agent-harness.ts';
import { call } from '../support/http.ts';
import { startFakeOctoPrint, type FakeOctoPrint } from '../support/octoprint-fake.ts';

describe('shop agent: order to printer', () => {
  let server: TestServer;
  let octo: FakeOctoPrint;
  let shop: { id: string; apiKey: string };
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    octo = await startFakeOctoPrint();
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
      argv: ['--once', '--api-url', server.url, '--material', 'PLA', '--build-volume', '250x210x210', '--download-dir', dir, '--octoprint-url', octo.url, ...extra],
      env: { ATELIER_SHOP_KEY: shop.apiKey, OCTOPRINT_API_KEY: octo.apiKey },
      stdout,
      stderr,
      signal: new AbortController().signal,
      sleep,
      random: () => 0.5,
    });
    return { code, out: stdout.text(), err: stderr.text(), waits };
  };

  it('claims the order, verifies both files and uploads the STL byte-identical, without starting it', async () => {
    const order = await placeOrder(server, 'PLA');
    expect(await customerState(server, order)).toBe('PLACED');

    const { code, out, err } = await runOnce();

    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`${order.id} claimed`);
    expect(out).toContain(`${order.id} handed off`);
    expect(out).toMatch(/1 offered, 0 held · claimed \S+ · now holding 1$/m);
    expect(await customerState(server, order)).toBe('CLAIMED');

    // What reached the printer is exactly what the files URL serves, and what the API promised.
    const files = (await call(server.url, 'GET', `/api/shop/jobs/${order.id}/files`, { key: shop.apiKey })).body;
    const served = new Uint8Array(await (await fetch(files.stl.url)).arrayBuffer());
    expect(octo.uploads).toHaveLength(1);
    const upload = octo.uploads[0];
    expect(upload.name).toBe(`name-tag-${order.id}.stl`);
    expect(upload.sha256).toBe(sha256(served));
    expect(upload.sha256).toBe(files.stl.sha256);
    expect(upload.bytes.length).toBe(files.stl.bytes);
    expect(Number(upload.contentLength)).toBeGreaterThan(upload.bytes.length); // OctoPrint requires Content-Length
    expect(upload.fields.select).toBeUndefined();
    expect(upload.fields.print).toBeUndefined();
    expect(JSON.parse(upload.fields.userdata)).toEqual({ atelier: { orderId: order.id, sha256: files.stl.sha256 } });
    expect(octo.printing()).toBeNull();

    // Both files sit verified in the download folder; no partial files are left.
    expect((await readdir(dir)).sort()).toEqual([`name-tag-${order.id}.3mf`, `name-tag-${order.id}.stl`]);
    expect(sha256(await readFile(join(dir, `name-tag-${order.id}.3mf`)))).toBe(files.threeMf.sha256);
  });

  it('a later run with --start starts the print and only then reports PRINTING', async () => {
    const [order] = (await call(server.url, 'GET', '/api/shop/jobs', { key: shop.apiKey })).body.jobs;
    expect(order.state).toBe('CLAIMED');
    const leaseBefore = order.leaseUntil;
    server.clock.advance(60_000);

    const { code, out } = await runOnce(['--start']);

    expect(code).toBe(0);
    expect(out).toContain('already downloaded, sha256 verified'); // nothing fetched twice
    expect(out).toContain(`${order.id} PRINTING`);
    // A fresh agent renews the lease of a job it finds held, before anything else.
    const job = (await call(server.url, 'GET', `/api/shop/jobs/${order.id}`, { key: shop.apiKey })).body;
    expect(job.state).toBe('PRINTING');
    expect(job.leaseUntil).toBeGreaterThan(leaseBefore);
    // OctoPrint sliced the STL it was given and prints the result.
    expect(octo.printing()).toBe(`name-tag-${order.id}.gcode`);
    expect(octo.log.filter((r) => r.method === 'POST' && r.path.startsWith('/api/files/local/')).map((r) => r.status)).toEqual([202]);
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
    expect(await main({ ...base, stdout: dl, argv: ['download', order.id, '--api-url', server.url, '--download-dir', own] })).toBe(0);
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
