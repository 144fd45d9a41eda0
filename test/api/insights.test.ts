// "What customers wanted": refused out-of-range values are counted by design, parameter and
// direction, with nothing else stored; valid quotes count nothing; and the counters grow by
// exactly the refusals the replies report, also among thousands of unknown keys and when
// identical refusals race.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsightsStore } from '../../functions/store/insights.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { call } from '../support/http.ts';

const countsOf = async (server: TestServer): Promise<Record<string, number>> => {
  const rows = await new InsightsStore(server.stack.clients, server.stack.config).all();
  return Object.fromEntries(rows.map((r) => [`${r.designId}.${r.param}.${r.direction}`, r.count]));
};

/** The refusals a reply reports, keyed as the counters are. */
const reported = (designId: string, problem: { errors?: { field: string; code: string }[] }): string[] =>
  (problem.errors ?? [])
    .filter((e) => e.field.startsWith('params.') && ['too_small', 'too_large', 'too_long', 'charset', 'rule'].includes(e.code))
    .map((e) => `${designId}.${e.field.slice('params.'.length)}.${e.code}`);

const quote = (params: Record<string, unknown>) => ({ designId: 'name-tag', params, material: 'PLA', quantity: 1, location: { lat: 52.52, lon: 13.4 } });

describe('insights', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('counts each refused limit by direction and nothing for valid or mistyped input', async () => {
    const post = (params: Record<string, unknown>) => call(server.url, 'POST', '/api/quotes', { body: quote(params) });
    expect((await post({ letterHeight: 30 })).status).toBe(400);
    expect((await post({ letterHeight: 40 })).status).toBe(400);
    expect((await post({ letterHeight: 1 })).status).toBe(400);
    expect((await post({ text: 'A'.repeat(40) })).status).toBe(400);
    expect((await post({ letterHeight: 'big' })).status).toBe(400);
    expect((await post({ text: 'ŁUKASZ 漢' })).status).toBe(400);
    expect((await post({ letterHeight: 9 })).status).toBe(201);

    const rows = await new InsightsStore(server.stack.clients, server.stack.config).all();
    const counts = Object.fromEntries(rows.map((r) => [`${r.designId}.${r.param}.${r.direction}`, r.count]));
    expect(counts).toEqual({
      'name-tag.letterHeight.too_large': 2,
      'name-tag.letterHeight.too_small': 1,
      'name-tag.text.too_long': 1,
      'name-tag.text.charset': 1,
    });
    expect(JSON.stringify(rows)).not.toMatch(/52\.52|AAAA|UKASZ/);
  });

  it('counts only refusals the reply shows: a range error behind 4 000 unknown keys is listed and counted once', async () => {
    const before = await countsOf(server);
    const params: Record<string, unknown> = Object.fromEntries(Array.from({ length: 4_000 }, (_, i) => [`k${i}`, 1]));
    params.thickness = 99;

    const response = await call(server.url, 'POST', '/api/quotes', { body: quote(params) });

    expect(response.status).toBe(400);
    expect(reported('name-tag', response.body as never)).toEqual(['name-tag.thickness.too_large']);
    const after = await countsOf(server);
    expect((after['name-tag.thickness.too_large'] ?? 0) - (before['name-tag.thickness.too_large'] ?? 0)).toBe(1);
  });

  it('counts rule and undrawable-letter refusals exactly as often as replies report them, when 24 race', async () => {
    const before = await countsOf(server);
    const bodies = [
      { ...quote({ text: 'ŁÓDŹ 漢字' }) },
      { designId: 'cable-organizer', params: { cableDiameter: 3, entryGap: 10 }, material: 'PLA', quantity: 1, location: { lat: 52.52, lon: 13.4 } },
    ];
    const replies = await Promise.all(Array.from({ length: 24 }, (_, i) => call(server.url, 'POST', '/api/quotes', { body: bodies[i % 2] })));

    const expected: Record<string, number> = {};
    replies.forEach((reply, i) => {
      expect(reply.status).toBe(400);
      for (const key of reported(bodies[i % 2].designId, reply.body as never)) expected[key] = (expected[key] ?? 0) + 1;
    });
    expect(Object.keys(expected).sort()).toEqual(['cable-organizer.entryGap.rule', 'name-tag.text.charset']);
    const after = await countsOf(server);
    for (const [key, n] of Object.entries(expected)) expect((after[key] ?? 0) - (before[key] ?? 0), key).toBe(n);
  });
});
