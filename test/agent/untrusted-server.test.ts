// The agent trusts no server blindly (issue 16, finding 7): a download never writes more than
// the promised bytes, no redirect to another origin is followed (downloads or API calls), a
// link outside the API's and the configured storage origin is never fetched, and text the
// server sends reaches the terminal without control characters or bidi overrides.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../functions/agent/api-client.ts';
import { downloadVerified } from '../../functions/agent/downloader.ts';
import { ApiError, DownloadError, UntrustedLinkError } from '../../functions/agent/errors.ts';
import { formatJobTable } from '../../functions/agent/format.ts';
import { main } from '../../functions/agent/main.ts';
import { cleanText, createOutput } from '../../functions/agent/output.ts';
import { captureSink } from '../support/agent-harness.ts';

interface TestHost {
  url: string;
  hits: string[];
  /** Bytes the server managed to send before the client hung up. */
  sent: () => number;
  close: () => Promise<void>;
}

/** A server on 127.0.0.1 whose handler may stream; records each path it was asked for. */
const host = async (handle: (path: string, res: import('node:http').ServerResponse, count: (n: number) => void) => void): Promise<TestHost> => {
  const hits: string[] = [];
  let sent = 0;
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    handle(req.url ?? '', res, (n) => (sent += n));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    sent: () => sent,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
};

const ZERO_SHA = '0'.repeat(64);

