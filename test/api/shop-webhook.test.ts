// The shop webhook routes over app.request and the real store (dynalite): PUT answers the
// secret once, GET the status without it (404 with none), DELETE 204; bad URLs are 4xx
// problem+json naming `url`; AWS rules (no http, no private addresses) when the store is not
// local; another shop's key sees only its own; writes are rate-limited per key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import type { AppDeps } from '../../functions/api/deps.ts';
import { silentLogger } from '../../functions/api/logger.ts';
import { tokenBucketLimiter } from '../../functions/api/rate-limit.ts';
import { registerShop } from '../../functions/api/use-cases/register-shop.ts';
import { createDeps } from '../../functions/api/wiring.ts';
import { MAX_WEBHOOK_FAILURES } from '../../functions/domain/webhooks.ts';
import { TEST_HOST_SETTINGS } from '../support/host-settings.ts';
import { startLocalStack, type LocalStack } from '../support/local-stack.ts';

const T0 = Date.UTC(2026, 11, 5, 17, 0, 0);

describe('PUT/GET/DELETE /api/shop/webhook', () => {
  let stack: LocalStack;
  let deps: AppDeps;
  let app: ReturnType<typeof createApp>;
  let key: string;
  let shopId: string;
  let otherKey: string;
  const request = (method: string, options: { body?: unknown; key?: string; app?: ReturnType<typeof createApp> } = {}) =>
    (options.app ?? app).request('/api/shop/webhook', {
      method,
      headers: { authorization: `Bearer ${options.key ?? key}`, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  const addShop = async (name: string) =>
    registerShop(deps.stores.shops, { name, lat: 52.5, lon: 13.4, materials: ['PLA'], buildVolume: { x: 200, y: 200, z: 200 } }, T0);

  beforeAll(async () => {
    stack = await startLocalStack();
    deps = createDeps(stack.config, { ...TEST_HOST_SETTINGS, clients: stack.clients, clock: () => T0, logger: silentLogger });
    app = createApp(deps);
    ({ apiKey: key, shop: { id: shopId } } = await addShop('Hooked'));
    ({ apiKey: otherKey } = await addShop('Other'));
  });
  afterAll(() => stack.close());

  it('knows the store is local, so http and loopback are allowed here', () => {
    expect(deps.localWebhooks).toBe(true);
  });

  it('GET is a 404 problem while there is none', async () => {
    const response = await request('GET');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('PUT registers and answers the secret once; GET answers the status without it', async () => {
    const put = await request('PUT', { body: { url: 'http://127.0.0.1:8787/atelier' } });
    expect(put.status).toBe(200);
    expect(put.headers.get('cache-control')).toBe('no-store');
    const registration = (await put.json()) as Record<string, unknown>;
    expect(registration).toMatchObject({ url: 'http://127.0.0.1:8787/atelier', status: 'active', consecutiveFailures: 0, registeredAt: T0, lastError: null, disabledAt: null });
    expect(registration.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect((await deps.stores.shopWebhooks.get(shopId))?.secret).toBe(registration.secret);

    const get = await request('GET');
    expect(get.status).toBe(200);
    const text = await get.text();
    expect(text).not.toContain(String(registration.secret));
    expect(JSON.parse(text)).toEqual(Object.fromEntries(Object.entries(registration).filter(([k]) => k !== 'secret')));
    // Another shop's key sees only its own (none).
    expect((await request('GET', { key: otherKey })).status).toBe(404);
  });

  it('GET shows failing and disabled as the notifier records them; PUT again resumes with a new secret', async () => {
    const first = (await (await request('PUT', { body: { url: 'http://127.0.0.1:8787/atelier' } })).json()) as { secret: string };
    await deps.stores.shopWebhooks.recordDelivery(shopId, { ok: false, error: 'HTTP 500' }, T0 + 1000);
    expect(await (await request('GET')).json()).toMatchObject({ status: 'failing', consecutiveFailures: 1, lastError: 'HTTP 500', lastFailureAt: T0 + 1000 });
    for (let i = 1; i < MAX_WEBHOOK_FAILURES; i++) await deps.stores.shopWebhooks.recordDelivery(shopId, { ok: false, error: 'timed out after 10 s' }, T0 + 2000);
    expect(await (await request('GET')).json()).toMatchObject({ status: 'disabled', consecutiveFailures: MAX_WEBHOOK_FAILURES, disabledAt: T0 + 2000 });

    const again = (await (await request('PUT', { body: { url: 'http://127.0.0.1:8787/atelier' } })).json()) as { secret: string; status: string };
    expect(again.status).toBe('active');
    expect(again.secret).not.toBe(first.secret);
  });

  it.each([
    [{ url: 'ftp://shop.example/hook' }, 422, /https/],
    [{ url: 'http://user:pw@127.0.0.1/hook' }, 422, /credentials/],
    [{ url: 'http://10.1.2.3/hook' }, 422, /private/],
    [{ url: 'not a url' }, 422, /not a URL/],
    [{ url: `https://127.0.0.1/${'a'.repeat(2100)}` }, 400, /2048/],
    [{ url: '' }, 400, /./],
    [{}, 400, /./],
    [{ url: 'https://127.0.0.1/hook', events: ['x'] }, 400, /events/],
  ])('refuses %j with a problem naming the field', async (body, status, message) => {
    const response = await request('PUT', { body });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: { field: string; message: string }[] };
    const field = 'events' in body ? 'events' : 'url';
    expect(problem.errors.find((e) => e.field === field)?.message, JSON.stringify(problem)).toMatch(message);
  });

  it('in AWS (store not local) refuses http, loopback and private addresses, and accepts a public https address', async () => {
    const aws = createApp({ ...deps, localWebhooks: false });
    for (const url of ['http://93.184.216.34/hook', 'https://127.0.0.1/hook', 'https://169.254.169.254/latest', 'https://[::1]/hook']) {
      const response = await request('PUT', { body: { url }, app: aws });
      expect(response.status, url).toBe(422);
      expect(((await response.json()) as { errors: { field: string }[] }).errors[0].field).toBe('url');
    }
    const ok = await request('PUT', { body: { url: 'https://93.184.216.34/hook' }, app: aws });
    expect(ok.status).toBe(200);
  });

  it('DELETE removes it (204, again 204), then GET is 404', async () => {
    await request('PUT', { body: { url: 'http://127.0.0.1:8787/atelier' } });
    expect((await request('DELETE')).status).toBe(204);
    expect(await deps.stores.shopWebhooks.get(shopId)).toBeUndefined();
    expect((await request('DELETE')).status).toBe(204);
    expect((await request('GET')).status).toBe(404);
  });

  it('refuses a missing or wrong key', async () => {
    expect((await request('GET', { key: 'ak_nobody' })).status).toBe(401);
    expect((await request('PUT', { key: 'ak_nobody', body: { url: 'http://127.0.0.1/x' } })).status).toBe(401);
  });

  it('rate-limits writes per key like the other shop routes', async () => {
    const limited = createApp({ ...deps, rateLimiter: tokenBucketLimiter({ perSecond: 1, burst: 2 }) });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await request('PUT', { body: { url: 'http://127.0.0.1:8787/atelier' }, app: limited })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('is in the OpenAPI document with its schemas', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths['/shop/webhook'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
    expect(doc.components.schemas).toHaveProperty('WebhookRegistration');
    expect(doc.components.schemas).toHaveProperty('WebhookState');
  });
});
