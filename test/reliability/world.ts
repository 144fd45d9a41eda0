// A small, known world for the hostile-input and access runs: three shops, a valid quote, a
// delivered-and-erased order held by shop A (every shop action on it is refused or a no-op)
// and a PLACED order offered only to shop A so far.
import type { TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, placeOrder, quote, type Api, type TestShop } from '../support/api-flow.ts';

export interface World {
  api: Api;
  /** Nearest candidate; holds `delivered`. */
  shopA: TestShop;
  /** Second candidate: offered jobs only after one offer window (the clock stands still). */
  shopB: TestShop;
  /** Far away (Munich): never a candidate. */
  shopC: TestShop;
  quoteId: string;
  delivered: { id: string; token: string };
  placed: { id: string; token: string };
}

const ok = async (reply: Promise<{ status: number; body: unknown }>, what: string) => {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
};

export const prepareWorld = async (server: TestServer, prefix = 'world'): Promise<World> => {
  const api = apiOf(server);
  const [shopA, shopB] = await addShopsNearBerlin(server, 2, `${prefix}-near`);
  const shopC = await server.addShop({ id: `${prefix}-munich`, name: 'Munich Prints', lat: 48.137, lon: 11.575 });
  const delivered = await placeOrder(api, `${prefix}-delivered-0001`);
  const job = (action: string, body?: unknown) => ok(api('POST', `/shop/jobs/${delivered.id}/${action}`, { key: shopA.apiKey, body }), action);
  await job('claim');
  await job('status', { status: 'PRINTING' });
  await job('status', { status: 'PRINTED' });
  await job('status', { status: 'SHIPPED', tracking: 'DHL 00340434161094042557' });
  await job('status', { status: 'DELIVERED' });
  await ok(api('DELETE', `/orders/${delivered.id}/personal-data`, { token: delivered.token }), 'erase');
  const placed = await placeOrder(api, `${prefix}-placed-0001`);
  const { body: q } = await quote(api);
  return { api, shopA, shopB, shopC, quoteId: q.id, delivered: { id: delivered.id, token: delivered.token }, placed: { id: placed.id, token: placed.token } };
};
