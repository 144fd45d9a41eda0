// Retries: clients repeat requests whose replies they did not see. Order POSTs are retried
// with the same Idempotency-Key (some attempts abandoned mid-flight, as a timed-out client
// would), and must yield exactly one order per key; retried claims, status updates,
// heartbeats and erasures must leave the same final state and no duplicate history entries.
import { startTestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, orderItems, placeOrder, postOrder, quote } from '../support/api-flow.ts';
import { call } from '../support/http.ts';
import { pool, seeded, shuffle } from './pool.ts';
import { Findings, renderTally, since, tally, type ScenarioResult } from './report.ts';

export interface RetryOptions {
  keys: number;
  attemptsPerKey: number;
  /** Share of attempts abandoned by the client after 0-30 ms (default 0.1). */
  abandonShare?: number;
  /** Jobs whose claim and status updates are retried (default 10). */
  jobs?: number;
  seed?: number;
}

export const runRetries = async (options: RetryOptions): Promise<ScenarioResult> => {
  const { keys, attemptsPerKey, abandonShare = 0.1, jobs = 10, seed = 11 } = options;
  const f = new Findings('4 Retries');
  const server = await startTestServer();
  const api = apiOf(server);
  const random = seeded(seed);
  try {
    const [shop] = await addShopsNearBerlin(server, 2, 'retry');
    const { body: q } = await quote(api);
    const delivery = { name: 'Retry Tester', line1: 'Wiederholweg 2', postalCode: '10117', city: 'Berlin', country: 'DE' };

    // 1. Many attempts per key, interleaved, some abandoned before the reply.
    const attempts = shuffle(
      Array.from({ length: keys * attemptsPerKey }, (_, i) => ({ key: `retry-key-${String(i % keys).padStart(5, '0')}`, abandon: random() < abandonShare, after: random() * 30 })),
      random,
    );
    const started = performance.now();
    const replies = await pool(attempts, 32, async (a) => {
      const controller = new AbortController();
      const timer = a.abandon ? setTimeout(() => controller.abort(), a.after) : undefined;
      try {
        const response = await fetch(`${server.url}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': a.key },
          body: JSON.stringify({ quoteId: q.id, delivery }),
          signal: controller.signal,
        });
        const body = await response.json();
        return { key: a.key, status: response.status, id: body.id as string, token: body.token as string, retryAfter: response.headers.get('retry-after') };
      } catch {
        return { key: a.key, status: 0, id: '', token: '', retryAfter: null };
      } finally {
        clearTimeout(timer);
      }
    });
    const elapsed = since(started);
    // A client that gave up retries once more, as it would.
    // An overloaded server may answer 503 with Retry-After (DynamoDB slow on a busy machine);
    // the client waits as told and sends the same request again.
    const finals = await pool([...new Set(attempts.map((a) => a.key))], 16, async (key) => {
      for (let attempt = 1; ; attempt++) {
        const reply = await postOrder(api, q.id, key, { delivery, contact: undefined });
        const wait = Number(reply.headers.get('retry-after'));
        if (reply.status !== 503 || !wait || attempt === 10) return reply;
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      }
    });
    const orders = (await orderItems(server)).filter((item) => item.order.M?.quoteId.S === q.id);
    const byKey = new Map<string, { statuses: number[]; ids: Set<string>; tokens: Set<string> }>();
    for (const r of [...replies, ...finals.map((r, i) => ({ key: [...new Set(attempts.map((a) => a.key))][i], status: r.status, id: r.body.id, token: r.body.token }))]) {
      const entry = byKey.get(r.key) ?? { statuses: [], ids: new Set(), tokens: new Set() };
      entry.statuses.push(r.status);
      if (r.status === 200 || r.status === 201) {
        entry.ids.add(r.id);
        entry.tokens.add(r.token);
      }
      byKey.set(r.key, entry);
    }
    let inconsistent = 0;
    let multiple201 = 0;
    for (const [key, entry] of byKey) {
      if (entry.ids.size !== 1 || entry.tokens.size !== 1) {
        inconsistent++;
        f.fail(`key ${key}: ids ${[...entry.ids]} tokens ${entry.tokens.size}`);
      }
      if (entry.statuses.filter((s) => s === 201).length > 1) {
        multiple201++;
        f.fail(`key ${key}: ${entry.statuses.filter((s) => s === 201).length} answers of 201`);
      }
    }
    const statuses = tally(replies.map((r) => r.status));
    // 503 is a legitimate answer under overload, but only with Retry-After (the key is sent again at the end).
    f.check(replies.every((r) => [0, 200, 201].includes(r.status) || (r.status === 503 && r.retryAfter)), `unexpected statuses ${renderTally(statuses)}`);
    f.figure(`order POSTs (${keys} keys × ${attemptsPerKey}, ${Math.round(abandonShare * 100)}% abandoned mid-flight)`, `${replies.length} in ${(elapsed / 1000).toFixed(1)} s: ${renderTally(statuses).replace('0×', 'abandoned×')}`);
    f.figure('orders stored for those keys', orders.length, String(keys));
    f.check(orders.length === keys, `${orders.length} orders for ${keys} keys`);
    f.figure('keys answered with more than one order id or token', inconsistent, '0');
    f.figure('keys answered 201 more than once', multiple201, '0');

    // 2. Retried shop actions on jobs: sequential and concurrent repeats.
    const placed = await pool(Array.from({ length: jobs }, (_, i) => i), 4, (i) => placeOrder(api, `retry-job-${String(i).padStart(4, '0')}`));
    const job = (id: string, action: string, body?: unknown) => call(server.url, 'POST', `/api/shop/jobs/${id}/${action}`, { key: shop.apiKey, body });
    const actionReplies: Record<string, number[]> = {};
    const record = (label: string, status: number) => (actionReplies[label] ??= []).push(status);
    let badHistory = 0;
    for (const { id, token } of placed) {
      // claim: once, then 2 sequential retries, then 3 at once
      record('claim (first)', (await job(id, 'claim')).status);
      for (let i = 0; i < 2; i++) record('claim retried after the reply', (await job(id, 'claim')).status);
      for (const r of await Promise.all([job(id, 'claim'), job(id, 'claim'), job(id, 'claim')])) record('claim retried concurrently', r.status);
      for (const r of await Promise.all([job(id, 'heartbeat'), job(id, 'heartbeat')])) record('heartbeat twice at once', r.status);
      for (const [status, extra] of [['PRINTING', {}], ['PRINTED', {}], ['SHIPPED', { tracking: 'DHL 0034' }], ['DELIVERED', {}]] as const) {
        // The first request and its retry race (a client that timed out and retried), then one more retry after both replies.
        for (const r of await Promise.all([job(id, 'status', { status, ...extra }), job(id, 'status', { status, ...extra })])) record('status + retry in flight together', r.status);
        record('status retried after the reply', (await job(id, 'status', { status, ...extra })).status);
      }
      for (let i = 0; i < 2; i++) record('erasure repeated', (await api('DELETE', `/orders/${id}/personal-data`, { token })).status);
      const order = (await server.deps.stores.orders.get(id))!.order;
      const states = order.history.map((h) => h.state).join(' ');
      if (states !== 'PLACED CLAIMED PRINTING PRINTED SHIPPED DELIVERED' || order.state !== 'DELIVERED' || order.erasedAt === null) {
        badHistory++;
        f.fail(`job ${id}: ${order.state}, history ${states}`);
      }
    }
    for (const [label, list] of Object.entries(actionReplies)) {
      f.figure(`${label} (${placed.length} jobs)`, renderTally(tally(list)));
      f.check(list.every((s) => s === 200), `${label} should always be 200: ${renderTally(tally(list))}`);
    }
    f.figure('jobs whose history is not exactly PLACED CLAIMED PRINTING PRINTED SHIPPED DELIVERED', badHistory, '0');
    return f;
  } finally {
    await server.close();
  }
};
