// The whole story over a real socket against dynalite and s3rver: quote → order → a shop
// polls → claims → printing → printed → shipped, and the customer's link shows each state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobFilesSchema, OrderViewSchema, PlacedOrderSchema, QuoteResponseSchema, ShopJobListSchema, ShopJobSchema } from '../../functions/api/schemas.ts';
import { readStl } from '../../functions/mesh/stl.ts';
import { verifyMesh } from '../../functions/mesh/verify.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { call } from '../support/http.ts';

const BERLIN = { lat: 52.52, lon: 13.405 };
const delivery = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', country: 'DE' };

describe('order story', () => {
  let server: TestServer;
  let near: { id: string; apiKey: string };
  let far: { id: string; apiKey: string };
  beforeAll(async () => {
    server = await startTestServer();
    near = await server.addShop({ name: 'Mitte Makers', lat: 52.53, lon: 13.4 });
    far = await server.addShop({ name: 'Potsdam Prints', lat: 52.4, lon: 13.06 });
  });
  afterAll(() => server.close());

  it('goes from quote to shipped, visible to the customer at every step', async () => {
    const api = (method: string, path: string, options = {}) => call(server.url, method, `/api${path}`, options);

    const quote = await api('POST', '/quotes', { body: { designId: 'name-tag', params: { text: 'ADA' }, material: 'PLA', quantity: 2, location: BERLIN } });
    expect(quote.status).toBe(201);
    // Every response has the shape the OpenAPI document promises.
    QuoteResponseSchema.parse(quote.body);
    expect(quote.body.shopCount).toBe(2);
    expect(quote.body.price.totalCents).toBe(quote.body.price.setupFeeCents + 2 * quote.body.price.unitCents);
    expect(quote.body.dimensionsMm.z).toBeCloseTo(4, 3);
    const stl = new Uint8Array(await (await fetch(quote.body.files.stl)).arrayBuffer());
    expect(verifyMesh(readStl(stl).mesh).ok).toBe(true);

    const placed = await api('POST', '/orders', { body: { quoteId: quote.body.id, delivery }, headers: { 'idempotency-key': 'story-key-0001' } });
    expect(placed.status).toBe(201);
    PlacedOrderSchema.parse(placed.body);
    expect(placed.body.token.length).toBeGreaterThanOrEqual(22);
    const { id, token } = placed.body;
    const customerSees = async () => (await api('GET', `/orders/${id}`, { token })).body.state;
    expect(await customerSees()).toBe('PLACED');

    // Only the nearest candidate sees it at first; the other after one offer window.
    const nearJobs = await api('GET', '/shop/jobs', { key: near.apiKey });
    ShopJobListSchema.parse(nearJobs.body);
    expect(nearJobs.body.jobs.map((j: { id: string }) => j.id)).toEqual([id]);
    expect(nearJobs.body.jobs[0].delivery).toBeNull();
    expect((await api('GET', '/shop/jobs', { key: far.apiKey })).body.jobs).toEqual([]);

    const claimed = await api('POST', `/shop/jobs/${id}/claim`, { key: near.apiKey });
    expect(claimed.status).toBe(200);
    expect(claimed.body.claimedByYou).toBe(true);
    ShopJobSchema.parse(claimed.body);
    expect(claimed.body.delivery.city).toBe('Berlin');
    expect(await customerSees()).toBe('CLAIMED');

    const files = await api('GET', `/shop/jobs/${id}/files`, { key: near.apiKey });
    expect(files.status).toBe(200);
    JobFilesSchema.parse(files.body);
    const threeMf = new Uint8Array(await (await fetch(files.body.threeMf.url)).arrayBuffer());
    expect(threeMf.length).toBe(files.body.threeMf.bytes);

    for (const [status, extra] of [['PRINTING', {}], ['PRINTED', {}], ['SHIPPED', { tracking: 'DHL 00340434161094042557' }]] as const) {
      const reply = await api('POST', `/shop/jobs/${id}/status`, { key: near.apiKey, body: { status, ...extra } });
      expect(reply.status).toBe(200);
      expect(await customerSees()).toBe(status);
    }
    const final = await api('GET', `/orders/${id}`, { token });
    expect(final.body.timeline.map((t: { state: string }) => t.state)).toEqual(['PLACED', 'CLAIMED', 'PRINTING', 'PRINTED', 'SHIPPED']);
    expect(final.body.tracking).toBe('DHL 00340434161094042557');
    OrderViewSchema.parse(final.body);
    expect(final.body.canErase).toBe(true);

    const erased = await api('DELETE', `/orders/${id}/personal-data`, { token });
    expect(erased.status).toBe(200);
    expect(erased.body.delivery).toBeNull();
    const item = await server.deps.stores.orders.get(id);
    expect(JSON.stringify(item)).not.toContain('Lovelace');
  });
});
