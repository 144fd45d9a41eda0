// What counts as held: CLAIMED, PRINTING and PRINTED are work still to do and count towards
// maxOpenJobs; SHIPPED and DELIVERED are done, whether or not the API still lists them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, ShopJob } from '../../functions/agent/api-client.ts';
import type { AgentConfig } from '../../functions/agent/config.ts';
import { ApiError } from '../../functions/agent/errors.ts';
import { formatRound } from '../../functions/agent/format.ts';
import { createOutput } from '../../functions/agent/output.ts';
import { OPEN_WORK_STATES, ShopAgent } from '../../functions/agent/shop-agent.ts';
import type { OrderState } from '../../functions/domain/order-model.ts';
import { captureSink, instantSleep } from '../support/agent-harness.ts';

const job = (id: string, state: OrderState, claimedByYou: boolean): ShopJob => ({
  id,
  state,
  designId: 'name-tag',
  params: { text: id },
  hash: 'h'.repeat(64),
  material: 'PLA',
  quantity: 1,
  dimensionsMm: { x: 60, y: 20, z: 4 },
  weightGrams: 5,
  printSeconds: 600,
  colours: [],
  parts: [],
  distanceKm: 1.5,
  offeredAt: 0,
  claimedByYou,
  leaseUntil: claimedByYou ? Date.now() + 600_000 : null,
  progress: null,
  sliced: null,
  delivery: null,
  tracking: state === 'SHIPPED' || state === 'DELIVERED' ? 'DHL 1' : null,
  placedAt: 0,
  updatedAt: 0,
});

/** An API that lists `jobs` and records calls; it has no files (a non-retryable 410, reported as the job's problem). */
function stubApi(jobs: ShopJob[]) {
  const calls: string[] = [];
  const api: ApiClient = {
    listJobs: async () => jobs,
    getJob: async (id) => jobs.find((j) => j.id === id)!,
    claim: async (id) => {
      calls.push(`claim ${id}`);
      return { ...jobs.find((j) => j.id === id)!, state: 'CLAIMED', claimedByYou: true };
    },
    heartbeat: async (id) => {
      calls.push(`heartbeat ${id}`);
      return jobs.find((j) => j.id === id)!;
    },
    setStatus: async () => {
      throw new Error('not in this test');
    },
    reject: async () => {
      throw new Error('not in this test');
    },
    files: async (id) => {
      calls.push(`files ${id}`);
      throw new ApiError(410, 'Gone', 'no files in this test');
    },
  };
  return { api, calls };
}

describe('open work and maxOpenJobs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-open-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const agentWith = (jobs: ShopJob[], maxOpenJobs: number) => {
    const config: AgentConfig = {
      apiUrl: 'http://127.0.0.1:1',
      shopKey: 'ak_test',
      materials: ['PLA'],
      buildVolume: { x: 250, y: 210, z: 210 },
      pollSeconds: 30,
      autoClaim: true,
      maxOpenJobs,
      downloadDir: dir,
      printer: null,
      slicer: null,
      storageOrigin: null,
      start: false,
      once: false,
    };
    const { api, calls } = stubApi(jobs);
    const agent = new ShopAgent(config, { api, printer: null, out: createOutput(captureSink()), sleep: instantSleep().sleep, random: () => 0.5 });
    return { calls, round: () => agent.round(new AbortController().signal) };
  };

  it('counts CLAIMED, PRINTING and PRINTED as open work', () => {
    expect(OPEN_WORK_STATES).toEqual(['CLAIMED', 'PRINTING', 'PRINTED']);
  });

  it('does not count SHIPPED or DELIVERED jobs towards maxOpenJobs, nor as held', async () => {
    const jobs = [job('shipped', 'SHIPPED', true), job('delivered', 'DELIVERED', true), job('printed', 'PRINTED', true), job('new-1', 'PLACED', false), job('new-2', 'PLACED', false)];
    const { round, calls } = agentWith(jobs, 2);

    const report = await round();

    expect(report.held).toBe(1); // only the PRINTED job is work still to do
    expect(report.claimed).toEqual(['new-1']); // one slot left of two
    expect(report.deferred).toEqual(['new-2']);
    expect(report.holding).toBe(2);
    expect(calls).toEqual(['claim new-1', 'files new-1']); // the claimed job's lease is fresh; finished jobs are left alone
    expect(formatRound(report, 0)).toMatch(/2 offered, 1 held · claimed new-1 · 1 left for later \(holding the most jobs allowed\) · now holding 2/);
  });

  it('a PRINTED job still takes a slot: with maxOpenJobs 1 nothing more is claimed', async () => {
    const { round, calls } = agentWith([job('printed', 'PRINTED', true), job('new-1', 'PLACED', false)], 1);
    const report = await round();
    expect(report).toMatchObject({ held: 1, holding: 1, claimed: [], deferred: ['new-1'] });
    expect(calls).toEqual([]); // neither claimed nor touched: PRINTED is past the agent's part
  });

  it('with only finished jobs listed, it claims up to the limit', async () => {
    const { round, calls } = agentWith([job('s1', 'SHIPPED', true), job('d1', 'DELIVERED', true), job('new-1', 'PLACED', false)], 1);
    expect(await round()).toMatchObject({ held: 0, holding: 1, claimed: ['new-1'], deferred: [] });
    expect(calls).toEqual(['claim new-1', 'files new-1']);
  });
});
