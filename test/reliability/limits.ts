// Abuse limits: body size (declared and chunked), text lengths, parameter budgets (the
// costliest configuration each design allows still builds within its triangle budget; a
// flood of parameters is refused), and the local server's rate limits per client address
// and per shop key, including clients that send made-up keys to get fresh buckets.
import { catalogue, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import { tokenBucketLimiter } from '../../functions/api/rate-limit.ts';
import { newToken } from '../../functions/domain/ids.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, DELIVERY, placeOrder, QUOTE_BODY } from '../support/api-flow.ts';
import { rawRequest, type RawReply, type RawRequest } from '../support/raw-http.ts';
import { largestParams } from '../../functions/designs/kit/largest-params.ts';
import { Findings, renderTally, tally, type ScenarioResult } from './report.ts';

export interface LimitOptions {
  /** Design ids whose costliest configuration is quoted (default: the whole catalogue). */
  budgetDesigns?: string[];
}

const BODY_LIMIT = 64 * 1024;

const json = (reply: RawReply): any => {
  try {
    return JSON.parse(reply.text);
  } catch {
    return undefined;
  }
};

const isProblem = (reply: RawReply, status: number) =>
  reply.status === status && String(reply.headers['content-type']).startsWith('application/problem+json') && json(reply)?.status === status;

/** A quote body padded with JSON whitespace to exactly `bytes` bytes. */
const paddedQuote = (bytes: number) => {
  const text = JSON.stringify(QUOTE_BODY);
  return `${text.slice(0, -1)}${' '.repeat(bytes - text.length)}}`;
};

export const runLimits = async (options: LimitOptions = {}): Promise<ScenarioResult> => {
  const f = new Findings('6 Abuse limits');
  await prepareCatalogue();
  const designs = catalogue.filter((d) => !options.budgetDesigns || options.budgetDesigns.includes(d.id));
  let server: TestServer | undefined;
  let limited: TestServer | undefined;
  try {
    server = await startTestServer();
    const s = server;
    const api = apiOf(s);
    const [shop] = await addShopsNearBerlin(s, 1, 'limits');
    const send = (req: RawRequest) => rawRequest(s.url, req);
    const post = (path: string, body: string, { headers, ...extra }: Partial<RawRequest> = {}) =>
      send({ method: 'POST', path: `/api${path}`, headers: { 'content-type': 'application/json', ...headers }, body, ...extra });

    // Body size.
    const atLimit = await post('/quotes', paddedQuote(BODY_LIMIT));
    const overLimit = await post('/quotes', paddedQuote(BODY_LIMIT + 1));
    const overChunked = await post('/quotes', paddedQuote(BODY_LIMIT + 1), { chunked: true });
    const huge = '{"a":"' + 'x'.repeat(10 * 1024 * 1024) + '"}';
    const started = performance.now();
    const hugeChunked = await post('/quotes', huge, { chunked: true });
    const hugeMs = Math.round(performance.now() - started);
    f.check(atLimit.status === 201, `a body of exactly ${BODY_LIMIT} bytes answered ${atLimit.status}`);
    f.check(isProblem(overLimit, 413) && isProblem(overChunked, 413) && isProblem(hugeChunked, 413), `over the limit: ${overLimit.status} / chunked ${overChunked.status} / 10 MB ${hugeChunked.status}`);
    f.figure('body limit: 65 536 B / 65 537 B declared / 65 537 B chunked / 10 MB chunked', `${atLimit.status} / ${overLimit.status} / ${overChunked.status} / ${hugeChunked.status} (10 MB refused in ${hugeMs} ms)`, '201 / 413 / 413 / 413');

    // Text lengths: one past each limit is a 400 naming the field (401 for an over-long key).
    const { body: q } = await api('POST', '/quotes', { body: QUOTE_BODY });
    const order = await placeOrder(api, 'limits-order-0001');
    await api('POST', `/shop/jobs/${order.id}/claim`, { key: shop.apiKey });
    const orderBody = (patch: Record<string, unknown>) => JSON.stringify({ quoteId: q.id, delivery: { ...DELIVERY, ...patch } });
    const textCases: [string, () => Promise<RawReply>, number, string][] = [
      ['name-tag text 15 (max 14)', () => post('/quotes', JSON.stringify({ ...QUOTE_BODY, params: { text: 'W'.repeat(15) } })), 400, 'params.text'],
      ['designId 65 (max 64)', () => post('/quotes', JSON.stringify({ ...QUOTE_BODY, designId: 'd'.repeat(65) })), 400, 'designId'],
      ['parameter name 65 (max 64)', () => post('/quotes', JSON.stringify({ ...QUOTE_BODY, params: { ['k'.repeat(65)]: 1 } })), 400, 'params'],
      ['delivery.name 101 (max 100)', () => post('/orders', orderBody({ name: 'n'.repeat(101) }), { headers: { 'idempotency-key': 'limits-key-0001' } }), 400, 'delivery.name'],
      ['delivery.line1 201 (max 200)', () => post('/orders', orderBody({ line1: 'l'.repeat(201) }), { headers: { 'idempotency-key': 'limits-key-0002' } }), 400, 'delivery.line1'],
      ['delivery.city 101 (max 100)', () => post('/orders', orderBody({ city: 'c'.repeat(101) }), { headers: { 'idempotency-key': 'limits-key-0003' } }), 400, 'delivery.city'],
      ['contact.email 255 (max 254)', () => post('/orders', JSON.stringify({ quoteId: q.id, delivery: DELIVERY, contact: { email: `${'e'.repeat(243)}@example.org` } }), { headers: { 'idempotency-key': 'limits-key-0004' } }), 400, 'contact.email'],
      ['Idempotency-Key 129 (max 128)', () => post('/orders', orderBody({}), { headers: { 'idempotency-key': 'i'.repeat(129) } }), 400, 'header.idempotency-key'],
      ['X-Order-Token 129 (max 128)', () => send({ method: 'GET', path: `/api/orders/${order.id}`, headers: { 'x-order-token': 't'.repeat(129) } }), 400, 'header.x-order-token'],
      ['order id 65 (max 64)', () => send({ method: 'GET', path: `/api/orders/${'o'.repeat(65)}` }), 400, 'param.id'],
      ['tracking 201 (max 200)', () => post(`/shop/jobs/${order.id}/status`, JSON.stringify({ status: 'PRINTING', tracking: 't'.repeat(201) }), { headers: { authorization: `Bearer ${shop.apiKey}` } }), 400, 'tracking'],
      ['reject note 501 (max 500)', () => post(`/shop/jobs/${order.id}/reject`, JSON.stringify({ reason: 'other', note: 'n'.repeat(501) }), { headers: { authorization: `Bearer ${shop.apiKey}` } }), 400, 'note'],
      ['API key 201 characters (max 200)', () => send({ method: 'GET', path: '/api/shop/jobs', headers: { authorization: `Bearer ${'k'.repeat(201)}` } }), 401, ''],
    ];
    let textRefused = 0;
    for (const [name, run, status, field] of textCases) {
      const reply = await run();
      const named = !field || (json(reply)?.errors ?? []).some((e: { field: string }) => e.field === field || e.field.startsWith(`${field}.`));
      if (isProblem(reply, status) && named) textRefused++;
      else f.fail(`${name}: ${reply.status} ${reply.text.slice(0, 300)}`);
    }
    f.figure('text and header lengths one past their limit, refused naming the field', `${textRefused} of ${textCases.length}`, String(textCases.length));

    // Parameter budgets: the costliest valid configuration of each design builds within budget;
    // a flood of parameters is refused without building anything.
    for (const design of designs) {
      const { params, backedOff } = largestParams(design);
      const t = performance.now();
      const reply = await api('POST', '/quotes', { body: { ...QUOTE_BODY, designId: design.id, params } });
      const ms = Math.round(performance.now() - t);
      const triangles = reply.body?.printability?.triangles;
      f.check(reply.status === 201 && triangles <= design.budget.maxTriangles, `${design.id} at its largest: ${reply.status}, ${triangles} triangles (budget ${design.budget.maxTriangles})`);
      f.figure(`costliest ${design.id}: quote time (first build), triangles / budget`, `${ms} ms, ${triangles} / ${design.budget.maxTriangles}${backedOff.length ? ` (rules backed off ${backedOff.join(', ')})` : ''}`, `≤ ${design.budget.maxTriangles} triangles`);
    }
    const flood = Object.fromEntries(Array.from({ length: 4_000 }, (_, i) => [`p${i}`, i]));
    const floodBody = JSON.stringify({ ...QUOTE_BODY, params: flood });
    const floodReply = await post('/quotes', floodBody);
    const floodErrors = json(floodReply)?.errors?.length ?? 0;
    f.check(isProblem(floodReply, 400), `4 000 unknown parameters answered ${floodReply.status}`);
    f.figure('4 000 unknown parameters in one quote: status, errors listed, reply / request bytes', `${floodReply.status}, ${floodErrors}, ${floodReply.text.length} / ${floodBody.length} (×${(floodReply.text.length / floodBody.length).toFixed(1)})`);

    // Rate limits on the local server: a token bucket per client address, and per shop key.
    const burst = 5;
    limited = await startTestServer({ rateLimiter: tokenBucketLimiter({ perSecond: 1, burst }) });
    const l = limited;
    const [shopA, shopB] = await addShopsNearBerlin(l, 2, 'rate');
    const from = (address: string, extra: Partial<RawRequest> = {}) => rawRequest(l.url, { method: 'GET', path: '/api/designs', localAddress: address, ...extra });
    const run = async (n: number, make: () => Promise<RawReply>) => {
      const replies: RawReply[] = [];
      for (let i = 0; i < n; i++) replies.push(await make());
      return replies;
    };
    const anon = await run(burst + 1, () => from('127.0.0.1'));
    const limitedReply = anon[burst];
    const retryAfter = limitedReply.headers['retry-after'];
    f.check(anon.slice(0, burst).every((r) => r.status === 200) && isProblem(limitedReply, 429) && retryAfter === '1' && json(limitedReply)?.retryAfterSeconds === 1,
      `client burst: ${anon.map((r) => r.status).join(' ')}, Retry-After ${retryAfter}`);
    const otherClient = await from('127.0.0.2');
    f.check(otherClient.status === 200, `another client address was limited too: ${otherClient.status}`);
    const keyA = await run(burst + 1, () => from('127.0.0.3', { path: '/api/shop/jobs', headers: { authorization: `Bearer ${shopA.apiKey}` } }));
    const keyB = await from('127.0.0.3', { path: '/api/shop/jobs', headers: { authorization: `Bearer ${shopB.apiKey}` } });
    f.check(keyA.slice(0, burst).every((r) => r.status === 200) && isProblem(keyA[burst], 429), `shop key burst: ${keyA.map((r) => r.status).join(' ')}`);
    f.check(keyB.status === 200, `shop B (same address) was limited by shop A's burst: ${keyB.status}`);
    l.clock.advance(1_000);
    const refilled = await from('127.0.0.1');
    f.check(refilled.status === 200, `one second later the client still got ${refilled.status}`);
    f.figure(`client address, burst ${burst} at 1/s: request ${burst + 1} / another address / 1 s later`, `${limitedReply.status} (Retry-After: ${retryAfter}) / ${otherClient.status} / ${refilled.status}`, '429 / 200 / 200');
    f.figure(`shop key, burst ${burst}: request ${burst + 1} / another shop at the same address`, `${keyA[burst].status} / ${keyB.status}`, '429 / 200');
    // Made-up keys must not buy fresh buckets: a client sending a new random key each time.
    const forged = await run(4 * burst, () => from('127.0.0.4', { path: '/api/shop/jobs', headers: { authorization: `Bearer ak_${newToken()}` } }));
    const forgedStatuses = tally(forged.map((r) => r.status));
    f.check(forged.filter((r) => r.status === 401).length <= burst, `a client with a new made-up key per request got ${renderTally(forgedStatuses)}`);
    f.figure(`${4 * burst} shop requests from one address, each with a new made-up key`, renderTally(forgedStatuses), `≤ ${burst}×401, rest 429`);
    const forgedPublic = await run(2 * burst, () => from('127.0.0.5', { headers: { authorization: `Bearer ak_${newToken()}` } }));
    const forgedPublicStatuses = tally(forgedPublic.map((r) => r.status));
    f.check(forgedPublic.filter((r) => r.status === 200).length === burst, `GET /designs with a made-up key each time got ${renderTally(forgedPublicStatuses)}`);
    f.figure(`${2 * burst} public requests from one address, each with a new made-up key`, renderTally(forgedPublicStatuses), `${burst}×200, rest 429`);
    return f;
  } finally {
    await server?.close();
    await limited?.close();
  }
};
