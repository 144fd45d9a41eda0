// The local host's edges: a missing asset is a 404 (only extension-less paths get the app
// shell), demo shop keys are saved atomically and lost ones are reported, and a bad
// ATELIER_RATE_LIMIT stops `npm start` with a message instead of turning the limiter off.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients } from '../../functions/store/clients.ts';
import { ShopStore } from '../../functions/store/shops.ts';
import { DEMO_SHOPS } from '../../infra/demo-shops.ts';
import { startLocalHost, type LocalHost } from '../../infra/local-host.ts';

const SHELL = '<!doctype html><title>shell</title>';

describe('static files and the app shell', () => {
  let dataDir: string;
  let host: LocalHost;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-host-'));
    const webDir = join(dataDir, 'web');
    await mkdir(join(webDir, 'assets'), { recursive: true });
    await writeFile(join(webDir, 'index.html'), SHELL);
    await writeFile(join(webDir, 'assets', 'app.js'), 'console.log(1)');
    host = await startLocalHost({ port: 0, dataDir: join(dataDir, 'data'), webDir });
  });
  afterAll(async () => {
    await host?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves files that exist and 404s files that do not', async () => {
    const js = await fetch(`${host.url}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(await js.text()).toBe('console.log(1)');
    for (const path of ['/assets/nonexistent.js', '/assets/gone.css', '/favicon.ico', '/deep/path/file.map']) {
      const response = await fetch(`${host.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).not.toMatch(/text\/html/);
    }
  });

  it('falls back to the app shell for extension-less paths only', async () => {
    for (const path of ['/', '/orders/abc', '/shop']) {
      const response = await fetch(`${host.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/text\/html/);
      expect(await response.text()).toBe(SHELL);
    }
    expect((await fetch(`${host.url}/api/nope`)).headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('demo shop keys', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-demo-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('saves every key once all are registered, keeps them, and reports lost ones', async () => {
    const file = join(dataDir, 'demo-shops.json');
    let host = await startLocalHost({ port: 0, dataDir, webDir: dataDir });
    try {
      expect(host.demoShops.map((s) => s.id).sort()).toEqual(DEMO_SHOPS.map((s) => s.id).sort());
      expect(host.demoShopsWithoutKey).toEqual([]);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(host.demoShops);
      expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      await host.close();
    }
    const saved = await readFile(file, 'utf8');

    // A second start reads the same keys and does not rewrite the file.
    host = await startLocalHost({ port: 0, dataDir, webDir: dataDir });
    try {
      expect(host.demoShops).toEqual(JSON.parse(saved));
      expect(await readFile(file, 'utf8')).toBe(saved);
    } finally {
      await host.close();
    }

    // A key rotated since (the CLI prints the new key, the file keeps the old one) is reported.
    host = await startLocalHost({ port: 0, dataDir, webDir: dataDir });
    try {
      const clients = createClients(host.config);
      await new ShopStore(clients, host.config).rotateKey('demo-spandau', 'hash-of-a-new-key');
      clients.dynamo.destroy();
      clients.s3.destroy();
    } finally {
      await host.close();
    }
    host = await startLocalHost({ port: 0, dataDir, webDir: dataDir });
    try {
      expect(host.demoShops.map((s) => s.id).sort()).toEqual(['demo-kreuzberg', 'demo-mitte']);
      expect(host.demoShopsWithoutKey).toEqual([{ id: 'demo-spandau', name: 'Spandau Filament Works' }]);
    } finally {
      await host.close();
    }

    // The file is gone but the shops are not: their keys cannot be recovered, so they are
    // reported (npm start tells the operator to rotate them), never silently dropped.
    await rm(file);
    host = await startLocalHost({ port: 0, dataDir, webDir: dataDir });
    try {
      expect(host.demoShops).toEqual([]);
      expect(host.demoShopsWithoutKey.map((s) => s.id).sort()).toEqual(DEMO_SHOPS.map((s) => s.id!).sort());
      expect(existsSync(file)).toBe(false);
    } finally {
      await host.close();
    }
  });
});

const runLocal = (env: Record<string, string>): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local.ts'], { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });

describe('npm start settings', () => {
  it.each([
    [{ ATELIER_RATE_LIMIT: 'abc' }, /ATELIER_RATE_LIMIT must be a number .* got "abc"/],
    [{ ATELIER_RATE_LIMIT: '-5' }, /ATELIER_RATE_LIMIT must be a number/],
    [{ ATELIER_PUBLIC_URL: 'not a url' }, /ATELIER_PUBLIC_URL must be the http\(s\) address/],
    [{ PORT: 'eighty' }, /PORT must be a port number/],
  ])('refuses %j with exit code 2', async (env, message) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'atelier-env-'));
    try {
      const { code, output } = await runLocal({ ...env, ATELIER_DATA_DIR: dataDir });
      expect(code).toBe(2);
      expect(output).toMatch(message);
      expect(output).not.toContain('Atelier is running');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
