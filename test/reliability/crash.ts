// Crash: the local host (`npx tsx infra/local.ts`, what `npm start` runs) takes a sustained
// load of quotes and orders with Idempotency-Keys and is SIGKILLed in the middle of it, then
// started again on the same data directory and port. Every order that got a 201 (or a 200
// replay) must be there, intact; requests whose replies were lost are retried with their
// keys and must resolve to exactly one order each; no manual repair is needed to restart.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { call } from '../support/http.ts';
import { freePort, startLocalProcess, type LocalProcess } from '../support/local-process.ts';
import { pool } from './pool.ts';
import { Findings, percentile, renderTally, tally, type ScenarioResult } from './report.ts';

export interface CrashOptions {
  /** Kill–restart cycles (default 1). */
  cycles?: number;
  /** Load before each kill, ms. */
  loadMs: number;
  /** Concurrent clients. */
  workers?: number;
}

interface Acked {
  key: string;
  quoteId: string;
  id: string;
  token: string;
  order: unknown;
}

const TEXTS = ['ADA', 'BOB', 'CY', 'DEE', 'EVE', 'FAY'];
const BERLIN = { lat: 52.52, lon: 13.405 };
const DELIVERY = { name: 'Crash Tester', line1: 'Absturzweg 3', postalCode: '10117', city: 'Berlin', country: 'DE' };

export const runCrash = async (options: CrashOptions): Promise<ScenarioResult> => {
  const { cycles = 1, loadMs, workers = 6 } = options;
  const f = new Findings('3 Crash');
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-crash-'));
  const port = await freePort();
  // The host's own per-client limit (200/s) would answer some of this single-client load with 429.
  const env = { ATELIER_RATE_LIMIT: '0' };
  let host: LocalProcess | undefined;
  try {
    const first = await startLocalProcess({ dataDir, port, env });
    host = first;
    f.figure('first start to healthy (npx tsx, fresh data dir)', `${(first.readyMs / 1000).toFixed(1)} s`);
    const acked: Acked[] = [];
    const lost: { key: string; quoteId: string }[] = [];
    const restartMs: number[] = [];
    const killedDuring: number[] = [];
    let seq = 0;

    for (let cycle = 0; cycle < cycles; cycle++) {
      const url = host.url;
      let stop = false;
      let inFlight = 0;
      const worker = async (w: number) => {
        while (!stop) {
          const key = `crash-${cycle}-${w}-${String(seq++).padStart(6, '0')}`;
          let quoteId: string | undefined;
          try {
            const q = await call(url, 'POST', '/api/quotes', { body: { designId: 'name-tag', params: { text: TEXTS[seq % TEXTS.length] }, material: 'PLA', quantity: 1, location: BERLIN } });
            if (q.status !== 201) throw new Error(`quote ${q.status}`);
            quoteId = q.body.id as string;
            inFlight++;
            const o = await call(url, 'POST', '/api/orders', { body: { quoteId, delivery: DELIVERY }, headers: { 'idempotency-key': key } }).finally(() => inFlight--);
            if (o.status === 201 || o.status === 200) acked.push({ key, quoteId, id: o.body.id, token: o.body.token, order: o.body.order });
            // Overloaded (a busy machine): the write may or may not have landed; retried with its key after the restart.
            else if (o.status === 503 && o.headers.get('retry-after')) lost.push({ key, quoteId });
            else f.fail(`order answered ${o.status} before the crash: ${JSON.stringify(o.body)}`);
          } catch {
            // The server died under us: the reply (if any) is lost. Retried after the restart.
            if (quoteId) lost.push({ key, quoteId });
            if (stop) return;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
      };
      const load = Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
      await new Promise((resolve) => setTimeout(resolve, loadMs));
      killedDuring.push(inFlight);
      await host.kill();
      stop = true;
      await load;

      const next = await startLocalProcess({ dataDir, port, env });
      host = next;
      restartMs.push(next.readyMs);
    }

    // Every acknowledged order is there, exactly as acknowledged.
    const url = host.url;
    let missing = 0;
    let changed = 0;
    await pool(acked, 16, async (a) => {
      const r = await call(url, 'GET', `/api/orders/${a.id}`, { token: a.token });
      if (r.status !== 200) {
        missing++;
        f.fail(`acknowledged order ${a.id} (${a.key}) answers ${r.status} after the restart`);
      } else if (!isDeepStrictEqual(r.body, a.order)) {
        changed++;
        f.fail(`order ${a.id} differs after the restart: ${JSON.stringify(r.body).slice(0, 200)} vs ${JSON.stringify(a.order).slice(0, 200)}`);
      }
    });
    // Lost replies: the client retries with the same key, and gets the one order.
    const retried = await pool(lost, 8, (l) => call(url, 'POST', '/api/orders', { body: { quoteId: l.quoteId, delivery: DELIVERY }, headers: { 'idempotency-key': l.key } }));
    const retriedStatuses = tally(retried.map((r) => r.status));
    f.check(retried.every((r) => r.status === 200 || r.status === 201), `retries of lost requests answered ${renderTally(retriedStatuses)}`);
    const again = await pool(lost, 8, (l) => call(url, 'POST', '/api/orders', { body: { quoteId: l.quoteId, delivery: DELIVERY }, headers: { 'idempotency-key': l.key } }));
    const unstable = again.filter((r, i) => r.body.id !== retried[i].body.id || r.status !== 200).length;
    f.check(unstable === 0, `${unstable} lost requests did not settle on one order`);
    // The demo shops (seeded once, keys in the data dir) still work and see the jobs.
    const shops = (await import(join(dataDir, 'demo-shops.json'), { with: { type: 'json' } })).default as { apiKey: string }[];
    const polled = await call(url, 'GET', '/api/shop/jobs', { key: shops[0].apiKey });
    f.check(polled.status === 200 && polled.body.jobs.length > 0, `a demo shop's poll after the restart answered ${polled.status} with ${polled.body.jobs?.length} jobs`);
    // Restart errors: anything the host printed on stderr-like lines besides its banner.
    const errors = host.output().split('\n').filter((line) => /"level":"error"|Error|EADDRINUSE|LOCK/.test(line));
    f.check(errors.length === 0, `the restarted host logged errors: ${errors.slice(0, 3).join(' | ')}`);

    f.figure('kill–restart cycles (SIGKILL to the whole process tree)', cycles);
    f.figure(`orders acknowledged (201/200) under load (${workers} clients, ${loadMs} ms per cycle)`, acked.length);
    f.figure('order requests in flight at each kill', killedDuring.join(', '));
    f.figure('acknowledged orders missing after restart', missing, '0');
    f.figure('acknowledged orders changed after restart', changed, '0');
    f.figure('unacknowledged (reply lost) orders, retried with their key', `${lost.length}: ${renderTally(retriedStatuses)} (200 = it had been stored before the kill)`);
    f.figure('restart to healthy, same data dir (max)', `${(Math.max(...restartMs) / 1000).toFixed(1)} s (p50 ${(percentile(restartMs, 50) / 1000).toFixed(1)} s)`);
    f.figure('manual repair needed to restart', 0, '0');
    return f;
  } finally {
    await host?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};
