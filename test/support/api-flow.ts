// Test helpers for the HTTP API over a socket: a bound client, shops placed at known
// distances, quote → order in one step, and raw table scans to prove what was (not) stored.
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { canonicalJson } from '../../functions/mesh/hash.ts';
import type { TestServer } from './api-server.ts';
import { call, type Reply } from './http.ts';

export const BERLIN = { lat: 52.52, lon: 13.405 };

export const DELIVERY = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', country: 'DE' };

export const CONTACT = { email: 'ada@example.org' };

/** A small, quick-to-build configuration; the mesh is built once per test server. */
export const QUOTE_BODY = { designId: 'name-tag', params: { text: 'ADA' }, material: 'PLA', quantity: 1, location: BERLIN };

export type Api = (method: string, path: string, options?: Parameters<typeof call>[3]) => Promise<Reply>;

/** A JSON client for `<server>/api`. */
export const apiOf = (server: TestServer): Api => (method, path, options = {}) => call(server.url, method, `/api${path}`, options);

export interface TestShop {
  id: string;
  apiKey: string;
}

/**
 * Registers `count` shops north of Berlin, shop i at i + 1 km (all within the default 30 km
 * routing radius), so candidate order is their index order.
 */
export const addShopsNearBerlin = async (server: TestServer, count: number, prefix = 'shop'): Promise<TestShop[]> => {
  const shops: TestShop[] = [];
  for (let i = 0; i < count; i++) {
    // One degree of latitude is ~111.2 km.
    shops.push(await server.addShop({ id: `${prefix}-${String(i).padStart(2, '0')}`, name: `${prefix} ${i}`, lat: BERLIN.lat + (i + 1) / 111.2, lon: BERLIN.lon }));
  }
  return shops;
};

/** POST /quotes with QUOTE_BODY (plus overrides); fails the test unless it is a 201. */
export const quote = async (api: Api, overrides: Record<string, unknown> = {}): Promise<Reply> => {
  const reply = await api('POST', '/quotes', { body: { ...QUOTE_BODY, ...overrides } });
  if (reply.status !== 201) throw new Error(`quote failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
};

/** POST /orders for a quote with an Idempotency-Key. */
export const postOrder = (api: Api, quoteId: string, key: string, body: Record<string, unknown> = {}): Promise<Reply> =>
  api('POST', '/orders', { body: { quoteId, delivery: DELIVERY, contact: CONTACT, ...body }, headers: { 'idempotency-key': key } });

let keySeq = 0;

/** Quote and order in one step; returns the order id and its secret token. */
export const placeOrder = async (api: Api, key = `test-order-${Date.now()}-${keySeq++}`): Promise<{ id: string; token: string; quoteId: string }> => {
  const q = await quote(api);
  const placed = await postOrder(api, q.body.id, key);
  if (placed.status !== 201) throw new Error(`order failed: ${placed.status} ${JSON.stringify(placed.body)}`);
  return { id: placed.body.id, token: placed.body.token, quoteId: q.body.id };
};

export type RawItem = Record<string, AttributeValue>;

/** Every item in the table as DynamoDB returns it on the wire (strongly consistent scan). */
export const scanTable = async (server: TestServer): Promise<RawItem[]> => {
  const items: RawItem[] = [];
  let start: RawItem | undefined;
  do {
    const page = await server.stack.clients.dynamo.send(
      new ScanCommand({ TableName: server.stack.config.tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/** The table as a map from "PK SK" to the item's canonical JSON, for exact comparisons. */
export const snapshotTable = async (server: TestServer): Promise<Map<string, string>> =>
  new Map((await scanTable(server)).map((item) => [`${item.PK.S} ${item.SK.S}`, canonicalJson(item)]));

/** The raw items of orders (PK ORDER#…). */
export const orderItems = async (server: TestServer): Promise<RawItem[]> => (await scanTable(server)).filter((item) => item.PK.S?.startsWith('ORDER#'));

/** A problem body without its per-request id, so two responses can be compared. */
export const withoutRequestId = (body: Record<string, unknown>): Record<string, unknown> => {
  const { requestId: _ignored, ...rest } = body;
  return rest;
};

/** A well-formed order / job id that was never issued. */
export const randomId = (): string => `never${crypto.randomUUID().replaceAll('-', '').slice(0, 17)}`;

/** Counts replies by status, e.g. { 200: 1, 409: 19 }. */
export const countStatuses = (replies: Reply[]): Record<number, number> =>
  replies.reduce<Record<number, number>>((counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }), {});