describe('agent against an untrusted server', () => {
  let dir: string;
  let endless: TestHost;
  let elsewhere: TestHost;
  let redirecting: TestHost;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-untrusted-'));
    // Streams 64 KB chunks for ever, with no Content-Length, until the client hangs up.
    endless = await host((_path, res, count) => {
      res.writeHead(200, { 'content-type': 'model/stl' });
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      const pump = () => {
        while (res.write(chunk)) {
          count(chunk.length);
          if (res.destroyed) return;
        }
        count(chunk.length);
      };
      res.on('drain', pump);
      pump();
    });
    elsewhere = await host((_path, res) => res.end('{"jobs": []}'));
    redirecting = await host((path, res) => {
      res.writeHead(302, { location: `${elsewhere.url}${path}` });
      res.end();
    });
  });
  afterAll(async () => {
    await Promise.all([endless.close(), elsewhere.close(), redirecting.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('stops a download at the promised bytes: never writes past them, deletes the part, hangs up', async () => {
    const dest = join(dir, 'part.stl');
    const promised = 100;
    const link = { url: `${endless.url}/orders/part.stl`, sha256: ZERO_SHA, bytes: promised };

    const error = await downloadVerified({ link, dest, origins: [endless.url] }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toBe('part.stl: the file store sent more than the promised 100 bytes; cut off and deleted');
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
    // The connection was cut: the server could not push more than its socket buffers hold (far below 200 MB).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(endless.sent()).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses a download whose Content-Length is larger than promised, before reading it', async () => {
    const big = await host((_path, res) => {
      res.writeHead(200, { 'content-length': '5000' });
      res.end(Buffer.alloc(5000));
    });
    try {
      const link = { url: `${big.url}/f.stl`, sha256: ZERO_SHA, bytes: 10 };
      const error = await downloadVerified({ link, dest: join(dir, 'f.stl'), origins: [big.url] }).catch((e: unknown) => e);
      expect((error as Error).message).toBe('f.stl: the file store announces 5000 bytes, more than the promised 10; not downloaded');
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await big.close();
    }
  });

  it('follows no redirect for a download, not even to an allowed origin', async () => {
    const link = { url: `${redirecting.url}/orders/x.stl`, sha256: ZERO_SHA, bytes: 10 };
    const before = elsewhere.hits.length;
    const error = await downloadVerified({ link, dest: join(dir, 'x.stl'), origins: [redirecting.url, elsewhere.url] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toBe(`x.stl: the file store answered 302 redirecting to ${elsewhere.url}; redirects are not followed`);
    expect(elsewhere.hits.length).toBe(before);
  });

  it('never fetches a link on an origin other than the allowed ones', async () => {
    const before = elsewhere.hits.length;
    const link = { url: `${elsewhere.url}/orders/y.stl`, sha256: ZERO_SHA, bytes: 10 };
    const error = await downloadVerified({ link, dest: join(dir, 'y.stl'), origins: ['http://127.0.0.1:1'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UntrustedLinkError);
    expect((error as Error).message).toContain(`points at ${elsewhere.url}, which is neither the Atelier API's origin nor the configured storage origin; refused`);
    expect(elsewhere.hits.length).toBe(before);
    const file = { url: 'file:///etc/passwd', sha256: ZERO_SHA, bytes: 10 };
    await expect(downloadVerified({ link: file, dest: join(dir, 'z'), origins: ['file://'] })).rejects.toThrow('the download link uses file:; refused');
    const huge = { url: `${elsewhere.url}/h.stl`, sha256: ZERO_SHA, bytes: 200 * 1024 ** 3 };
    await expect(downloadVerified({ link: huge, dest: join(dir, 'h'), origins: [elsewhere.url] })).rejects.toThrow(/promised size 214748364800 is not a size from 0 to/);
  });

  it('follows no redirect for an API call: the shop key never goes to the other origin', async () => {
    const before = elsewhere.hits.length;
    const api = createApiClient({ apiUrl: redirecting.url, shopKey: 'ak_secret' });
    const error = await api.listJobs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(302);
    expect((error as Error).message).toBe(`302 Redirect refused: ${redirecting.url}/api redirects to ${elsewhere.url}; the agent follows no redirect (check apiUrl)`);
    expect(elsewhere.hits.length).toBe(before);
  });

  it('strips control characters and bidi overrides from text it prints', () => {
    expect(cleanText('a\u001b[2Jb\u009b31mc\u202Ed\u2066e\u0007f\r\ng\u0000')).toBe('a[2Jb31mcdef g');
    expect(cleanText('one\ntwo', true)).toBe('one\ntwo');
    const sink = captureSink();
    createOutput(sink).line('job \u001b]8;;http://evil.example\u0007click\u001b]8;;\u0007 done');
    expect(sink.text()).toBe('job ]8;;http://evil.exampleclick]8;; done\n');
  });

  it('a hostile API cannot reach the terminal with escapes: job table, claim line and problem details', async () => {
    const evilId = 'oAAAA\u001b[2J\u001b[31mBBBB';
    const job = {
      id: evilId, state: 'PLACED', claimedByYou: false, material: 'PLA', dimensionsMm: { x: 10, y: 10, z: 2 }, quantity: 1, distanceKm: 1.2,
      designId: 'name-tag\u202E\u001b[1m', leaseUntil: null,
    };
    expect(formatJobTable([job as never], null, Date.now())).not.toMatch(/[\u001b\u202E]/);

    const hostile: typeof fetch = async (input) => {
      const url = String(input);
      if (url.endsWith('/claim')) {
        return new Response(JSON.stringify({ title: 'Conflict\u001b[2J', detail: 'taken \u001b]0;pwned\u0007 by \u202Eelse' }), { status: 422, headers: { 'content-type': 'application/problem+json' } });
      }
      return new Response(JSON.stringify({ jobs: [job] }), { status: 200 });
    };
    const stdout = captureSink();
    const stderr = captureSink();
    const run = (argv: string[]) => main({ argv, env: { ATELIER_SHOP_KEY: 'ak_test' }, stdout, stderr, signal: new AbortController().signal, fetch: hostile, cwd: dir });
    expect(await run(['jobs', '--api-url', 'http://127.0.0.1:9'])).toBe(0);
    expect(await run(['claim', 'oAAAA', '--api-url', 'http://127.0.0.1:9'])).toBe(1);
    expect(stdout.text()).toContain('oAAAA[2J[31mBBBB');
    expect(stderr.text()).toBe('agent: 422 Conflict[2J: taken ]0;pwned by else\n');
    expect(stdout.text() + stderr.text()).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
  });
});
