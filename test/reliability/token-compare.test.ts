// The order token check goes through constantTimeEqual, and only through it: with the
// comparison replaced by a recording stand-in, every order read calls it with the stored
// token hash and the presented token's hash, and its verdict alone decides. Nothing is timed: a
// wall-clock test of a 32-byte comparison would only be flaky.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, placeOrder } from '../support/api-flow.ts';
import { hashOrderToken } from '../../functions/domain/ids.ts';

const verdicts = vi.hoisted(() => ({ force: undefined as boolean | undefined, calls: [] as [string, string][] }));

vi.mock('../../functions/domain/ids.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../functions/domain/ids.ts')>();
  return {
    ...original,
    constantTimeEqual: (a: string, b: string) => {
      verdicts.calls.push([a, b]);
      return verdicts.force ?? original.constantTimeEqual(a, b);
    },
  };
});

describe('order token comparison', () => {
  let server: TestServer;
  let order: { id: string; token: string };
  beforeAll(async () => {
    server = await startTestServer();
    await addShopsNearBerlin(server, 1, 'ct');
    order = await placeOrder(apiOf(server), 'token-compare-0001');
  });
  afterAll(() => server.close());

  const get = (token: string, id = order.id) => apiOf(server)('GET', `/orders/${id}`, { token });

  it('is made by constantTimeEqual(stored hash, presented token\'s hash) on every order read', async () => {
    verdicts.calls.length = 0;
    expect((await get(order.token)).status).toBe(200);
    expect((await get('x'.repeat(32))).status).toBe(404);
    expect((await get(order.token, 'neverIssued0000000000x')).status).toBe(404);

    const [right, wrong] = [await hashOrderToken(order.token), await hashOrderToken('x'.repeat(32))];
    expect(verdicts.calls).toEqual([
      [right, right],
      [right, wrong],
      // A missing order is compared too, so timing does not tell a wrong id from a wrong token.
      ['0'.repeat(64), right],
    ]);
  });

  it('lets the comparison alone decide: forced false refuses the right token, forced true still needs the order', async () => {
    verdicts.force = false;
    expect((await get(order.token)).status).toBe(404);
    verdicts.force = true;
    expect((await get('x'.repeat(32))).status).toBe(200);
    expect((await get('x'.repeat(32), 'neverIssued0000000000x')).status).toBe(404);
    verdicts.force = undefined;
  });

  it('has no other comparison of a token or key with === anywhere in the server code', async () => {
    const sources: string[] = [];
    for (const dir of ['functions/api', 'functions/store', 'functions/domain', 'functions/lambda']) {
      for (const entry of await readdir(dir, { recursive: true })) {
        if (String(entry).endsWith('.ts')) sources.push(await readFile(join(dir, String(entry)), 'utf8'));
      }
    }
    const suspicious = sources.join('\n').split('\n').filter((line) => /(token|apiKey|secret)\w*\s*[!=]==|[!=]==\s*[\w.]*(token|apiKey|secret)/i.test(line));
    expect(suspicious).toEqual([]);
  });
});
