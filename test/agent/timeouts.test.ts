// Time limits per request: an API call or a download that hangs is given up after its limit
// (injected here as a few ms), so one dead connection cannot stall a round. API timeouts are
// retried with backoff like an outage; a stalled download is retried next round. (The printer
// adapters' own limits are tested with the adapters.)
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../functions/agent/api-client.ts';
import type { AgentConfig } from '../../functions/agent/config.ts';
import { downloadVerified } from '../../functions/agent/downloader.ts';
import { ApiError, DownloadError, isAbort } from '../../functions/agent/errors.ts';
import { main } from '../../functions/agent/main.ts';
import { createOutput } from '../../functions/agent/output.ts';
import { ShopAgent } from '../../functions/agent/shop-agent.ts';
import { deadline } from '../../functions/agent/timeout.ts';
import { sha256Hex } from '../../functions/mesh/hash.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { captureSink, customerState, instantSleep, placeOrder, storageOriginOf } from '../support/agent-harness.ts';

/** A server on a real socket that accepts requests and answers only what `handle` writes (nothing by default). */
async function startSilentServer(handle: (req: IncomingMessage, res: ServerResponse) => void = () => {}) {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const never = (signal: AbortSignal | null | undefined) =>
  new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));

const payload = new Uint8Array(20_000).map((_, i) => (i * 7) % 253);
const link = { url: '', sha256: await sha256Hex(payload), bytes: payload.length };

