// `npm run bench:burst`: 200 distinct cold quotes at the largest sizes in one burst, with
// /api/health polled throughout, against `npm start` in a child process (default rate limit
// on, so the burst is one client inside its limit). Prints replies by status, health latency
// p50 / p95 / max during the burst, the host's RSS before, at its peak, and a minute after.
// Targets (issue 16, finding 6): health p95 ≤ 50 ms; no reply but 201 or 503 with
// Retry-After; RSS back within 20 % of its pre-burst figure a minute later.
//   BURST_CLIENTS=20 spreads the burst over 20 source addresses (127.0.0.2…) to fill the queue.
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { catalogue, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import type { AnyDesign, Params } from '../../functions/designs/types.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { rawRequest } from '../support/raw-http.ts';
import { spawnLocalHost } from './api-host.ts';
import { largestParams } from '../../functions/designs/kit/largest-params.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const BURST = Number(process.env.BURST_QUOTES ?? 200);
const CLIENTS = Number(process.env.BURST_CLIENTS ?? 1);
const SETTLE_MS = Number(process.env.BURST_SETTLE_MS ?? 60_000);
const HEALTH_EVERY_MS = 20;
const LOCATION = { lat: 52.52, lon: 13.405 };

/** Up to `count` valid configurations of `design` at or just below its largest, all different. */
const nearLargest = (design: AnyDesign, count: number): Params[] => {
  const { params: top } = largestParams(design);
  const numeric = design.params.filter((p) => p.type === 'number');
  const out = new Map<string, Params>();
  for (let k = 0; out.size < count && k < 400; k++) {
    const candidate: Params = { ...top };
    // Walk down the number params in steps, mixed so each k gives another combination.
    numeric.forEach((spec, i) => {
      if (spec.type !== 'number') return;
      const steps = Math.floor(k / 3 ** i) % 3;
      candidate[spec.key] = Number((spec.max - steps * spec.step).toFixed(4));
    });
    const validation = validateParams(design, candidate);
    if (validation.ok) out.set(JSON.stringify(validation.params), validation.params);
  }
  return [...out.values()];
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
};
const rssMb = async (pid: number) => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
};

await prepareCatalogue();
const configurations = (() => {
  const perDesign = catalogue.map((d) => nearLargest(d, Math.ceil(BURST / catalogue.length) + 20).map((params) => ({ designId: d.id, params })));
  const all: { designId: string; params: Params }[] = [];
  for (let i = 0; all.length < BURST && perDesign.some((list) => i < list.length); i++) for (const list of perDesign) if (i < list.length && all.length < BURST) all.push(list[i]);
  return all;
})();
if (configurations.length < BURST) throw new Error(`only ${configurations.length} distinct largest-size configurations found`);

const host = await spawnLocalHost({ ATELIER_RATE_LIMIT: undefined });
try {
  // Warm-up: one quote (worker thread, WASM, connections), then let it settle.
  const warm = await rawRequest(host.url, { method: 'POST', path: '/api/quotes', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ designId: 'name-tag', params: {}, material: 'PLA', quantity: 1, location: LOCATION }) });
  if (warm.status !== 201) throw new Error(`warm-up quote: ${warm.status} ${warm.text}`);
  await sleep(3_000);
  const rssBefore = await rssMb(host.pid);

  let bursting = true;
  const health: number[] = [];
  const healthFailures: string[] = [];
  let peakRss = rssBefore;
  const poller = (async () => {
    while (bursting) {
      const started = performance.now();
      try {
        const reply = await rawRequest(host.url, { method: 'GET', path: '/api/health' }, false);
        health.push(performance.now() - started);
        if (reply.status !== 200) healthFailures.push(String(reply.status));
      } catch (error) {
        healthFailures.push((error as Error).message);
      }
      peakRss = Math.max(peakRss, await rssMb(host.pid));
      await sleep(HEALTH_EVERY_MS);
    }
  })();

  const started = performance.now();
  const replies = await Promise.all(
    configurations.map(async ({ designId, params }, i) => {
      try {
        const reply = await rawRequest(
          host.url,
          { method: 'POST', path: '/api/quotes', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ designId, params, material: 'PLA', quantity: 1, location: LOCATION }), localAddress: CLIENTS > 1 ? `127.0.0.${2 + (i % CLIENTS)}` : undefined },
          false,
        );
        return { status: reply.status, retryAfter: reply.headers['retry-after'], detail: reply.status >= 400 ? JSON.parse(reply.text).detail : '' };
      } catch (error) {
        return { status: 0, retryAfter: undefined, detail: (error as Error).message };
      }
    }),
  );
  const burstMs = performance.now() - started;
  await sleep(500);
  bursting = false;
  await poller;
  await sleep(SETTLE_MS);
  const rssAfter = await rssMb(host.pid);

  const byStatus = new Map<string, number>();
  for (const r of replies) {
    const key = r.status === 503 ? `503 (${r.retryAfter ? `Retry-After ${r.retryAfter}` : 'NO Retry-After'}; ${/being built already/.test(r.detail) ? 'client cap' : /waiting already/.test(r.detail) ? 'queue full' : r.detail})` : String(r.status);
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
  }
  const bad = replies.filter((r) => !(r.status === 201 || (r.status === 503 && r.retryAfter))).length;
  const p95 = percentile(health, 95);
  const rssChange = (rssAfter - rssBefore) / rssBefore;
  const row = (what: string, value: string, target = '', met?: boolean) => console.log(`| ${what} | ${value} | ${target} | ${met === undefined ? '' : met ? 'met' : '**missed**'} |`);
  console.log(`\nBurst of ${BURST} distinct cold quotes at the largest sizes from ${CLIENTS} client address(es); ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  console.log('| measure | value | target | |\n|---|---|---|---|');
  row('replies by status', [...byStatus].map(([k, n]) => `${k} × ${n}`).join('; '));
  row('replies other than 201 or 503 with Retry-After', String(bad), '0', bad === 0);
  row('burst duration (first sent → last answered)', `${(burstMs / 1000).toFixed(2)} s`);
  row(`/api/health during the burst (${health.length} polls, every ${HEALTH_EVERY_MS} ms): p50 / p95 / max`, `${percentile(health, 50).toFixed(1)} / ${p95.toFixed(1)} / ${Math.max(...health).toFixed(1)} ms`, 'p95 ≤ 50 ms', p95 <= 50);
  row('/api/health answers other than 200', String(healthFailures.length), '0', healthFailures.length === 0);
  row('host RSS before / peak / after', `${rssBefore.toFixed(0)} / ${peakRss.toFixed(0)} / ${rssAfter.toFixed(0)} MB (after = ${SETTLE_MS / 1000} s later)`);
  row('RSS after vs before', `${rssChange >= 0 ? '+' : ''}${(rssChange * 100).toFixed(1)} %`, 'within 20 %', Math.abs(rssChange) <= 0.2);
} finally {
  await host.stop();
}
