// The shop key is a bearer token: over plain http to another machine anyone on the way can
// read it. The agent warns once, on stderr, unless told the network is trusted.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendsKeyInClear } from '../../functions/agent/config.ts';
import { main } from '../../functions/agent/main.ts';
import { captureSink } from '../support/agent-harness.ts';

/** An API that has no jobs, wherever it is. */
const emptyApi: typeof fetch = async () => new Response(JSON.stringify({ jobs: [] }), { status: 200, headers: { 'content-type': 'application/json' } });

describe('plain http to another machine', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-insecure-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const jobs = async (argv: string[]) => {
    const stdout = captureSink();
    const stderr = captureSink();
    const code = await main({ argv: ['jobs', ...argv], env: { ATELIER_SHOP_KEY: 'ak_test' }, stdout, stderr, signal: new AbortController().signal, fetch: emptyApi, cwd: dir });
    return { code, out: stdout.text(), err: stderr.text() };
  };

  it('knows which URLs send the key in the clear', () => {
    for (const url of ['http://atelier.example', 'http://192.168.1.20:3000', 'http://[fe80::1]:3000', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io']) {
      expect(sendsKeyInClear(url), url).toBe(true);
    }
    for (const url of ['https://atelier.example', 'http://localhost:3000', 'http://LOCALHOST:3000', 'http://127.0.0.1:3000', 'http://127.1.2.3', 'http://[::1]:3000', 'https://192.168.1.20']) {
      expect(sendsKeyInClear(url), url).toBe(false);
    }
  });

  it('warns on stderr for http to another host, and still works', async () => {
    const { code, out, err } = await jobs(['--api-url', 'http://192.168.1.20:3000']);
    expect(code).toBe(0);
    expect(out).toBe('no jobs offered to you or held by you right now\n');
    expect(err).toBe(
      'agent: warning: http://192.168.1.20:3000/api is plain http to another machine: the shop key and the delivery addresses ' +
        'cross the network unencrypted. Use https, or pass --insecure-ok ("insecureOk": true) if this network is yours.\n',
    );
  });

  it('says nothing for https or this machine, or with --insecure-ok or "insecureOk": true', async () => {
    for (const url of ['https://atelier.example', 'http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
      expect((await jobs(['--api-url', url])).err, url).toBe('');
    }
    expect(await jobs(['--api-url', 'http://192.168.1.20:3000', '--insecure-ok'])).toMatchObject({ code: 0, err: '' });
    const config = join(dir, 'agent.json');
    await writeFile(config, JSON.stringify({ apiUrl: 'http://192.168.1.20:3000', insecureOk: true }));
    await chmod(config, 0o600);
    expect(await jobs(['--config', config])).toMatchObject({ code: 0, err: '' });
    await writeFile(config, JSON.stringify({ apiUrl: 'http://192.168.1.20:3000', insecureOk: 'yes' }));
    expect(await jobs(['--config', config])).toMatchObject({ code: 2, err: 'agent: insecureOk must be true or false\n' });
  });

  it('warns once per run, not every round', async () => {
    const controller = new AbortController();
    const stderr = captureSink();
    let rounds = 0;
    const code = await main({
      argv: ['run', '--api-url', 'http://atelier.lan:3000', '--no-auto-claim', '--download-dir', dir],
      env: { ATELIER_SHOP_KEY: 'ak_test' },
      stdout: captureSink(),
      stderr,
      signal: controller.signal,
      fetch: emptyApi,
      sleep: async () => {
        rounds += 1;
        if (rounds === 3) controller.abort();
        if (controller.signal.aborted) throw new DOMException('aborted', 'AbortError');
      },
    });
    expect(code).toBe(0);
    expect(rounds).toBe(3);
    expect(stderr.text().match(/warning: http:\/\/atelier\.lan:3000\/api is plain http/g)).toHaveLength(1);
  });
});
