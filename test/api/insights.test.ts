// "What customers wanted": refused out-of-range values are counted by design, parameter and
// direction, with nothing else stored; valid quotes count nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsightsStore } from '../../functions/store/insights.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { call } from '../support/http.ts';

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
    expect((await post({ text: 'ŁUKASZ' })).status).toBe(400);
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
});
