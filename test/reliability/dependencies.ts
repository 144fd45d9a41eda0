// Bad days for dependencies: DynamoDB and S3 refuse connections, reset them, throttle, fail
// one chosen call, apply a write but lose its reply, or hang, in the middle of a request (a
// fault proxy sits between the app's SDK clients and dynalite / s3rver). The customer must get
// a 503 problem+json with Retry-After, and the table must hold either the whole order or
// nothing; once the dependency is back, the same request (same Idempotency-Key) succeeds.
import { isDeepStrictEqual } from 'node:util';
import { orderIdFromIdempotencyKey } from '../../functions/domain/ids.ts';
import { apiOf, addShopsNearBerlin, placeOrder, quote, scanTable, DELIVERY } from '../support/api-flow.ts';
import { listBucket } from '../support/bucket.ts';
import { DYNAMO_500, PASS, S3_SLOW_DOWN, THROTTLED, type Fault, type FaultRule } from '../support/fault-proxy.ts';
import { startFaultServer } from '../support/fault-server.ts';
import type { Reply } from '../support/http.ts';
import { Findings, type ScenarioResult } from './report.ts';

export interface DependencyOptions {
  /** Include the hanging-dependency case (it waits out the SDK's request timeouts). */
  hang?: boolean;
  /** Fail the claim and key-lookup cases with a 500 instead of throttling, which the SDK backs off from for ~2 s each. */
  quick?: boolean;
}

const only = (operation: string, fault: Fault): FaultRule => (call) => (call.operation === operation ? fault : { kind: 'pass' });
const always = (fault: Fault): FaultRule => () => fault;
const s3Writes = (fault: Fault): FaultRule => (call) => (call.method === 'PUT' ? fault : { kind: 'pass' });

