// `npm run bench:api`: throughput and latency of the HTTP API on the one-machine host.
//
// Measures (1) shop polls (GET /api/shop/jobs with a demo shop key, ~20 open orders near the
// demo city placed first), (2) quotes cold (every request a new configuration, so the mesh is
// built, measured and uploaded) and cached (one configuration repeated), (3) the server time
// of a cached quote, read from the Server-Timing header the access log adds, and (4) polls
// spread over a fleet of 1000 shops in the same city. Polls reuse index reads for a second
// (OrderStore's INDEX_CACHE_MS): one shop polling flat out hits that cache almost always,
// while a fleet shares the open orders of its cell but mostly misses its own held-jobs list,
// so (4) is the figure for many shops polling at a sane rate.
//
// Why a child process: these machines have 2 cores. In one process autocannon's load
// generation and response parsing would share the one event loop with the server (and with
// dynalite and s3rver, which the local host runs in its own process), so the load generator
// would eat the very CPU it measures. As a child, the host runs exactly as `npm start` runs
// it, on one core, and autocannon has the other.
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon, { type Result } from 'autocannon';
import { DEMO_SHOPS } from '../../infra/demo-shops.ts';
import { registerFleet } from './api-fleet.ts';
import { spawnLocalHost, type BenchHost } from './api-host.ts';

// Node 20 is what these machines run; the SDK's notice about its future Node 22 floor is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const TARGET_POLLS_PER_S = 500;
const TARGET_POLL_P99_MS = 50;
const TARGET_CACHED_QUOTE_SERVER_MS = 10;

const OPEN_ORDERS = 20;
const CONNECTIONS = 10;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const COLD_QUOTES = Number(process.env.BENCH_COLD_QUOTES ?? 24);
const SERVER_TIME_SAMPLES = 300;
const FLEET_SHOPS = Number(process.env.BENCH_FLEET ?? 1000);

const POLLING_SHOP = DEMO_SHOPS[0];
/** Customers around the polling shop, so it is the nearest candidate of every order. */
const customerNear = (i: number) => ({ lat: POLLING_SHOP.lat + ((i % 5) - 2) * 0.002, lon: POLLING_SHOP.lon + (Math.floor(i / 5) - 2) * 0.003 });

const CACHED_QUOTE = { designId: 'name-tag', params: { text: 'ATELIER' }, material: 'PLA', quantity: 1, location: customerNear(0) };

/** A configuration no earlier request asked for: a fresh name on the tag. */
const coldQuote = (run: string, i: number) => ({ ...CACHED_QUOTE, params: { text: `${run}${i.toString(36).toUpperCase()}` } });

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = (await response.json()) as Record<string, any>;
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
};

const serverMs = (headers: Record<string, string | string[]> | Headers): number | undefined => {
  const value = headers instanceof Headers ? headers.get('server-timing') : Object.entries(headers).find(([k]) => k.toLowerCase() === 'server-timing')?.[1];
  const match = /dur=([\d.]+)/.exec(String(value ?? ''));
  return match ? Number(match[1]) : undefined;
};

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const checkClean = (label: string, result: Result) => {
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(`${label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`);
  }
};

const seedOpenOrders = async (host: BenchHost, key: string): Promise<number> => {
  for (let i = 0; i < OPEN_ORDERS; i++) {
    const quote = await post(`${host.url}/api/quotes`, { ...CACHED_QUOTE, location: customerNear(i) });
    const delivery = { name: `Bench Customer ${i}`, line1: 'Torstraße 1', postalCode: '10119', city: 'Berlin', country: 'DE' };
    await post(`${host.url}/api/orders`, { quoteId: quote.id, delivery }, { 'idempotency-key': `bench-order-${i.toString().padStart(4, '0')}` });
  }
  const polled = (await (await fetch(`${host.url}/api/shop/jobs`, { headers: { authorization: `Bearer ${key}` } })).json()) as { jobs: unknown[] };
  return polled.jobs.length;
};

const measurePolls = async (host: BenchHost, key: string) => {
  const options = { url: `${host.url}/api/shop/jobs`, connections: CONNECTIONS, headers: { authorization: `Bearer ${key}` } };
  checkClean('poll warm-up', await autocannon({ ...options, duration: 2 }));
  const result = await autocannon({ ...options, duration: DURATION_S });
  checkClean('polls', result);
  return result;
};

