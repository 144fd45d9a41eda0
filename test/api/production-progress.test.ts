// Progress and sliced figures ride on heartbeats and status calls: stored on the job with the
// same write, shown to the holder in full, to the customer without the printer's words or the
// slicer's names; a bad field is a 4xx naming it, and nothing is stored.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../functions/agent/api-client.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, placeOrder, snapshotTable, type Api, type TestShop } from '../support/api-flow.ts';

const SLICED = { printSeconds: 4512, filamentGrams: 7.9, filamentMm: 2641.3, layers: 20, slicer: 'PrusaSlicer 2.5.0', profile: 'atelier-pla-0.4n-0.2mm' };

describe('production progress over the API', () => {
  let server: TestServer;
  let api: Api;
  let shop: TestShop;
  let other: TestShop;
  let id: string;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    [shop, other] = await addShopsNearBerlin(server, 2);
  });
  afterAll(() => server.close());

  beforeEach(async () => {
    ({ id, token } = await placeOrder(api));
    expect((await api('POST', `/shop/jobs/${id}/claim`, { key: shop.apiKey })).status).toBe(200);
  });

  it('a heartbeat with progress stores it on the job; the customer sees stage, percent and time left but not the message', async () => {
    const beat = await api('POST', `/shop/jobs/${id}/heartbeat`, {
      key: shop.apiKey,
      body: { progress: { stage: 'printing', percent: 42, secondsLeft: 4200, message: 'nozzle\u0007 temp\n ok' } },
    });

    expect(beat.status).toBe(200);
    expect(beat.body.progress).toEqual({ stage: 'printing', percent: 42, secondsLeft: 4200, message: 'nozzle temp ok', at: server.clock.now });
    const stored = (await server.deps.stores.orders.get(id))!.order;
    expect(stored.progress?.percent).toBe(42);
    expect(stored.claim?.leaseUntil).toBe(beat.body.leaseUntil);
    const customer = await api('GET', `/orders/${id}`, { token });
    expect(customer.body.progress).toEqual({ stage: 'printing', percent: 42, secondsLeft: 4200, at: server.clock.now });
    expect(JSON.stringify(customer.body)).not.toContain('nozzle');
  });

  it('status PRINTED with sliced figures keeps them; progress becomes printed, 100 %', async () => {
    await api('POST', `/shop/jobs/${id}/status`, { key: shop.apiKey, body: { status: 'PRINTING', progress: { stage: 'printing', percent: 0 } } });
    server.clock.advance(60_000);

    const printed = await api('POST', `/shop/jobs/${id}/status`, { key: shop.apiKey, body: { status: 'PRINTED', sliced: SLICED } });

    expect(printed.status).toBe(200);
    expect(printed.body.sliced).toEqual(SLICED);
    expect(printed.body.progress).toEqual({ stage: 'printed', percent: 100, secondsLeft: 0, message: null, at: server.clock.now });
    const customer = (await api('GET', `/orders/${id}`, { token })).body;
    expect(customer.state).toBe('PRINTED');
    expect(customer.progress.stage).toBe('printed');
    expect(customer.sliced).toBeUndefined();
    expect(JSON.stringify(customer)).not.toContain('atelier-pla');
  });

  it('an invalid progress field is a 400 naming it, and nothing is stored', async () => {
    const before = await snapshotTable(server);

    const bad = await api('POST', `/shop/jobs/${id}/heartbeat`, { key: shop.apiKey, body: { progress: { stage: 'melting', percent: 140 }, sliced: { ...SLICED, layers: 2.5 } } });

    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['progress.percent', 'progress.stage', 'sliced.layers']);
    expect(await snapshotTable(server)).toEqual(before);
  });

  it('a message that is only control characters is stored as none; a report after SHIPPED is a 422 naming it', async () => {
    const beat = await api('POST', `/shop/jobs/${id}/heartbeat`, { key: shop.apiKey, body: { progress: { stage: 'printer-error', message: '\u0000\u001b' } } });
    expect(beat.body.progress.message).toBeNull();
    for (const status of ['PRINTING', 'PRINTED']) await api('POST', `/shop/jobs/${id}/status`, { key: shop.apiKey, body: { status } });

    const late = await api('POST', `/shop/jobs/${id}/status`, { key: shop.apiKey, body: { status: 'SHIPPED', tracking: 'T-1', sliced: SLICED } });

    expect(late.status).toBe(422);
    expect(late.body.errors[0].field).toBe('sliced');
    expect((await server.deps.stores.orders.get(id))!.order.state).toBe('PRINTED');
  });

  it('repeating the status the job has, with a report (an agent resuming), keeps the report; without one changes nothing', async () => {
    await api('POST', `/shop/jobs/${id}/status`, { key: shop.apiKey, body: { status: 'PRINTING' } });
    const version = (await server.deps.stores.orders.get(id))!.order.version;

    const bare = await api('POST', `/shop/jobs/${id}/status`, { key: shop.apiKey, body: { status: 'PRINTING' } });
    expect((await server.deps.stores.orders.get(id))!.order.version).toBe(version);
    const resumed = await api('POST', `/shop/jobs/${id}/status`, { key: shop.apiKey, body: { status: 'PRINTING', progress: { stage: 'printing', percent: 61 } } });

    expect([bare.status, resumed.status]).toEqual([200, 200]);
    expect(resumed.body.progress).toMatchObject({ stage: 'printing', percent: 61 });
    expect((await server.deps.stores.orders.get(id))!.order.version).toBe(version + 1);
  });

  it('a heartbeat with no body, or an empty one, works as before and keeps the last progress', async () => {
    await api('POST', `/shop/jobs/${id}/heartbeat`, { key: shop.apiKey, body: { progress: { stage: 'slicing' }, sliced: SLICED } });
    server.clock.advance(1_000);

    const bare = await api('POST', `/shop/jobs/${id}/heartbeat`, { key: shop.apiKey });
    const empty = await api('POST', `/shop/jobs/${id}/heartbeat`, { key: shop.apiKey, rawBody: '', headers: { 'content-type': 'application/json' } });

    expect([bare.status, empty.status], JSON.stringify(bare.body)).toEqual([200, 200]);
    expect(empty.body.leaseUntil).toBeGreaterThan(0);
    expect(empty.body.progress.stage).toBe('slicing');
    expect(empty.body.sliced).toEqual(SLICED);
  });

  it('another shop sees neither the progress nor the figures, and cannot report them', async () => {
    await api('POST', `/shop/jobs/${id}/heartbeat`, { key: shop.apiKey, body: { progress: { stage: 'printing', percent: 5 } } });

    const foreign = await api('POST', `/shop/jobs/${id}/heartbeat`, { key: other.apiKey, body: { progress: { stage: 'printing', percent: 99 } } });

    expect(foreign.status).toBe(404);
    expect((await server.deps.stores.orders.get(id))!.order.progress?.percent).toBe(5);
  });

  it('the agent client sends the report with heartbeat and status', async () => {
    const client = createApiClient({ apiUrl: server.url, shopKey: shop.apiKey });

    const beat = await client.heartbeat(id, undefined, { progress: { stage: 'uploading', message: 'x'.repeat(500) } });
    const printing = await client.setStatus(id, 'PRINTING', undefined, undefined, { progress: { stage: 'printing', percent: 1, secondsLeft: 3600 }, sliced: SLICED });

    expect(beat.progress?.message).toHaveLength(200);
    expect(printing.state).toBe('PRINTING');
    expect(printing.progress).toMatchObject({ stage: 'printing', percent: 1, secondsLeft: 3600 });
    expect(printing.sliced).toEqual(SLICED);
  });
});
