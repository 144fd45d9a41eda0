// Starts the real one-machine host (`npx tsx infra/local.ts`, what `npm start` runs after the
// web build) on a free port with a fresh data dir, and reads its URL and the demo shop keys.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface DemoShop {
  id: string;
  name: string;
  apiKey: string;
}

export interface LocalServer {
  url: string;
  dataDir: string;
  shops: DemoShop[];
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../../..');

export const startLocalServer = async ({ webDir, timeoutMs = 90_000 }: { webDir: string; timeoutMs?: number }): Promise<LocalServer> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-web-'));
  const child = spawn('npx', ['tsx', 'infra/local.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ATELIER_DATA_DIR: dataDir, ATELIER_WEB_DIR: webDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() ends npx, tsx and node together
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`local host did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Atelier is running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local host exited with ${code}:\n${output}`));
    });
  });
  const shops = JSON.parse(await readFile(join(dataDir, 'demo-shops.json'), 'utf8')) as DemoShop[];
  return { url, dataDir, shops, stop: () => stop(child, dataDir) };
};

const stop = async (child: ChildProcess, dataDir: string): Promise<void> => {
  if (child.exitCode === null && child.pid) {
    const exited = new Promise((done) => child.once('exit', done));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  await rm(dataDir, { recursive: true, force: true });
};
