// `npm run shops -- webhook` as a child process on local data: register prints the secret once,
// the status and the listing show the webhook without it, bad URLs and unknown shops are clear
// errors, --remove removes it; against a deployed table (TABLE_NAME, no local endpoint) http and
// loopback are refused before anything is stored.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const runShops = (env: Record<string, string>, ...args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
    if (!env.TABLE_NAME) delete childEnv.TABLE_NAME;
    delete childEnv.ATELIER_DYNAMODB_ENDPOINT;
    execFile(process.execPath, ['--import', 'tsx', 'functions/cli/shops.ts', ...args], { cwd: ROOT, env: childEnv, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });

describe('npm run shops -- webhook', () => {
  let dataDir: string;
  let shopId: string;
  const env = () => ({ ATELIER_DATA_DIR: dataDir });
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-shops-webhook-'));
    const add = await runShops(env(), 'add', '--name', 'Hooked', '--lat', '52.5', '--lon', '13.4', '--materials', 'PLA', '--build-volume', '200x200x200');
    shopId = /as (shop_[A-Za-z0-9_-]+) /.exec(add.stdout)?.[1] ?? '';
    expect(shopId, add.stdout + add.stderr).not.toBe('');
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('registers a local http URL and prints the secret once, with where to put it', async () => {
    const run = await runShops(env(), 'webhook', shopId, 'http://127.0.0.1:8123/atelier');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const secret = /\n\s+(whsec_[A-Za-z0-9_-]{43})\n/.exec(run.stdout)?.[1];
    expect(secret, run.stdout).toBeDefined();
    expect(run.stdout).toMatch(/shown once/);
    expect(run.stdout).toMatch(/agent's config/);

    const show = await runShops(env(), 'webhook', shopId);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('http://127.0.0.1:8123/atelier  active, no deliveries yet');
    expect(show.stdout).not.toContain('whsec_');

    const list = await runShops(env(), 'list');
    expect(list.stdout).toMatch(/webhook http:\/\/127\.0\.0\.1:8123\/atelier\s+active/);
    expect(list.stdout).not.toContain('whsec_');
    const json = await runShops(env(), 'list', '--json');
    const shops = JSON.parse(json.stdout) as { id: string; webhook?: { url: string; status: string } }[];
    expect(shops.find((s) => s.id === shopId)?.webhook).toMatchObject({ url: 'http://127.0.0.1:8123/atelier', status: 'active' });
    expect(json.stdout).not.toContain('whsec_');
  });

  it('refuses a private address even locally, and an unknown shop', async () => {
    const bad = await runShops(env(), 'webhook', shopId, 'http://192.168.1.20/hook');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/webhook URL cannot be used: resolves to a loopback, private or reserved address/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const nobody = await runShops(env(), 'webhook', 'shop_nobody', 'http://127.0.0.1:8123/hook');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('No shop with id shop_nobody');
    expect((await runShops(env(), 'webhook', 'shop_nobody')).code).toBe(1);
  });

  it('--remove removes it', async () => {
    const run = await runShops(env(), 'webhook', shopId, '--remove');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no webhook any more');
    expect((await runShops(env(), 'webhook', shopId)).stdout).toContain('has no webhook');
    expect((await runShops(env(), 'list')).stdout).not.toContain('webhook http');
  });

  it('against a deployed table refuses http and loopback before touching it', async () => {
    const aws = { TABLE_NAME: 'atelier-nowhere', BUCKET_NAME: 'atelier-nowhere', AWS_REGION: 'eu-central-1' };
    const http = await runShops(aws, 'webhook', 'shop_x', 'http://127.0.0.1:8123/hook');
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('must be https');
    const loopback = await runShops(aws, 'webhook', 'shop_x', 'https://127.0.0.1:8123/hook');
    expect(loopback.code).toBe(2);
    expect(loopback.stderr).toContain('private or reserved address');
  });
});
