// What the agent does when something between the files URL and the printer goes wrong: a
// tampered file is refused and never reaches the printer; a busy printer (409) is waited out;
// other OctoPrint refusals are reported and the job stays claimed, never lost.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { customerState, placeOrder, testAgent } from '../support/agent-harness.ts';
import { call } from '../support/http.ts';
import { startFakeOctoPrint, type FakeOctoPrint } from '../support/octoprint-fake.ts';

/** A fetch that, while `toggle.on`, flips one byte of every STL it downloads from the file store. */
const tamperingFetch = (toggle: { on: boolean }): typeof fetch => async (input, init) => {
  const response = await fetch(input, init);
  const url = String(input instanceof Request ? input.url : input);
  if (!toggle.on || !/\/(meshes|orders)\/[^/?]+\.stl\?/.test(url)) return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  bytes[100] ^= 0xff;
  return new Response(bytes, { status: response.status, headers: { 'content-type': 'model/stl' } });
};

describe('shop agent: hand-off failures', () => {
  let server: TestServer;
  let octo: FakeOctoPrint;
  let shop: { id: string; apiKey: string };
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    shop = await server.addShop({ name: 'Mitte Makers', lat: 52.53, lon: 13.4, materials: ['PLA', 'PETG'] });
  });
  beforeEach(async () => {
    octo = await startFakeOctoPrint();
    dir = await mkdtemp(join(tmpdir(), 'atelier-agent-'));
    return async () => {
      await octo.close();
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

  it('refuses a file whose sha256 does not match: deleted, never uploaded, job kept, fine next round', async () => {
    const order = await placeOrder(server);
    const tamper = { on: true };
    const agent = testAgent({ server, shopKey: shop.apiKey, downloadDir: dir, octoprint: octo, start: true, fetch: tamperingFetch(tamper) });

    const first = await agent.round();

    expect(first.claimed).toEqual([order.id]);
    expect(first.events).toEqual([expect.objectContaining({ id: order.id, kind: 'problem' })]);
    expect(first.events[0].message).toMatch(/^REFUSED name-tag-.+\.stl: sha256 .+ does not match the expected .+; the file was deleted/);
    expect(agent.sink.text()).toContain('REFUSED: sha256 mismatch, deleted');
    expect(octo.uploads).toEqual([]);
    expect(octo.log).toEqual([]); // nothing at all reached the printer host
    expect(await readdir(dir)).toEqual([]); // neither the file nor a .part is left
    expect(await customerState(server, order)).toBe('CLAIMED'); // never PRINTING

    // Next round, honest bytes this time: it downloads again and goes ahead.
    tamper.on = false;
    const second = await agent.round();
    expect(second.events.map((e) => e.kind)).toEqual(['printing']);
    expect(octo.uploads).toHaveLength(1);
    expect(await customerState(server, order)).toBe('PRINTING');
  });

  it('waits out a busy printer (409 twice) with growing jittered waits, then starts the print', async () => {
    const order = await placeOrder(server);
    octo.busyFor(2);
    const agent = testAgent({ server, shopKey: shop.apiKey, downloadDir: dir, octoprint: octo, start: true });

    const report = await agent.round();

    expect(report.events.map((e) => e.kind)).toEqual(['printing']);
    const starts = octo.log.filter((r) => r.method === 'POST' && r.path.startsWith('/api/files/local/'));
    expect(starts.map((r) => r.status)).toEqual([409, 409, 202]);
    // Full jitter with random() = 0.5: half of 5 s, then half of 10 s.
    expect(agent.waits).toEqual([2500, 5000]);
    expect(agent.sink.text()).toMatch(/printer busy \(OctoPrint 409\) on try 1 to start the print; waiting 2\.5 s/);
    expect(octo.printing()).toBe(`name-tag-${order.id}.gcode`);
    expect(await customerState(server, order)).toBe('PRINTING');
  });

  it('keeps the job claimed when the printer stays busy past a round, and starts it the next round', async () => {
    const order = await placeOrder(server);
    octo.busyFor(9); // more than the 8 tries a round allows
    const agent = testAgent({ server, shopKey: shop.apiKey, downloadDir: dir, octoprint: octo, start: true });

    const first = await agent.round();
    expect(first.events).toEqual([expect.objectContaining({ kind: 'waiting', message: expect.stringContaining('printer still busy after 8 tries') })]);
    expect(agent.waits).toHaveLength(7);
    expect(await customerState(server, order)).toBe('CLAIMED');

    const second = await agent.round();
    expect(second.events.map((e) => e.kind)).toEqual(['printing']);
    expect(octo.uploads).toHaveLength(1); // uploaded once; only the start was retried
    expect(await customerState(server, order)).toBe('PRINTING');
  });

  it('reports an OctoPrint that cannot slice (415), keeps the job claimed and does not nag every round', async () => {
    await octo.close();
    octo = await startFakeOctoPrint({ slicer: false });
    const order = await placeOrder(server);
    const agent = testAgent({ server, shopKey: shop.apiKey, downloadDir: dir, octoprint: octo, start: true });

    const first = await agent.round();
    expect(first.events).toHaveLength(1);
    expect(first.events[0].kind).toBe('problem');
    expect(first.events[0].message).toContain('OctoPrint 415');
    expect(first.events[0].message).toContain('start it there by hand');
    expect(octo.uploads).toHaveLength(1); // the file is there for the operator
    const second = await agent.round();
    expect(second.events).toEqual([]);
    expect(await customerState(server, order)).toBe('CLAIMED');
  });

  it('reports an unreachable OctoPrint and a wrong OctoPrint key; the job stays claimed', async () => {
    const order = await placeOrder(server);
    const wrongKey = testAgent({ server, shopKey: shop.apiKey, downloadDir: dir, octoprint: { url: octo.url, apiKey: 'wrong' } });
    const refused = await wrongKey.round();
    expect(refused.events).toEqual([expect.objectContaining({ kind: 'problem', message: expect.stringContaining('OctoPrint 403: Invalid API key; job stays claimed') })]);

    const closed = await startFakeOctoPrint();
    await closed.close();
    const gone = testAgent({ server, shopKey: shop.apiKey, downloadDir: dir, octoprint: closed });
    const unreachable = await gone.round();
    expect(unreachable.events[0].message).toMatch(/OctoPrint unreachable: .*ECONNREFUSED; job stays claimed/);
    expect(await customerState(server, order)).toBe('CLAIMED');
    expect(existsSync(join(dir, `name-tag-${order.id}.stl`))).toBe(true);
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

  it('without an OctoPrint it only downloads, and says where the files are', async () => {
    const order = await placeOrder(server);
    const agent = testAgent({ server, shopKey: shop.apiKey, downloadDir: dir });
    const report = await agent.round();
    expect(report.events).toEqual([{ id: order.id, kind: 'ready', message: `files ready in ${dir} (no OctoPrint configured)` }]);
    expect((await agent.round()).events).toEqual([]); // said once
  });
});
