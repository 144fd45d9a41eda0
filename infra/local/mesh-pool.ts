// The local host's mesh builder: cold builds run in a piscina worker-thread pool, off the
// event loop that answers HTTP and runs the in-process DynamoDB and S3 stand-ins. The queue
// is bounded and so is each client's share: past either, a quote is answered 503 with
// Retry-After at once instead of waiting behind a burst.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { unavailable } from '../../functions/api/problem.ts';
import type { MeshBuilder, MeshFiles } from '../../functions/designs/build-files.ts';
import type { MeshTask, WarmTask } from './mesh-worker.ts';

export interface MeshPoolOptions {
  /** Worker threads (default: one per CPU but one, at least one); one is started at once. */
  threads: number;
  /** Builds waiting for a thread, at most (default 8 per thread). */
  maxQueue: number;
  /** Quotes of new configurations one client may have in progress at once (lookup, build, upload; default 3). */
  perClient: number;
  /** A thread beyond the first stops after this long without work, returning its memory. */
  idleTimeoutMs: number;
}

export const defaultMeshPoolOptions = (): MeshPoolOptions => {
  const threads = Math.max(1, availableParallelism() - 1);
  return { threads, maxQueue: 8 * threads, perClient: 3, idleTimeoutMs: 30_000 };
};

export interface MeshPool {
  builder: Required<MeshBuilder>;
  /** Builds running or waiting, and how many were refused so far. */
  stats: () => { built: number; running: number; queued: number; refusedFull: number; refusedClient: number };
  /** Resolves once a worker thread is up with the kernel loaded (a worker starts in seconds on a busy machine). */
  ready: () => Promise<void>;
  close: () => Promise<void>;
}

const RETRY_AFTER_SECONDS = 1;

export const startMeshPool = (options: Partial<MeshPoolOptions> = {}): MeshPool => {
  const o = { ...defaultMeshPoolOptions(), ...options };
  const pool = new Piscina<MeshTask | WarmTask, MeshFiles | null>({
    filename: new URL('./mesh-worker.mjs', import.meta.url).href,
    minThreads: 1,
    maxThreads: o.threads,
    maxQueue: o.maxQueue,
    idleTimeout: o.idleTimeoutMs,
  });
  const perClient = new Map<string, number>();
  let running = 0;
  let built = 0;
  let refusedFull = 0;
  let refusedClient = 0;
  const busy = () => {
    refusedFull++;
    return unavailable(`The mesh builder has ${o.maxQueue} new designs waiting already. Retry shortly; repeating this request is safe.`, RETRY_AFTER_SECONDS);
  };

  const admit = (client: string) => {
    const held = perClient.get(client) ?? 0;
    if (held >= o.perClient) {
      refusedClient++;
      throw unavailable(`You have ${held} new designs being built already; wait for one of them first. Repeating this request is safe.`, RETRY_AFTER_SECONDS);
    }
  };

  const reserve = (client: string) => {
    admit(client);
    const held = perClient.get(client) ?? 0;
    perClient.set(client, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (perClient.get(client) ?? 1) - 1;
      if (left > 0) perClient.set(client, left);
      else perClient.delete(client);
    };
  };

  const build: MeshBuilder['build'] = async ({ design, params, hash }) => {
    if (pool.queueSize >= o.maxQueue) throw busy();
    running++;
    try {
      const files = await pool.run({ designId: design.id, params, hash });
      built++;
      return files!;
    } catch (error) {
      if (/queue is at limit/i.test((error as Error).message)) throw busy();
      throw error;
    } finally {
      running--;
    }
  };

  return {
    builder: { admit, reserve, build },
    stats: () => ({ built, running, queued: pool.queueSize, refusedFull, refusedClient }),
    ready: async () => {
      await pool.run({ warm: true });
    },
    close: () => pool.destroy(),
  };
};
