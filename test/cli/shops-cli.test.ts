// `npm run shops` as a child process, and what rotate-key and suspend do to a shop's key:
// argument mistakes are a usage message and exit code 2 (never a stack trace); rotate-key
// prints a new key and the old one is refused; a suspended shop's key is refused. The API's
// key cache is tested on a test server whose clock the test steps.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_KEY_TTL_MS, UNKNOWN_KEY_TTL_MS } from '../../functions/api/shop-auth.ts';
import { hashApiKey } from '../../functions/domain/ids.ts';
import { startLocalHost, type LocalHost } from '../../infra/local-host.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const runShops = (env: Record<string, string>, ...args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
    delete childEnv.TABLE_NAME;
    execFile(process.execPath, ['--import', 'tsx', 'functions/cli/shops.ts', ...args], { cwd: ROOT, env: childEnv, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });

const jobsStatus = async (url: string, key: string) => (await fetch(`${url}/api/shop/jobs`, { headers: { authorization: `Bearer ${key}` } })).status;

describe('npm run shops: argument mistakes', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-shops-cli-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it.each([
    [['list', '--bogus'], /Unknown option '--bogus'/],
    [['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100x100', '--setup-fee', '1e14'], /--setup-fee must be at most 1000 EUR/],
    [['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100x100', '--rates', 'PLA=1e3:1'], /--rates entry "PLA=1e3:1"/],
    [['rotate-key'], /rotate-key needs a shop id/],
  ])('%j: the message and the usage, exit code 2, no stack trace', async (args, message) => {
    const run = await runShops({ ATELIER_DATA_DIR: dataDir }, ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('npm run shops -- rotate-key SHOP_ID');
    expect(run.stderr).not.toMatch(/ERR_PARSE_ARGS|MAX_SAFE_INTEGER|\n\s+at /);
  });
});

describe('npm run shops against a running npm start', () => {
  let dataDir: string;
  let host: LocalHost;
  const env = () => ({ ATELIER_DATA_DIR: dataDir });
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-shops-live-'));
    host = await startLocalHost({ port: 0, dataDir, webDir: dataDir });
  });
  afterAll(async () => {
    await host?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('rotate-key prints a new key that works; the old key is refused', async () => {
    const mitte = host.demoShops.find((s) => s.id === 'demo-mitte')!;
    const run = await runShops(env(), 'rotate-key', 'demo-mitte');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const key = /\n\s+(ak_[A-Za-z0-9_-]+)\n/.exec(run.stdout)?.[1];
    expect(key, run.stdout).toBeDefined();
    expect(run.stdout).toContain('within 10 seconds');
    // Neither key was used before, so no process has it cached.
    expect(await jobsStatus(host.url, key!)).toBe(200);
    expect(await jobsStatus(host.url, mitte.apiKey)).toBe(401);

    const missing = await runShops(env(), 'rotate-key', 'no-such-shop');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No shop with id no-such-shop');
  });

  it("suspend refuses the shop's key and lists it as SUSPENDED; unsuspend lifts it", async () => {
    const kreuzberg = host.demoShops.find((s) => s.id === 'demo-kreuzberg')!;
    const suspended = await runShops(env(), 'suspend', 'demo-kreuzberg');
    expect(suspended.code).toBe(0);
    expect(await jobsStatus(host.url, kreuzberg.apiKey)).toBe(401);
    const list = await runShops(env(), 'list');
    expect(list.stdout).toMatch(/demo-kreuzberg\s+SUSPENDED/);
    const json = JSON.parse((await runShops(env(), 'list', '--json')).stdout) as { id: string; suspended?: boolean }[];
    expect(json.find((s) => s.id === 'demo-kreuzberg')?.suspended).toBe(true);
    expect(json.find((s) => s.id === 'demo-spandau')).not.toHaveProperty('suspended');

    const lifted = await runShops(env(), 'unsuspend', 'demo-kreuzberg');
    expect(lifted.code).toBe(0);
    expect((await runShops(env(), 'list')).stdout).toMatch(/demo-kreuzberg\s+open/);
  });

  it('speed-factor stores the factor on the shop; an out-of-range one is a usage error', async () => {
    const set = await runShops(env(), 'speed-factor', 'demo-spandau', '1.3');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('reference time / 1.3');
    const json = JSON.parse((await runShops(env(), 'list', '--json')).stdout) as { id: string; speedFactor?: number }[];
    expect(json.find((s) => s.id === 'demo-spandau')?.speedFactor).toBe(1.3);

    const bad = await runShops(env(), 'speed-factor', 'demo-spandau', '5');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/speed factor must be a number from 0.25 to 4/);
  });
});

describe('shop auth after a rotation or a suspension made elsewhere', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it(`keeps accepting a cached key for at most ${KNOWN_KEY_TTL_MS} ms after it was rotated away`, async () => {
    const shop = await server.addShop({ name: 'Rotating', lat: 52.52, lon: 13.4 });
    expect(await jobsStatus(server.url, shop.apiKey)).toBe(200);
    const newKey = 'ak_rotated_key_for_the_test_0001';
    // The CLI's part, through the store: another process as far as this server's cache goes.
    await server.deps.stores.shops.rotateKey(shop.id, await hashApiKey(newKey));
    expect(await jobsStatus(server.url, newKey)).toBe(200);
    server.clock.advance(KNOWN_KEY_TTL_MS - 1);
    expect(await jobsStatus(server.url, shop.apiKey)).toBe(200);
    server.clock.advance(1);
    expect(await jobsStatus(server.url, shop.apiKey)).toBe(401);
    expect(await jobsStatus(server.url, newKey)).toBe(200);
  });

  it(`refuses a suspended shop within ${KNOWN_KEY_TTL_MS} ms and accepts it again within ${UNKNOWN_KEY_TTL_MS} ms of unsuspending`, async () => {
    const shop = await server.addShop({ name: 'Suspended', lat: 52.52, lon: 13.4 });
    expect(await jobsStatus(server.url, shop.apiKey)).toBe(200);
    await server.deps.stores.shops.setSuspended(shop.id, true);
    server.clock.advance(KNOWN_KEY_TTL_MS);
    expect(await jobsStatus(server.url, shop.apiKey)).toBe(401);
    await server.deps.stores.shops.setSuspended(shop.id, false);
    expect(await jobsStatus(server.url, shop.apiKey)).toBe(401);
    server.clock.advance(UNKNOWN_KEY_TTL_MS);
    expect(await jobsStatus(server.url, shop.apiKey)).toBe(200);
  });
});
