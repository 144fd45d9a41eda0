// Colours at the API: a quote takes one palette colour per colour slot (problem+json naming
// colours[i] otherwise), carries them to the order and the shop's job, and a two-colour job is
// counted, priced and offered only where a shop declares two filaments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDesign } from '../../functions/designs/catalogue.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { apiOf, BERLIN, postOrder, quote, type Api } from '../support/api-flow.ts';

/** The name tag with two colours: a plate and letters (M1's `colours` choice). */
const TWO_COLOUR = { designId: 'name-tag', params: { text: 'ADA', colours: 'two' } };
/** Until the name tag's two-colour build is in the catalogue, the two-colour cases cannot run. */
const hasTwoColours = findDesign('name-tag')?.params.some((p) => p.key === 'colours') ?? false;

describe('colours', () => {
  let server: TestServer;
  let api: Api;
  let single: { id: string; apiKey: string };
  let multi: { id: string; apiKey: string };
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    // The single-colour shop is nearer: a two-colour job must pass it by.
    single = await server.addShop({ id: 'single', name: 'One Nozzle', lat: BERLIN.lat + 1 / 111.2, lon: BERLIN.lon });
    multi = await server.addShop({ id: 'multi', name: 'Two Spools', lat: BERLIN.lat + 5 / 111.2, lon: BERLIN.lon, colours: 2 });
  });
  afterAll(() => server.close());

  it('a single-colour design takes one colour or none, and carries it to the order and the job', async () => {
    const none = await quote(api);
    expect(none.body.colours).toEqual(['white']);
    expect(none.body.parts).toHaveLength(1);
    expect(none.body.shopCount).toBe(2);
    expect(none.body.oneColourShopCount).toBeNull();

    const blue = await quote(api, { colours: ['blue'] });
    expect(blue.body.colours).toEqual(['blue']);
    expect(blue.body.parts[0]).toMatchObject({ colourSlot: 0, colour: 'blue' });

    const placed = await postOrder(api, blue.body.id, `colour-single-${Date.now()}`);
    expect(placed.status).toBe(201);
    expect(placed.body.order.colours).toEqual(['blue']);
    const job = await api('GET', `/shop/jobs/${placed.body.id}`, { key: single.apiKey });
    expect(job.status).toBe(200);
    expect(job.body.colours).toEqual(['blue']);
    expect(job.body.parts).toEqual([expect.objectContaining({ colour: 'blue' })]);
  });

  it.each([
    [{ colours: ['mauve'] }, 'colours[0]'],
    [{ colours: ['white', 'black'] }, 'colours'],
    [{ colours: [7] }, 'colours[0]'],
    [{ colours: 'white' }, 'colours'],
  ])('refuses %j with a problem naming %s', async (body, field) => {
    const reply = await api('POST', '/quotes', { body: { designId: 'name-tag', params: { text: 'ADA' }, material: 'PLA', quantity: 1, location: BERLIN, ...body } });

    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.skipIf(!hasTwoColours)('a two-colour name tag quotes two parts, and only the shop with two filaments', async () => {
    const q = await quote(api, { ...TWO_COLOUR, colours: ['white', 'red'] });

    expect(q.body.colours).toEqual(['white', 'red']);
    expect(q.body.parts.map((p: { colour: string }) => p.colour)).toEqual(['white', 'red']);
    expect(q.body.toolChanges).toBeGreaterThan(0);
    expect(q.body.shopCount).toBe(1);
    expect(q.body.oneColourShopCount).toBe(2);

    const placed = await postOrder(api, q.body.id, `colour-two-${Date.now()}`);
    expect(placed.status).toBe(201);
    expect(placed.body.order.colours).toEqual(['white', 'red']);
    const offered = await api('GET', '/shop/jobs', { key: multi.apiKey });
    expect(offered.body.jobs.map((j: { id: string }) => j.id)).toContain(placed.body.id);
    const passedBy = await api('GET', '/shop/jobs', { key: single.apiKey });
    expect(passedBy.body.jobs.map((j: { id: string }) => j.id)).not.toContain(placed.body.id);
  });

  it.skipIf(!hasTwoColours)('a two-colour configuration in one colour loads one spool: every shop may make it', async () => {
    const q = await quote(api, { ...TWO_COLOUR, colours: ['black', 'black'] });

    expect(q.body.toolChanges).toBe(0);
    expect(q.body.shopCount).toBe(2);
  });

  it.skipIf(!hasTwoColours)('a two-colour configuration wants two colours (or none), naming the one that is wrong', async () => {
    const short = await api('POST', '/quotes', { body: { ...TWO_COLOUR, material: 'PLA', quantity: 1, location: BERLIN, colours: ['white'] } });
    const wrong = await api('POST', '/quotes', { body: { ...TWO_COLOUR, material: 'PLA', quantity: 1, location: BERLIN, colours: ['white', 'plaid'] } });

    expect(short.status).toBe(400);
    expect(short.body.errors[0]).toMatchObject({ field: 'colours', message: expect.stringMatching(/2 colours/) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e: { field: string }) => e.field)).toEqual(['colours[1]']);
  });
});