/** Every request from the next shop of the fleet, round robin. */
const measureFleetPolls = async (host: BenchHost, keys: string[]) => {
  let next = 0;
  const result = await autocannon({
    url: `${host.url}/api/shop/jobs`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${keys[next++ % keys.length]}` } }) }],
  });
  checkClean('fleet polls', result);
  return result;
};

const measureCachedQuotes = async (host: BenchHost) => {
  const underLoad: number[] = [];
  const result = await autocannon({
    url: `${host.url}/api/quotes`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(CACHED_QUOTE),
        onResponse: (_status, _body, _context, headers) => {
          const ms = serverMs(headers);
          if (ms !== undefined) underLoad.push(ms);
        },
      },
    ],
  });
  checkClean('cached quotes', result);
  return { result, underLoad };
};

/** One request at a time, so the figure is the work of one quote, not time spent queued. */
const measureCachedQuoteServerTime = async (host: BenchHost) => {
  const samples: number[] = [];
  for (let i = 0; i < SERVER_TIME_SAMPLES; i++) {
    const response = await fetch(`${host.url}/api/quotes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CACHED_QUOTE) });
    await response.arrayBuffer();
    const ms = serverMs(response.headers);
    if (response.status !== 201 || ms === undefined) throw new Error(`cached quote: ${response.status}, Server-Timing ${response.headers.get('server-timing')}`);
    samples.push(ms);
  }
  return samples;
};

const measureColdQuotes = async (host: BenchHost) => {
  const run = `C${Date.now().toString(36).slice(-3).toUpperCase()}`;
  let next = 0;
  const serverTimes: number[] = [];
  const result = await autocannon({
    url: `${host.url}/api/quotes`,
    // Mesh building is CPU-bound on the host's one event loop; more connections only queue.
    connections: 2,
    amount: COLD_QUOTES,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(coldQuote(run, next++)) }),
        onResponse: (_status, _body, _context, headers) => {
          const ms = serverMs(headers);
          if (ms !== undefined) serverTimes.push(ms);
        },
      },
    ],
  });
  checkClean('cold quotes', result);
  return { result, serverTimes };
};

/**
 * CPU time the host process (API, dynalite and s3rver together) has used, ms, from
 * /proc/<pid>/stat (utime + stime in clock ticks of 10 ms on Linux).
 */
