// Runs the one-machine host (`infra/local.ts`, what `npm start` runs: API + dynalite +
// s3rver in one Node process) as a child process for the API benchmark: port 0, a fresh temp
// data dir, rate limiting off, no web build.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LOCAL_CREDENTIALS, type StoreConfig } from '../../functions/store/config.ts';
import type { DemoShopKey } from '../../infra/local-host.ts';

export interface BenchHost {
  /** Base URL on 127.0.0.1 (the host listens on IPv4 only; `localhost` may resolve to ::1). */
  url: string;
  demoShops: DemoShopKey[];
  /** The host's table and bucket on its dynalite and s3rver, as `npm run shops` reaches them. */
  store: StoreConfig;
  pid: number;
  stop: () => Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 60_000;

const waitForUrl = (child: ChildProcess): Promise<string> =>
  new Promise((resolveUrl, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`local host did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1].replace('//localhost:', '//127.0.0.1:'));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local host exited with ${code} before it started:\n${output}`));
    });
  });

/** `env` overrides the host's environment (e.g. ATELIER_RATE_LIMIT to keep the default limit on). */
export const spawnLocalHost = async (env: Record<string, string | undefined> = {}): Promise<BenchHost> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      ATELIER_DATA_DIR: dataDir,
      ATELIER_RATE_LIMIT: '0',
      ATELIER_WEB_DIR: join(dataDir, 'no-web'),
      ATELIER_LOG: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await waitForUrl(child);
    const demoShops = JSON.parse(await readFile(join(dataDir, 'demo-shops.json'), 'utf8')) as DemoShopKey[];
    const endpoints = JSON.parse(await readFile(join(dataDir, 'endpoints.json'), 'utf8')) as StoreConfig;
    return {
      url,
      demoShops,
      store: { ...endpoints, localCredentials: { ...LOCAL_CREDENTIALS } },
      pid: child.pid!,
      stop: async () => {
        if (child.exitCode === null) {
          const exited = new Promise((done) => child.once('exit', done));
          child.kill('SIGTERM');
          await exited;
        }
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
};
