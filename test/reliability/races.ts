// Races: many shops claim many open jobs at once over the socket. Every job must end with
// exactly one holder whose claim was the only 200, none may be left unclaimable (after the
// lease lapses another candidate can take each one over), and bursts of concurrent status
// updates must leave a legal history: forward only, one step at a time.
import { LEASE_MS } from '../../functions/domain/order-model.ts';
import type { HistoryEntry, Order } from '../../functions/domain/order.ts';
import { OFFER_WINDOW_MS, rankCandidates } from '../../functions/domain/routing.ts';
import type { Shop } from '../../functions/domain/shop.ts';
import { startTestServer } from '../support/api-server.ts';
import { apiOf, BERLIN, postOrder, quote, scanTable, type TestShop } from '../support/api-flow.ts';
import type { Reply } from '../support/http.ts';
import { StoreUnavailableError } from '../../functions/store/errors.ts';
import { pool, seeded, shuffle } from './pool.ts';
import { Findings, percentile, renderTally, since, tally, type ScenarioResult } from './report.ts';

export interface RaceOptions {
  shops: number;
  jobs: number;
  /** Shops that go for the same job at the same moment (default 10). */
  contenders?: number;
  /** Claims each shop has in flight at once. */
  concurrencyPerShop?: number;
  /** Jobs that then get bursts of concurrent status updates (default all, at most 200). */
  statusJobs?: number;
  seed?: number;
}

const FORWARD = ['PLACED', 'CLAIMED', 'PRINTING', 'PRINTED', 'SHIPPED', 'DELIVERED'];

/** Why a history is not legal, or undefined when it is. */
export const illegalHistory = (history: HistoryEntry[], holder: string | undefined): string | undefined => {
  if (history[0]?.state !== 'PLACED') return 'does not start with PLACED';
  for (let i = 1; i < history.length; i++) {
    const [a, b] = [history[i - 1], history[i]];
    if (b.at < a.at) return `goes back in time at ${i}`;
    const takeover = a.state === 'CLAIMED' && b.state === 'CLAIMED' && a.by !== b.by;
    if (!takeover && FORWARD.indexOf(b.state) !== FORWARD.indexOf(a.state) + 1) return `${a.state} → ${b.state} at ${i}`;
    if (FORWARD.indexOf(b.state) > 1 && b.by !== holder) return `${b.state} reported by ${b.by}, not the holder ${holder}`;
  }
  return undefined;
};

/** Shops spread on a spiral within 25 km of Berlin, so every one is a candidate for a Berlin job. */
const spiral = (i: number, count: number) => {
  const km = 1 + (24 * i) / count;
  const angle = i * 2.399963; // golden angle
  const lat = BERLIN.lat + (km * Math.cos(angle)) / 111.2;
  return { lat, lon: BERLIN.lon + (km * Math.sin(angle)) / (111.2 * Math.cos((lat * Math.PI) / 180)) };
};