const hostCpuMs = async (pid: number): Promise<number> => {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

/** Runs a measurement and adds the host's CPU time per request it served. */
const withCpu = async <T extends { result: Result }>(host: BenchHost, run: () => Promise<T>): Promise<T & { cpuMsPerRequest: number }> => {
  const before = await hostCpuMs(host.pid);
  const measured = await run();
  return { ...measured, cpuMsPerRequest: ((await hostCpuMs(host.pid)) - before) / measured.result.requests.total };
};

const fmt = (n: number, digits = 1) => n.toFixed(digits);

const printTable = (rows: [string, string, string, string, string][]) => {
  const header: [string, string, string, string, string] = ['measure', 'figure', 'target', 'figure ÷ target', 'meets'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
};

const main = async () => {
  const started = performance.now();
  const host = await spawnLocalHost();
  try {
    const key = host.demoShops.find((s) => s.id === POLLING_SHOP.id)?.apiKey;
    if (!key) throw new Error(`demo shop ${POLLING_SHOP.id} has no key`);
    const visible = await seedOpenOrders(host, key);
    console.log(`local host pid ${host.pid} at ${host.url}; ${visible} open orders visible to ${POLLING_SHOP.name}; ${CONNECTIONS} connections, ${DURATION_S} s per run`);

    const polls = await withCpu(host, async () => ({ result: await measurePolls(host, key) }));
    const cached = await withCpu(host, () => measureCachedQuotes(host));
    const serverTime = await measureCachedQuoteServerTime(host);
    const cold = await withCpu(host, () => measureColdQuotes(host));
    // Last: the fleet's shops would also be priced by every quote measured above.
    const fleetKeys = await registerFleet(host.store, FLEET_SHOPS, POLLING_SHOP);
    const fleet = await withCpu(host, async () => ({ result: await measureFleetPolls(host, fleetKeys) }));

    const pollRate = polls.result.requests.average;
    const coldRate = cold.result.requests.total / cold.result.duration;
    const st50 = percentile(serverTime, 50);
    const st99 = percentile(serverTime, 99);
    const ok = (pass: boolean) => (pass ? 'yes' : 'NO');
    console.log('');
    printTable([
      ['shop polls / s', fmt(pollRate, 0), `≥ ${TARGET_POLLS_PER_S}`, fmt(pollRate / TARGET_POLLS_PER_S, 2), ok(pollRate >= TARGET_POLLS_PER_S)],
      ['poll latency p50 (ms)', fmt(polls.result.latency.p50), '', '', ''],
      ['poll latency p99 (ms)', fmt(polls.result.latency.p99), `≤ ${TARGET_POLL_P99_MS}`, fmt(polls.result.latency.p99 / TARGET_POLL_P99_MS, 2), ok(polls.result.latency.p99 <= TARGET_POLL_P99_MS)],
      ['host CPU per poll (ms) → polls/s per free core', `${fmt(polls.cpuMsPerRequest, 2)} → ${fmt(1000 / polls.cpuMsPerRequest, 0)}`, '', '', ''],
      [`fleet polls / s (${FLEET_SHOPS} shops, round robin)`, fmt(fleet.result.requests.average, 0), `≥ ${TARGET_POLLS_PER_S}`, fmt(fleet.result.requests.average / TARGET_POLLS_PER_S, 2), ok(fleet.result.requests.average >= TARGET_POLLS_PER_S)],
      ['fleet poll latency p50 (ms)', fmt(fleet.result.latency.p50), '', '', ''],
      ['fleet poll latency p99 (ms)', fmt(fleet.result.latency.p99), `≤ ${TARGET_POLL_P99_MS}`, fmt(fleet.result.latency.p99 / TARGET_POLL_P99_MS, 2), ok(fleet.result.latency.p99 <= TARGET_POLL_P99_MS)],
      ['host CPU per fleet poll (ms) → polls/s per free core', `${fmt(fleet.cpuMsPerRequest, 2)} → ${fmt(1000 / fleet.cpuMsPerRequest, 0)}`, '', '', ''],
      ['cached quotes / s', fmt(cached.result.requests.average, 0), '', '', ''],
      ['host CPU per cached quote (ms)', fmt(cached.cpuMsPerRequest, 2), '', '', ''],
      ['cached quote latency p50 / p99 (ms)', `${fmt(cached.result.latency.p50)} / ${fmt(cached.result.latency.p99)}`, '', '', ''],
      ['cached quote server time p50 (ms)', fmt(st50), `≤ ${TARGET_CACHED_QUOTE_SERVER_MS}`, fmt(st50 / TARGET_CACHED_QUOTE_SERVER_MS, 2), ok(st50 <= TARGET_CACHED_QUOTE_SERVER_MS)],
      ['cached quote server time p99 (ms)', fmt(st99), '', '', ''],
      ['cached quote server time under load p50 (ms)', fmt(percentile(cached.underLoad, 50)), '', '', ''],
      ['cold quotes / s (2 connections)', fmt(coldRate, 1), '', '', ''],
      ['cold quote latency p50 / p99 (ms)', `${fmt(cold.result.latency.p50, 0)} / ${fmt(cold.result.latency.p99, 0)}`, '', '', ''],
      ['cold quote server time p50 (ms)', fmt(percentile(cold.serverTimes, 50), 0), '', '', ''],
      ['host CPU per cold quote (ms)', fmt(cold.cpuMsPerRequest, 0), '', '', ''],
    ]);
    console.log(`\nhost CPU: /proc/<pid>/stat of the host process (API + dynalite + s3rver), per request served; the machine is shared, so rates depend on its load (now ${loadavg()[0].toFixed(1)} on ${cpus().length} cores) while CPU per request does not.`);
    console.log(`server time: Server-Timing app;dur, ${SERVER_TIME_SAMPLES} sequential cached quotes; cold: ${COLD_QUOTES} distinct name tags. Total ${fmt((performance.now() - started) / 1000, 0)} s.`);
  } finally {
    // autocannon drops its connections at the end with requests still being served; the
    // local host's close() does not wait for them and closes dynalite under them, so let
    // them finish first.
    await sleep(500);
    await host.stop();
  }
};

await main();
