// The poll loop as `agent run` drives it: Retry-After from a rate-limited API is honoured with
// jittered backoff, Ctrl-C aborts in-flight requests and downloads, finishes the progress
// line and exits 0; and one child-process smoke test of the real CLI.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenBucketLimiter } from '../../functions/api/rate-limit.ts';
import { main } from '../../functions/agent/main.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { captureSink, placeOrder, storageOriginOf } from '../support/agent-harness.ts';

describe('agent run', () => {
  let server: TestServer;
  let shop: { id: string; apiKey: string };
  let dir: string;
  beforeAll(async () => {
    // One request per shop key, then 429 with Retry-After: the test clock never refills the bucket.
    server = await startTestServer({ rateLimiter: tokenBucketLimiter({ perSecond: 0.25, burst: 2 }) });
    shop = await server.addShop({ name: 'Loop Lab', lat: 52.53, lon: 13.4, materials: ['PLA'] });
    dir = await mkdtemp(join(tmpdir(), 'atelier-run-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const argv = () => ['run', '--api-url', server.url, '--material', 'PLA', '--build-volume', '250x210x210', '--download-dir', dir, '--poll', '30'];

  it('backs off with full jitter after 429s, never sooner than Retry-After, and stops on Ctrl-C', async () => {
    const controller = new AbortController();
    const waits: number[] = [];
    const stdout = captureSink();
    const code = await main({
      argv: [...argv(), '--no-auto-claim'],
      env: { ATELIER_SHOP_KEY: shop.apiKey },
      stdout,
      stderr: captureSink(),
      signal: controller.signal,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
        if (waits.length === 6) controller.abort(); // Ctrl-C during the sixth wait
        if (controller.signal.aborted) throw new DOMException('aborted', 'AbortError');
      },
    });

    expect(code).toBe(0);
    const text = stdout.text();
    expect(text).toMatch(/^atelier agent · http:\/\/127\.0\.0\.1:\d+\/api every 30 s · PLA on 250×210×210 mm · auto-claim off/);
    // Two good polls (the burst), then 429s: Retry-After is 4 s, which outweighs the jitter
    // (half of 2 s, 4 s, 8 s …) until the jitter grows past it.
    expect(waits).toEqual([30_000, 30_000, 4_000, 4_000, 4_000, 8_000]);
    expect(text).toMatch(/poll failed \(429 Too many requests: Slow down; retry in 4 s\.\) · try 2 in 4\.0 s/);
    expect(text.trimEnd().endsWith('stopped')).toBe(true);
  });

  it('Ctrl-C in the middle of a download aborts it, leaves no partial file and ends the bar line', async () => {
    const quiet = await startTestServer();
    const lab = await quiet.addShop({ name: 'Slow Link', lat: 52.53, lon: 13.4, materials: ['PLA'] });
    try {
      await placeOrder(quiet, 'PLA', 'SLOW');
      const controller = new AbortController();
      const stdout = captureSink(true); // a terminal: progress bars redraw in place
      // The file store sends the first 1000 bytes, then stalls until the request is aborted.
      const stallingFetch: typeof fetch = async (input, init) => {
        const url = String(input);
        if (!/\/(meshes|orders)\//.test(url)) return fetch(input, init);
        const full = new Uint8Array(await (await fetch(input)).arrayBuffer());
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(full.slice(0, 1000));
            setTimeout(() => controller.abort(), 20);
            init?.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
          },
        });
        return new Response(body, { status: 200 });
      };
      const code = await main({
        argv: ['--once', '--api-url', quiet.url, '--storage-origin', storageOriginOf(quiet), '--material', 'PLA', '--build-volume', '250x210x210', '--download-dir', dir],
        env: { ATELIER_SHOP_KEY: lab.apiKey },
        stdout,
        stderr: captureSink(),
        signal: controller.signal,
        fetch: stallingFetch,
      });

      expect(code).toBe(0);
      const text = stdout.text();
      expect(text).toMatch(/\r\x1b\[2K {2}name-tag-\S+\.stl \[█*░+\] +\d+% /); // a bar was drawn in place
      expect(text).toMatch(/\.stl: stopped\nstopped\n$/);
      expect((await readdir(dir)).filter((f) => f.endsWith('.part'))).toEqual([]);
    } finally {
      await quiet.close();
    }
  });

  it('runs as a real process: npx tsx --help, and jobs with the key from the environment', async () => {
    const run = promisify(execFile);
    const help = await run('npx', ['tsx', 'functions/cli/agent.ts', '--help'], { cwd: process.cwd() });
    expect(help.stdout).toContain('Usage: npm run agent -- [command] [options]');

    const quiet = await startTestServer();
    const lab = await quiet.addShop({ name: 'Process Lab', lat: 52.53, lon: 13.4, materials: ['PLA'] });
    try {
      const order = await placeOrder(quiet, 'PLA', 'PROC');
      // As the systemd unit in docs/shops.md runs it: node with tsx as a loader.
      const jobs = await run(process.execPath, ['--import', 'tsx', 'functions/cli/agent.ts', 'jobs', '--api-url', quiet.url], {
        cwd: process.cwd(),
        env: { ...process.env, ATELIER_SHOP_KEY: lab.apiKey },
      });
      expect(jobs.stdout).toMatch(new RegExp(`^ID\\s+STATE.*\\n${order.id}\\s+PLACED\\s+offered\\s+PLA`));
      const usage = await run(process.execPath, ['--import', 'tsx', 'functions/cli/agent.ts', 'claim'], { cwd: process.cwd() }).catch((e: { code: number; stderr: string }) => e);
      expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: agent claim ID') });
    } finally {
      await quiet.close();
    }
  });
});
