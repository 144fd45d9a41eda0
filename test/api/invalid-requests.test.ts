// Client mistakes are 4xx application/problem+json naming the field, and nothing is stored
// from a rejected request: the table is byte-identical before and after, except for the
// anonymous INSIGHTS counters that deliberately count refused out-of-range values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, placeOrder, QUOTE_BODY, quote, snapshotTable, DELIVERY, type Api } from '../support/api-flow.ts';
import type { Reply } from '../support/http.ts';

interface Case {
  name: string;
  send: (api: Api) => Promise<Reply>;
  status: number;
  /** A field the problem's `errors` must name. */
  field?: string;
}

const quoteWith = (patch: Record<string, unknown>) => (api: Api) => api('POST', '/quotes', { body: { ...QUOTE_BODY, ...patch } });
const paramsWith = (params: Record<string, unknown>) => quoteWith({ params: { ...QUOTE_BODY.params, ...params } });

let quoteId = '';
const orderWith = (body: Record<string, unknown>, headers: Record<string, string> = { 'idempotency-key': 'invalid-order-0001' }) => (api: Api) =>
  api('POST', '/orders', { body: { quoteId, delivery: DELIVERY, ...body }, headers });

const CASES: Case[] = [
  { name: 'quantity as a string', send: quoteWith({ quantity: '2' }), status: 400, field: 'quantity' },
  { name: 'quantity 0', send: quoteWith({ quantity: 0 }), status: 400, field: 'quantity' },
  { name: 'latitude as a string', send: quoteWith({ location: { lat: 'north', lon: 13.4 } }), status: 400, field: 'location.lat' },
  { name: 'latitude out of range', send: quoteWith({ location: { lat: 91, lon: 13.4 } }), status: 400, field: 'location.lat' },
  { name: 'unknown material', send: quoteWith({ material: 'WOOD' }), status: 400, field: 'material' },
  { name: 'params not an object', send: quoteWith({ params: 'big' }), status: 400, field: 'params' },
  { name: 'unknown design', send: quoteWith({ designId: 'no-such-design' }), status: 400, field: 'designId' },
  { name: 'unknown parameter', send: paramsWith({ colour: 'red' }), status: 400, field: 'params.colour' },
  { name: 'parameter of the wrong type', send: paramsWith({ letterHeight: 'tall' }), status: 400, field: 'params.letterHeight' },
  { name: 'parameter off its step', send: paramsWith({ letterHeight: 8.3 }), status: 400, field: 'params.letterHeight' },
  { name: 'parameter above its range', send: paramsWith({ letterHeight: 99 }), status: 400, field: 'params.letterHeight' },
  { name: 'parameter below its range', send: paramsWith({ thickness: 1 }), status: 400, field: 'params.thickness' },
  { name: 'text too long', send: paramsWith({ text: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' }), status: 400, field: 'params.text' },
  { name: 'two parameters out of range at once', send: paramsWith({ letterHeight: 4, thickness: 9 }), status: 400, field: 'params.thickness' },
  { name: 'unknown top-level key', send: quoteWith({ colour: 'red' }), status: 400, field: 'colour' },
  { name: 'unknown nested key', send: quoteWith({ location: { lat: 52.5, lon: 13.4, alt: 30 } }), status: 400, field: 'location.alt' },
  {
    name: 'a body over 64 KiB',
    send: (api) => api('POST', '/quotes', { rawBody: JSON.stringify({ ...QUOTE_BODY, padding: 'x'.repeat(65 * 1024) }), headers: { 'content-type': 'application/json' } }),
    status: 413,
  },
  { name: 'malformed JSON', send: (api) => api('POST', '/quotes', { rawBody: '{"designId": "name-tag",', headers: { 'content-type': 'application/json' } }), status: 400, field: 'body' },
  { name: 'a JSON array', send: (api) => api('POST', '/quotes', { body: [QUOTE_BODY] }), status: 400 },
  { name: 'text/plain', send: (api) => api('POST', '/quotes', { rawBody: JSON.stringify(QUOTE_BODY), headers: { 'content-type': 'text/plain' } }), status: 415, field: 'content-type' },
  { name: 'form-encoded', send: (api) => api('POST', '/quotes', { rawBody: 'designId=name-tag', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), status: 415, field: 'content-type' },
  { name: 'an order without Idempotency-Key', send: orderWith({}, {}), status: 400, field: 'header.idempotency-key' },
  { name: 'an order with a too short Idempotency-Key', send: orderWith({}, { 'idempotency-key': 'abc' }), status: 400, field: 'header.idempotency-key' },
  { name: 'an order for an unknown quote', send: orderWith({ quoteId: 'no-such-quote' }), status: 400, field: 'quoteId' },
  { name: 'an order without delivery', send: orderWith({ delivery: undefined }), status: 400, field: 'delivery' },
  { name: 'an order with a bad country', send: orderWith({ delivery: { ...DELIVERY, country: 'Germany' } }), status: 400, field: 'delivery.country' },
  { name: 'an order with a bad email', send: orderWith({ contact: { email: 'not-an-email' } }), status: 400, field: 'contact.email' },
  { name: 'an order with an unknown key', send: orderWith({ giftWrap: true }), status: 400, field: 'giftWrap' },
  { name: 'an order as text/plain', send: (api) => api('POST', '/orders', { rawBody: '{}', headers: { 'content-type': 'text/plain', 'idempotency-key': 'invalid-order-0002' } }), status: 415, field: 'content-type' },
];

/** The INSIGHTS counters the cases above must bump: design#param#direction → increment. */
const EXPECTED_PUSHES: Record<string, number> = {
  'name-tag#letterHeight#too_large': 1,
  'name-tag#letterHeight#too_small': 1,
  'name-tag#thickness#too_small': 1,
  'name-tag#thickness#too_large': 1,
  'name-tag#text#too_long': 1,
};

const insightCount = (json: string | undefined): number => (json === undefined ? 0 : Number(JSON.parse(json).count.N));

describe('invalid requests', () => {
  let server: TestServer;
  let api: Api;
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    await addShopsNearBerlin(server, 2);
    // A table with some history: an order, a quote, a mesh and one earlier insight counter.
    await placeOrder(api);
    quoteId = (await quote(api)).body.id;
    expect((await paramsWith({ letterHeight: 99 })(api)).status).toBe(400);
  });
  afterAll(() => server.close());

  it('answers every mistake with a 4xx problem naming the field, and stores nothing but the insight counters', async () => {
    const before = await snapshotTable(server);

    for (const c of CASES) {
      const reply = await c.send(api);

      expect(reply.status, c.name).toBe(c.status);
      expect(reply.headers.get('content-type'), c.name).toBe('application/problem+json');
      expect(reply.body.status, c.name).toBe(c.status);
      if (c.field) expect(reply.body.errors?.map((e: { field: string }) => e.field), c.name).toContain(c.field);
    }

    const after = await snapshotTable(server);
    const insights = (snapshot: Map<string, string>) => [...snapshot.keys()].filter((k) => k.startsWith('INSIGHTS '));
    const others = (snapshot: Map<string, string>) => new Map([...snapshot].filter(([k]) => !k.startsWith('INSIGHTS ')));
    expect(others(after)).toEqual(others(before));
    const changed = Object.fromEntries(
      insights(after)
        .map((k) => [k.slice('INSIGHTS '.length), insightCount(after.get(k)) - insightCount(before.get(k))] as const)
        .filter(([, delta]) => delta !== 0),
    );
    expect(changed).toEqual(EXPECTED_PUSHES);
    expect(insights(before).every((k) => after.has(k))).toBe(true);
  });

  it('a rejected request leaves an existing quote orderable', async () => {
    const placed = await api('POST', '/orders', { body: { quoteId, delivery: DELIVERY }, headers: { 'idempotency-key': 'invalid-order-0001' } });

    expect(placed.status).toBe(201);
  });
});
