// `--listen [HOST:]PORT` and the webhook secret: where the receiver binds (127.0.0.1 unless a
// host is given), where the secret may come from (environment or config file, never a flag),
// and the refusals that say what to do.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP, parseAgentArgs } from '../../functions/agent/args.ts';
import { listenForWebhooks } from '../../functions/agent/agent-listener.ts';
import { parseListenAddress } from '../../functions/agent/config-listen.ts';
import { readConfigFile, resolveConfig } from '../../functions/agent/config.ts';
import { main } from '../../functions/agent/main.ts';
import { createOutput } from '../../functions/agent/output.ts';
import { captureSink } from '../support/agent-harness.ts';
import { TEST_WEBHOOK_SECRET } from '../support/webhook-sender.ts';

describe('agent --listen settings', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-listen-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const base = { apiUrl: 'http://localhost:3000' };
  const env = { ATELIER_SHOP_KEY: 'ak', ATELIER_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET };

  it('parses [HOST:]PORT, binding 127.0.0.1 unless a host is given', () => {
    expect(parseListenAddress('8787')).toEqual({ host: '127.0.0.1', port: 8787 });
    expect(parseListenAddress(8787)).toEqual({ host: '127.0.0.1', port: 8787 });
    expect(parseListenAddress('0.0.0.0:8787')).toEqual({ host: '0.0.0.0', port: 8787 });
    expect(parseListenAddress('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
    expect(parseListenAddress('octopi.local:0')).toEqual({ host: 'octopi.local', port: 0 });
    for (const bad of ['', 'abc', '70000', '10.0.0.1:', 'http://0.0.0.0:80', '1.2.3.4:80:90']) {
      expect(() => parseListenAddress(bad)).toThrow('--listen must be [HOST:]PORT, e.g. 8787 or 0.0.0.0:8787');
    }
  });

  it('takes the secret from the environment over the config file, and only for run', () => {
    const flags = parseAgentArgs(['--listen', '0.0.0.0:8787', '--no-auto-claim']).flags;
    expect(resolveConfig({ flags: { ...flags, ...base }, env }, true)).toMatchObject({ listen: { host: '0.0.0.0', port: 8787 }, webhookSecret: TEST_WEBHOOK_SECRET });
    const file = { ...base, listen: 8787, webhookSecret: 'whsec_from-the-file-0123456789' };
    expect(resolveConfig({ file, flags: { autoClaim: false }, env: { ATELIER_SHOP_KEY: 'ak' } }, true).webhookSecret).toBe('whsec_from-the-file-0123456789');
    expect(resolveConfig({ file, flags: { autoClaim: false }, env }, true)).toMatchObject({ listen: { host: '127.0.0.1', port: 8787 }, webhookSecret: TEST_WEBHOOK_SECRET });
    // `jobs`, `claim` … share the config file but never listen.
    expect(resolveConfig({ file, env }, false).listen).toBeUndefined();
    expect(resolveConfig({ flags: { ...base, autoClaim: false }, env }, true).listen).toBeUndefined();
  });

  it('refuses to listen without a secret, with a short one, with --once, and has no flag for the secret', () => {
    const listen = { ...base, autoClaim: false, listen: '8787' };
    expect(() => resolveConfig({ flags: listen, env: { ATELIER_SHOP_KEY: 'ak' } }, true)).toThrow(
      '--listen needs the webhook secret to check deliveries: set ATELIER_WEBHOOK_SECRET (printed once by "npm run shops -- webhook ID URL")',
    );
    expect(() => resolveConfig({ flags: listen, env: { ...env, ATELIER_WEBHOOK_SECRET: 'short' } }, true)).toThrow('use the whsec_… secret Atelier printed');
    expect(() => resolveConfig({ flags: { ...listen, once: true }, env }, true)).toThrow('--listen needs a running agent: leave out --once');
    expect(() => resolveConfig({ file: { ...base, listen: true as never }, flags: { autoClaim: false }, env }, true)).toThrow('"listen" must be "[HOST:]PORT"');
    expect(() => parseAgentArgs(['--webhook-secret', 'whsec_x'])).toThrow("Unknown option '--webhook-secret'");
  });

  it('warns when a config file holding the webhook secret is readable by others', async () => {
    const path = join(dir, 'open.json');
    await writeFile(path, JSON.stringify({ listen: 8787, webhookSecret: TEST_WEBHOOK_SECRET }));
    await chmod(path, 0o644);
    const warnings: string[] = [];
    expect((await readConfigFile(path, (w) => warnings.push(w))).webhookSecret).toBe(TEST_WEBHOOK_SECRET);
    expect(warnings).toEqual([expect.stringContaining(`chmod 600 ${path}`)]);
  });

  it('exits 2 before any poll when the secret is missing or the port is taken', async () => {
    const run = async (argv: string[], runEnv: Record<string, string>) => {
      const stderr = captureSink();
      const code = await main({
        argv: ['run', '--api-url', 'http://127.0.0.1:9', '--no-auto-claim', '--download-dir', dir, ...argv],
        env: runEnv, stdout: captureSink(), stderr, signal: new AbortController().signal,
        fetch: async () => { throw new Error('no API call expected'); },
      });
      return { code, err: stderr.text() };
    };
    const missing = await run(['--listen', '0'], { ATELIER_SHOP_KEY: 'ak' });
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('agent: --listen needs the webhook secret');
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      expect(await run(['--listen', `127.0.0.1:${port}`], env)).toEqual({ code: 2, err: `agent: cannot listen on 127.0.0.1:${port}: the port is in use\n` });
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('says when the listener is reachable from other machines', async () => {
    const target = { delivered() {}, wake() {}, heartbeatNow: async () => '', dropOffer: () => '' };
    for (const host of ['127.0.0.1', '0.0.0.0']) {
      const sink = captureSink();
      const listener = await listenForWebhooks(target, { listen: { host, port: 0 }, webhookSecret: TEST_WEBHOOK_SECRET, pollSeconds: 30 }, createOutput(sink), () => 0);
      await listener!.close();
      expect(sink.text()).toMatch(new RegExp(`^webhooks: listening on http://${host.replace(/\./g, '\\.')}:\\d+/atelier/webhook \\(polling every 30 s stays the fallback\\)\n`));
      expect(sink.text().includes('is reachable from other machines')).toBe(host === '0.0.0.0');
    }
  });

  it('explains --listen and the secret in --help', () => {
    expect(HELP).toContain('--listen [HOST:]PORT');
    expect(HELP).toContain('host 127.0.0.1 unless given');
    expect(HELP).toContain('ATELIER_WEBHOOK_SECRET');
  });
});