export const runDependencies = async (options: DependencyOptions = {}): Promise<ScenarioResult> => {
  const f = new Findings('8 Dependencies');
  const server = await startFaultServer();
  const [slowFault, slowName] = options.quick ? [DYNAMO_500, 'fails (500)'] : [THROTTLED, 'throttles'];
  const api = apiOf(server);
  try {
    const [shop] = await addShopsNearBerlin(server, 2, 'dep');
    const { body: q } = await quote(api);
    let seq = 0;

    const isUnavailable = (r: Reply) =>
      r.status === 503 && r.headers.get('content-type') === 'application/problem+json' && Number(r.headers.get('retry-after')) > 0 && r.body.status === 503;

    /** Runs `act` with the fault on, checks the 503, then again without it. */
    const attempt = async (label: string, set: () => void | Promise<void>, act: () => Promise<Reply>, after: (failed: Reply) => Promise<void>, clear: () => void | Promise<void>) => {
      await set();
      const started = performance.now();
      const failed = await Promise.race([act(), new Promise<Reply>((resolve) => setTimeout(() => resolve({ status: 0, headers: new Headers(), body: 'no answer within 30 s' }), 30_000))]);
      const ms = Math.round(performance.now() - started);
      await clear();
      const ok = isUnavailable(failed);
      f.check(ok, `${label}: ${failed.status} ${JSON.stringify(failed.body).slice(0, 200)} (Retry-After ${failed.headers.get('retry-after')})`);
      // A write whose reply was lost may have landed: the answer must not promise otherwise.
      f.check(!/nothing was changed|not (been )?(changed|stored|saved)/i.test(String(failed.body?.detail)), `${label}: the 503 says "${failed.body?.detail}"`);
      f.figure(label, `${failed.status}${failed.headers.get('retry-after') ? `, Retry-After ${failed.headers.get('retry-after')} s` : ''} in ${ms} ms`, '503 + Retry-After');
      await after(failed);
    };

    /** An order under a fault: afterwards the table holds the whole order or nothing, and the retry gets it. */
    const orderUnder = async (label: string, dynamo: FaultRule | 'stopped') => {
      const key = `dep-order-${String(seq++).padStart(4, '0')}`;
      const id = await orderIdFromIdempotencyKey(key, q.id);
      const post = () => api('POST', '/orders', { body: { quoteId: q.id, delivery: DELIVERY }, headers: { 'idempotency-key': key } });
      await attempt(
        `POST /orders, ${label}`,
        () => (dynamo === 'stopped' ? server.dynamoProxy.stop() : server.dynamoProxy.setRule(dynamo)),
        post,
        async () => {
          const items = (await scanTable(server)).filter((i) => i.PK.S === `ORDER#${id}`);
          const retry = await post();
          f.check(retry.status === 201 || retry.status === 200, `${label}: the retry answered ${retry.status}`);
          const after = (await scanTable(server)).filter((i) => i.PK.S === `ORDER#${id}`);
          f.check(after.length === 1, `${label}: ${after.length} items after the retry`);
          // Present before the retry means the write had landed: it must be the same, whole order.
          if (items.length === 1) {
            f.check(isDeepStrictEqual(items[0], after[0]) && retry.status === 200, `${label}: the order stored during the outage differs from the one the retry found`);
            const read = await api('GET', `/orders/${id}`, { token: retry.body.token });
            f.check(read.status === 200 && read.body.delivery?.name === DELIVERY.name && read.body.state === 'PLACED', `${label}: the order stored during the outage is not whole`);
          }
          f.figure(`  … table after the failed POST; the retry`, `${items.length ? 'whole order (the write landed, the reply was lost)' : 'nothing'}; ${retry.status}`, 'whole or nothing; 200/201');
        },
        () => (dynamo === 'stopped' ? server.dynamoProxy.start() : server.dynamoProxy.setRule(PASS)),
      );
    };

    await orderUnder('DynamoDB refuses connections', 'stopped');
    await orderUnder('DynamoDB resets every connection', always({ kind: 'reset' }));
    await orderUnder('DynamoDB throttles every call', always(THROTTLED));
    await orderUnder('DynamoDB fails only the order write (500)', only('PutItem', DYNAMO_500));
    await orderUnder('DynamoDB applies the order write but every reply is lost', only('PutItem', { kind: 'lose-reply' }));
    if (options.hang) await orderUnder('DynamoDB accepts connections and never answers', always({ kind: 'hang' }));

    // A new configuration's mesh cannot be stored: no quote, no mesh record.
    const threeMfOnly = (fault: Fault): FaultRule => (call) => (call.method === 'PUT' && call.path.split('?')[0].endsWith('.3mf') ? fault : { kind: 'pass' });
    for (const [label, rule] of [
      ['S3 resets the mesh upload', s3Writes({ kind: 'reset' })],
      ['S3 answers SlowDown to the mesh upload', s3Writes(S3_SLOW_DOWN)],
      ['S3 stores the STL, then fails the 3MF (500)', threeMfOnly({ kind: 'reply', status: 500, body: '<Error><Code>InternalError</Code></Error>' })],
    ] as const) {
      const text = `S${seq++}`;
      const beforeKeys = new Set((await scanTable(server)).map((i) => `${i.PK.S}`));
      const objectsBefore = (await listBucket(server.stack)).length;
      await attempt(
        `POST /quotes (new mesh), ${label}`,
        () => server.s3Proxy.setRule(rule),
        () => api('POST', '/quotes', { body: { designId: 'name-tag', params: { text }, material: 'PLA', quantity: 1, location: { lat: 52.52, lon: 13.405 } } }),
        async () => {
          const added = (await scanTable(server)).filter((i) => !beforeKeys.has(`${i.PK.S}`)).map((i) => i.PK.S!.split('#')[0]);
          const objects = (await listBucket(server.stack)).length - objectsBefore;
          f.check(added.length === 0, `${label}: the failed quote stored ${added.join(', ')}`);
          const retry = await api('POST', '/quotes', { body: { designId: 'name-tag', params: { text }, material: 'PLA', quantity: 1, location: { lat: 52.52, lon: 13.405 } } });
          f.check(retry.status === 201, `${label}: the retry answered ${retry.status}`);
          f.figure('  … stored by the failed quote (items / S3 objects); the retry', `${added.length} / ${objects}${objects ? ' (an orphan file, overwritten by the retry: same key)' : ''}; ${retry.status}`, '0 items; 201');
        },
        () => server.s3Proxy.setRule(PASS),
      );
    }

    // Shop and customer reads and writes: a 503, never a 401/404 that would mislead.
    const order = await placeOrder(api, 'dep-claim-0001');
    await attempt(
      `POST claim, DynamoDB ${slowName} the write`,
      () => server.dynamoProxy.setRule(only('PutItem', slowFault)),
      () => api('POST', `/shop/jobs/${order.id}/claim`, { key: shop.apiKey }),
      async () => {
        const stored = (await server.deps.stores.orders.get(order.id))!.order;
        f.check(stored.state === 'PLACED' && stored.version === 1, `the failed claim changed the job: ${stored.state} v${stored.version}`);
        const retry = await api('POST', `/shop/jobs/${order.id}/claim`, { key: shop.apiKey });
        f.check(retry.status === 200, `claim retry answered ${retry.status}`);
      },
      () => server.dynamoProxy.setRule(PASS),
    );
    await attempt(
      'GET /orders/{id}, DynamoDB resets (not a 404)',
      () => server.dynamoProxy.setRule(always({ kind: 'reset' })),
      () => api('GET', `/orders/${order.id}`, { token: order.token }),
      async () => {},
      () => server.dynamoProxy.setRule(PASS),
    );
    // A shop whose key the app has not looked up yet (the auth cache would answer without DynamoDB).
    const fresh = await server.addShop({ id: 'dep-fresh', name: 'Fresh', lat: 52.6, lon: 13.4 });
    await attempt(
      `GET /shop/jobs with a new key lookup, DynamoDB ${slowName} (not a 401)`,
      () => server.dynamoProxy.setRule(always(slowFault)),
      () => api('GET', '/shop/jobs', { key: fresh.apiKey }),
      async () => {},
      () => server.dynamoProxy.setRule(PASS),
    );
    return f;
  } finally {
    await server.close();
  }
};