describe('per-request time limits', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-timeouts-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a deadline fires after its limit, restarts on touch, and follows the caller\'s signal', async () => {
    const idle = deadline(60);
    for (let i = 0; i < 4; i += 1) {
      await new Promise((r) => setTimeout(r, 30));
      idle.touch(); // 120 ms in all, never 60 ms without a touch
    }
    expect(idle.signal.aborted).toBe(false);
    await new Promise((r) => setTimeout(r, 90));
    expect(idle.signal.aborted).toBe(true);
    expect(idle.timedOut).toBe(true);
    expect((idle.signal.reason as DOMException).name).toBe('TimeoutError');

    const user = new AbortController();
    const followed = deadline(10_000, user.signal);
    user.abort(new Error('stopped by SIGINT'));
    expect(followed.signal.reason).toEqual(new Error('stopped by SIGINT'));
    expect(followed.timedOut).toBe(false);
    followed.clear();
  });

  it('an API call to a server that never answers ends as a retryable ApiError (status 0)', async () => {
    const silent = await startSilentServer();
    // Headers, then a body that never ends: the limit covers the body too.
    const halfway = await startSilentServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"jobs": [');
    });
    try {
      const started = Date.now();
      const error = await createApiClient({ apiUrl: silent.url, shopKey: 'ak_test', timeoutMs: 50 }).listJobs().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 0, retryable: true, title: 'API timed out' });
      expect((error as Error).message).toBe(`API timed out: no answer from ${silent.url}/api within 50 ms (GET /shop/jobs)`);
      expect(Date.now() - started).toBeLessThan(5_000);

      const body = await createApiClient({ apiUrl: halfway.url, shopKey: 'ak_test', timeoutMs: 50 }).heartbeat('o1').catch((e: unknown) => e);
      expect(body).toMatchObject({ status: 0, title: 'API timed out' });
      expect((body as Error).message).toContain('(POST /shop/jobs/o1/heartbeat)');

      // Ctrl-C is still Ctrl-C, not a timeout.
      const controller = new AbortController();
      setTimeout(() => controller.abort(new DOMException('stopped', 'AbortError')), 20);
      const aborted = await createApiClient({ apiUrl: silent.url, shopKey: 'ak_test', timeoutMs: 10_000 }).listJobs(controller.signal).catch((e: unknown) => e);
      expect(aborted).not.toBeInstanceOf(ApiError);
      expect(isAbort(aborted)).toBe(true);
    } finally {
      await silent.close();
      await halfway.close();
    }
  });

  it('agent run backs off after a timed-out poll (full jitter) and polls again, instead of hanging', async () => {
    const silent = await startSilentServer();
    try {
      const controller = new AbortController();
      const waits: number[] = [];
      const stdout = captureSink();
      const code = await main({
        argv: ['run', '--api-url', silent.url, '--no-auto-claim', '--download-dir', dir],
        env: { ATELIER_SHOP_KEY: 'ak_test' },
        stdout,
        stderr: captureSink(),
        signal: controller.signal,
        random: () => 0.5,
        timeouts: { apiMs: 250 }, // short, but long enough for the request to reach the server on a busy machine
        sleep: async (ms) => {
          waits.push(ms);
          if (waits.length === 3) controller.abort();
          if (controller.signal.aborted) throw new DOMException('aborted', 'AbortError');
        },
      });
      expect(code).toBe(0);
      expect(waits).toEqual([1_000, 2_000, 4_000]); // half of 2 s, 4 s, 8 s: the poll backoff
      expect(silent.requests).toEqual(['GET /api/shop/jobs', 'GET /api/shop/jobs', 'GET /api/shop/jobs']);
      expect(stdout.text()).toContain(`poll failed (API timed out: no answer from ${silent.url}/api within 250 ms (GET /shop/jobs)) · try 2 in 1.0 s`);
    } finally {
      await silent.close();
    }
  });

  it('gives up a download after an idle limit (no answer, or no more bytes), leaving nothing behind', async () => {
    const mute = await startSilentServer();
    const stalling = await startSilentServer((_, res) => {
      res.writeHead(200, { 'content-length': String(payload.length) });
      res.write(payload.slice(0, 1000));
    });
    try {
      for (const [server, name] of [[mute, 'mute.stl'], [stalling, 'stall.stl']] as const) {
        const sink = captureSink();
        const error = await downloadVerified({ origins: [server.url], link: { ...link, url: `${server.url}/f` }, dest: join(dir, name), idleTimeoutMs: 50, out: createOutput(sink) }).catch((e: unknown) => e);
        expect(error).toEqual(new DownloadError(`${name}: download failed: nothing received for 50 ms`));
      }
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await mute.close();
      await stalling.close();
    }
  });

  it('lets a slow but steady download run longer than the idle limit in total', async () => {
    const trickle = await startSilentServer((_, res) => {
      res.writeHead(200, { 'content-length': String(payload.length) });
      let sent = 0;
      const next = () => {
        res.write(payload.slice(sent, sent + 2_000));
        sent += 2_000;
        if (sent >= payload.length) res.end();
        else setTimeout(next, 25);
      };
      next();
    });
    try {
      const started = Date.now();
      const file = await downloadVerified({ origins: [trickle.url], link: { ...link, url: `${trickle.url}/f` }, dest: join(dir, 'slow.stl'), idleTimeoutMs: 150 });
      expect(Date.now() - started).toBeGreaterThan(150); // ten chunks, 25 ms apart
      expect(file).toMatchObject({ sha256: link.sha256, bytes: payload.length });
      await rm(file.path);
    } finally {
      await trickle.close();
    }
  });

  describe('a round with a hung connection', () => {
    const agentFor = (server: TestServer, shopKey: string, opts: { fetch: typeof fetch; downloadDir: string }) => {
      const config: AgentConfig = {
        apiUrl: server.url,
        shopKey,
        materials: ['PLA'],
        buildVolume: { x: 250, y: 210, z: 210 },
        pollSeconds: 30,
        autoClaim: true,
        maxOpenJobs: 1,
        downloadDir: opts.downloadDir,
        printer: null,
        slicer: null,
        storageOrigin: storageOriginOf(server),
        start: false,
        once: false,
      };
      const sink = captureSink();
      const api = createApiClient({ apiUrl: server.url, shopKey, fetch: opts.fetch, timeoutMs: 2_000 });
      const deps = { api, printer: null, out: createOutput(sink), fetch: opts.fetch, downloadIdleMs: 1000, sleep: instantSleep().sleep, random: () => 0.5 };
      const agent = new ShopAgent(config, deps);
      return { agent, sink, round: () => agent.round(new AbortController().signal) };
    };

    it('a file store that stops sending ends the round with a problem; the job stays claimed and downloads next round', async () => {
      const server = await startTestServer();
      const downloadDir = join(dir, 'stall');
      try {
        const shop = await server.addShop({ name: 'Stall Lab', lat: 52.53, lon: 13.4, materials: ['PLA'] });
        const order = await placeOrder(server, 'PLA', 'STALL');
        const stall = { on: true };
        // The file store sends headers and nothing more while stall.on.
        const fetchFn: typeof fetch = async (input, init) => {
          if (!stall.on || !/\/(meshes|orders)\//.test(String(input))) return fetch(input, init);
          return new Response(new ReadableStream({ start: (c) => void init?.signal?.addEventListener('abort', () => c.error(init.signal!.reason)) }), { status: 200 });
        };
        const agent = agentFor(server, shop.apiKey, { fetch: fetchFn, downloadDir });

        const first = await agent.round();
        expect(first.claimed).toEqual([order.id]);
        expect(first.events).toEqual([
          { id: order.id, kind: 'problem', message: `name-tag-${order.id}.stl: download failed: nothing received for 1 s; will try again next round` },
        ]);
        expect(agent.sink.text()).toContain(`name-tag-${order.id}.stl: stalled`);
        expect(await customerState(server, order)).toBe('CLAIMED');

        stall.on = false;
        expect((await agent.round()).events).toEqual([expect.objectContaining({ kind: 'ready' })]);
        expect(existsSync(join(downloadDir, `name-tag-${order.id}.stl`))).toBe(true);
      } finally {
        await server.close();
      }
    });
  });
});