export const runRaces = async (options: RaceOptions): Promise<ScenarioResult> => {
  const { shops: shopCount, jobs: jobCount, contenders = 10, concurrencyPerShop = 2, seed = 7 } = options;
  const statusJobs = options.statusJobs ?? Math.min(jobCount, 200);
  const f = new Findings('2 Races');
  const server = await startTestServer();
  const api = apiOf(server);
  const random = seeded(seed);
  try {
    // Prepare: shops, one quote offered to all of them, jobCount orders on it.
    const shops: TestShop[] = [];
    for (let i = 0; i < shopCount; i++) shops.push(await server.addShop({ id: `race-${String(i).padStart(3, '0')}`, name: `Race ${i}`, ...spiral(i, shopCount) }));
    const { body: q } = await quote(api);
    const stored = (await server.deps.stores.quotes.get(q.id, server.clock.now))!.quote;
    const all = (await Promise.all(shops.map((s) => server.deps.stores.shops.get(s.id)))) as Shop[];
    const size = { x: stored.dimensionsMm.x, y: stored.dimensionsMm.y, z: stored.dimensionsMm.z };
    // The API offers a job to the 5 nearest; ranking with a larger limit is what POST /quotes stores with that limit.
    const candidates = rankCandidates(all, BERLIN, { material: 'PLA', size }, { limit: shopCount });
    f.check(candidates.length === shopCount, `only ${candidates.length} of ${shopCount} shops are candidates`);
    await server.deps.stores.quotes.put({ ...stored, candidates });
    const placed = await pool(
      Array.from({ length: jobCount }, (_, i) => i),
      16,
      async (i) => (await postOrder(api, q.id, `race-job-${String(i).padStart(5, '0')}`)).body.id as string,
    );
    const jobs = [...new Set(placed)];
    f.check(jobs.length === jobCount, `${jobs.length} distinct jobs placed of ${jobCount}`);
    server.clock.advance((shopCount - 1) * OFFER_WINDOW_MS);

    // Race: all shops at once. The jobs are cut into as many slices as there are groups of
    // `contenders` shops; the shops of a group walk their slice in the same order, so each
    // job is fought over by `contenders` shops at the same moment.
    const common = shuffle(jobs, random);
    const groups = Math.ceil(shopCount / contenders);
    const claims: { shop: string; job: string; status: number; ms: number }[] = [];
    let overloaded = 0;
    const raceStarted = performance.now();
    await Promise.all(
      shops.map((shop, i) => {
        const g = i % groups;
        const mine = common.slice(Math.floor((g * jobs.length) / groups), Math.floor(((g + 1) * jobs.length) / groups));
        return pool(mine, concurrencyPerShop, async (job) => {
          const started = performance.now();
          let reply = await api('POST', `/shop/jobs/${job}/claim`, { key: shop.apiKey });
          // An overloaded server answers 503 with Retry-After (the store too slow on a busy
          // machine); a shop waits as told and claims again, as the agent does.
          for (let attempt = 1; reply.status === 503 && reply.headers.get('retry-after') && attempt < 10; attempt++) {
            overloaded++;
            await new Promise((resolve) => setTimeout(resolve, Number(reply.headers.get('retry-after')) * 1000));
            reply = await api('POST', `/shop/jobs/${job}/claim`, { key: shop.apiKey });
          }
          claims.push({ shop: shop.id, job, status: reply.status, ms: performance.now() - started });
        });
      }),
    );
    const raceMs = since(raceStarted);

    // 16 reads at a time, each repeated while the store is too slow to answer (a busy machine
    // slows the in-process dynalite down too): the oracle must get its facts, not give up.
    const readOne = async (id: string) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return (await server.deps.stores.orders.get(id))!.order;
        } catch (error) {
          if (!(error instanceof StoreUnavailableError) || attempt === 10) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    };
    const read = async () => new Map(await pool(jobs, 16, async (id) => [id, await readOne(id)] as const));
    let orders = await read();
    const wins = new Map<string, string[]>();
    for (const c of claims) if (c.status === 200) wins.set(c.job, [...(wins.get(c.job) ?? []), c.shop]);
    let doubleClaims = 0;
    let unclaimed = 0;
    let wrongWinner = 0;
    for (const [id, order] of orders) {
      const holder = order.claim?.shopId;
      const claimedEntries = order.history.filter((h) => h.state === 'CLAIMED');
      if (order.state !== 'CLAIMED' || !holder) {
        unclaimed++;
        f.fail(`job ${id} is ${order.state} after the race`);
        continue;
      }
      if (claimedEntries.length !== 1 || (wins.get(id) ?? []).length !== 1) {
        doubleClaims++;
        f.fail(`job ${id}: ${claimedEntries.length} CLAIMED entries, 200 to ${JSON.stringify(wins.get(id))}`);
      }
      if (claimedEntries[0]?.by !== holder || (wins.get(id) ?? [])[0] !== holder) {
        wrongWinner++;
        f.fail(`job ${id}: holder ${holder}, history says ${claimedEntries[0]?.by}, 200 went to ${JSON.stringify(wins.get(id))}`);
      }
    }
    const items = new Map((await scanTable(server)).filter((i) => i.PK.S?.startsWith('ORDER#')).map((i) => [i.PK.S!.slice(6), i]));
    let badIndex = 0;
    for (const [id, order] of orders) {
      const item = items.get(id);
      if (item?.GSI2PK?.S !== `SHOP#${order.claim?.shopId}` || !item?.GSI1PK?.S?.startsWith('OPEN#')) {
        badIndex++;
        f.fail(`job ${id}: index attributes ${item?.GSI1PK?.S} / ${item?.GSI2PK?.S} do not match holder ${order.claim?.shopId}`);
      }
    }
    const claimStatuses = tally(claims.map((c) => c.status));
    for (const status of Object.keys(claimStatuses)) f.check(status === '200' || status === '409', `claims answered ${status} ×${claimStatuses[status]}`);

    f.figure(`shops × open jobs (shops fighting over each job at once)`, `${shopCount} × ${jobs.length} (${Math.ceil(shopCount / groups)})`);
    f.figure('claim requests (final statuses; 503 + Retry-After answers waited out and sent again)', `${claims.length} (${renderTally(claimStatuses)}; ${overloaded} × 503 before)`);
    f.figure('claim latency p50 / p99', `${percentile(claims.map((c) => c.ms), 50).toFixed(0)} / ${percentile(claims.map((c) => c.ms), 99).toFixed(0)} ms`);
    f.figure('race duration / claims per second', `${(raceMs / 1000).toFixed(1)} s / ${Math.round((claims.length / raceMs) * 1000)}`);
    f.figure('jobs claimed twice (2 CLAIMED entries or 2 winners)', doubleClaims, '0');
    f.figure('200 claims not matching the final holder', wrongWinner, '0');
    f.figure('jobs left unclaimed after the race', unclaimed, '0');
    f.figure('index attributes not matching the holder', badIndex, '0');

    // Unclaimable? Once every lease lapses, another candidate must be able to take each job over.
    server.clock.advance(LEASE_MS + 1);
    const holders = new Map([...orders].map(([id, o]) => [id, o.claim?.shopId]));
    const takeoverBy = new Map(jobs.map((id, i) => [id, shops.find((s, k) => k >= i % shopCount && s.id !== holders.get(id)) ?? shops.find((s) => s.id !== holders.get(id))!]));
    const takeovers = await pool(jobs, 32, (id) => api('POST', `/shop/jobs/${id}/claim`, { key: takeoverBy.get(id)!.apiKey }));
    const stuck = takeovers.filter((r) => r.status !== 200).length;
    f.figure('jobs not claimable by another candidate once the lease lapsed', stuck, '0');
    f.check(stuck === 0, `${stuck} takeovers failed: ${renderTally(tally(takeovers.map((r) => r.status)))}`);

    // Concurrent status updates: the holder fires every step twice at once (and the old
    // holder and a third shop chime in) until the job is DELIVERED.
    const statusReplies: { who: string; status: number }[] = [];
    const bursted = jobs.slice(0, statusJobs);
    await pool(bursted, 16, async (id) => {
      const holder = takeoverBy.get(id)!;
      const former = shops.find((s) => s.id === holders.get(id))!;
      for (let round = 0; round < 6; round++) {
        const burst: Promise<[string, Reply]>[] = [];
        const step = (body: unknown) => api('POST', `/shop/jobs/${id}/status`, { key: holder.apiKey, body });
        for (const body of [{ status: 'PRINTING' }, { status: 'PRINTED' }, { status: 'SHIPPED', tracking: `TRACK-${id}` }, { status: 'DELIVERED' }]) {
          burst.push(step(body).then((r) => ['holder', r]), step(body).then((r) => ['holder', r]));
        }
        burst.push(api('POST', `/shop/jobs/${id}/status`, { key: former.apiKey, body: { status: 'PRINTING' } }).then((r) => ['former holder', r]));
        burst.push(api('POST', `/shop/jobs/${id}/claim`, { key: former.apiKey }).then((r) => ['former holder', r]));
        for (const [who, r] of await Promise.all(burst)) statusReplies.push({ who, status: r.status });
        if ((await server.deps.stores.orders.get(id))!.order.state === 'DELIVERED') break;
      }
    });
    orders = await read();
    let illegal = 0;
    let notDelivered = 0;
    for (const id of bursted) {
      const order: Order = orders.get(id)!;
      const why = illegalHistory(order.history, order.claim?.shopId);
      if (why) {
        illegal++;
        f.fail(`job ${id}: illegal history (${why}): ${order.history.map((h) => `${h.state}/${h.by ?? '-'}`).join(' ')}`);
      }
      if (order.state !== 'DELIVERED') notDelivered++;
    }
    const byWho = (who: string) => renderTally(tally(statusReplies.filter((r) => r.who === who).map((r) => r.status)));
    f.figure('concurrent status/claim requests: holder / former holder', `${byWho('holder')} / ${byWho('former holder')}`);
    f.check(statusReplies.every((r) => r.status < 500), '5xx during concurrent status updates');
    f.check(statusReplies.filter((r) => r.who === 'former holder').every((r) => r.status === 404 || r.status === 409), 'the former holder changed something');
    f.figure(`jobs with an illegal history (of ${bursted.length} given status bursts)`, illegal, '0');
    f.figure('jobs not DELIVERED after the bursts', notDelivered, '0');
    f.check(notDelivered === 0, `${notDelivered} jobs did not reach DELIVERED`);
    return f;
  } finally {
    await server.close();
  }
};
