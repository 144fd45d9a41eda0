// Runs `npx tsx infra/local.ts` (what `npm start` runs after building the web app) as a child
// process in its own process group, so a test can SIGKILL the whole tree (npx, tsx, node)
// mid-load and start it again on the same data directory and port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface LocalProcess {
  url: string;
  pid: number;
  /** Everything the process wrote to stdout and stderr. */
  output: () => string;
  /** SIGKILL to the process group: no shutdown handler runs. */
  kill: () => Promise<void>;
  /** SIGTERM, the graceful stop (Ctrl-C path). */
  stop: () => Promise<void>;
}

/** A port that was free a moment ago. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

/** Polls GET /api/health until it answers 200; returns the milliseconds it took. */
export const waitHealthy = async (url: string, timeoutMs: number, alive: () => boolean): Promise<number> => {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (!alive()) throw new Error('the local host exited before it became healthy');
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the local host did not become healthy within ${timeoutMs} ms`);
};

/**
 * Starts the local host and waits until it is healthy.
 * @example const host = await startLocalProcess({ dataDir, port }); … await host.kill();
 */
export const startLocalProcess = async (options: { dataDir: string; port: number; env?: Record<string, string>; timeoutMs?: number }): Promise<LocalProcess & { readyMs: number }> => {
  const chunks: string[] = [];
  const child = spawn('npx', ['tsx', 'infra/local.ts'], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(options.port),
      ATELIER_DATA_DIR: options.dataDir,
      ATELIER_WEB_DIR: `${options.dataDir}/no-web`,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      npm_config_loglevel: 'error',
      ...options.env,
    },
  });
  child.stdout!.on('data', (d: Buffer) => chunks.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => chunks.push(d.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const alive = () => child.exitCode === null && child.signalCode === null;
  const signalGroup = async (signal: NodeJS.Signals) => {
    if (!alive()) return;
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
    await exited(child);
  };
  let readyMs: number;
  try {
    readyMs = await waitHealthy(url, options.timeoutMs ?? 60_000, alive);
  } catch (error) {
    await signalGroup('SIGKILL');
    throw new Error(`${(error as Error).message}\n${chunks.join('')}`);
  }
  return { url, pid: child.pid!, readyMs, output: () => chunks.join(''), kill: () => signalGroup('SIGKILL'), stop: () => signalGroup('SIGTERM') };
};
