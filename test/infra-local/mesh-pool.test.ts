// The local host's mesh pool: cold builds run in worker threads and give the very files an
// inline build gives; the queue is bounded and each client holds at most a few builds, and a
// build refused for either reason is a 503 problem+json with Retry-After that stores nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiProblem } from '../../functions/api/problem.ts';
import { buildMeshFiles } from '../../functions/designs/build-files.ts';
import { findDesign, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import type { Params } from '../../functions/designs/types.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { contentHash } from '../../functions/mesh/hash.ts';
import { startLocalHost, type LocalHost } from '../../infra/local-host.ts';
import { startMeshPool, type MeshPool } from '../../infra/local/mesh-pool.ts';
import { createClients } from '../../functions/store/clients.ts';
import { snapshotTable } from '../support/api-flow.ts';

const planter = findDesign('planter')!;
const job = async (width: number, client = 'a') => {
  const validation = validateParams(planter, { width });
  if (!validation.ok) throw new Error(`width ${width} is not valid`);
  const params: Params = validation.params;
  return { design: planter, params, hash: await contentHash(planter.id, planter.version, params), client };
};
const outcome = (result: PromiseSettledResult<unknown>) =>
  result.status === 'fulfilled' ? 'built' : result.reason instanceof ApiProblem ? `${result.reason.status} retry ${result.reason.headers['Retry-After']}` : `error ${result.reason}`;

describe('mesh pool', () => {
  let pool: MeshPool;
  beforeAll(async () => {
    await prepareCatalogue();
    pool = startMeshPool({ threads: 1, maxQueue: 8, perClient: 3 });
  });
  afterAll(() => pool.close());

  it('builds in a worker the same files as an inline build', async () => {
    const task = await job(120);
    const [pooled, inline] = await Promise.all([pool.builder.build(task), buildMeshFiles(task.design, task.params, task.hash)]);
    expect(pooled.sha256).toEqual(inline.sha256);
    expect(Buffer.from(pooled.files['3mf']).equals(Buffer.from(inline.files['3mf']))).toBe(true);
    expect(pooled.measurements).toEqual(inline.measurements);
  });

  it('refuses a client its fourth new configuration at once, and others still get theirs', async () => {
    const tasks = [...(await Promise.all([60, 70, 80, 90].map((w) => job(w, 'greedy')))), await job(100, 'other')];
    const results = await Promise.allSettled(
      tasks.map(async (t) => {
        const release = pool.builder.reserve(t.client);
        try {
          return await pool.builder.build(t);
        } finally {
          release();
        }
      }),
    );
    expect(results.map(outcome)).toEqual(['built', 'built', 'built', '503 retry 1', 'built']);
    expect(pool.stats().refusedClient).toBe(1);
    // Slots come back once the builds are done.
    pool.builder.reserve('greedy')();
  });

  it('refuses with 503 + Retry-After once the queue is full, instead of queueing without end', async () => {
    const small = startMeshPool({ threads: 1, maxQueue: 2, perClient: 10 });
    const tasks = await Promise.all([60, 70, 80, 90, 100, 110].map((w, i) => job(w, `client-${i}`)));
    const results = await Promise.allSettled(tasks.map((t) => small.builder.build(t)));
    const stats = small.stats();
    await small.close();
    const outcomes = results.map(outcome);
    // One thread and a queue of two: everything past what the thread and the queue hold is refused.
    expect(outcomes.filter((o) => o === 'built').length).toBeLessThanOrEqual(3);
    expect(outcomes.filter((o) => o === '503 retry 1').length).toBeGreaterThanOrEqual(3);
    expect(outcomes.every((o) => o === 'built' || o === '503 retry 1')).toBe(true);
    expect(stats).toMatchObject({ running: 0, queued: 0 });
    expect(stats.refusedFull).toBe(outcomes.filter((o) => o !== 'built').length);
  });
});

describe('quotes on the local host go through the pool', () => {
  let dataDir: string;
  let host: LocalHost;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-pool-'));
    // No client may hold any cold build: every new configuration is refused.
    host = await startLocalHost({ port: 0, dataDir, webDir: dataDir, meshPool: { perClient: 0 } });
  });
  afterAll(async () => {
    await host?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a refused cold build with 503 problem+json and Retry-After, and stores nothing', async () => {
    const clients = createClients(host.config);
    const table = () => snapshotTable({ stack: { clients, config: host.config } } as never);
    const before = await table();
    const response = await fetch(`${host.url}/api/quotes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ designId: 'planter', params: { width: 130 }, material: 'PLA', quantity: 1, location: { lat: 52.52, lon: 13.405 } }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('retry-after')).toBe('1');
    expect(((await response.json()) as { detail: string }).detail).toMatch(/being built already/);
    expect(host.meshPool.stats().refusedClient).toBe(1);
    const after = await table();
    clients.dynamo.destroy();
    clients.s3.destroy();
    expect([...after.keys()].filter((k) => !before.has(k))).toEqual([]);
  });
});
