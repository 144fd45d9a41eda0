// ShopWebhookStore against dynalite: register, replace (resets a disabled webhook), remove,
// record deliveries up to disabled, unknown shops, and concurrent records losing no count.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../functions/domain/errors.ts';
import { defaultRates, type Shop } from '../../functions/domain/shop.ts';
import { MAX_WEBHOOK_FAILURES } from '../../functions/domain/webhooks.ts';
import { ShopWebhookStore } from '../../functions/store/shop-webhooks.ts';
import { ShopStore } from '../../functions/store/shops.ts';
import { startLocalStack, type LocalStack } from '../support/local-stack.ts';

const T0 = Date.UTC(2026, 11, 5, 17, 0, 0);
const shop = (id: string): Shop => ({
  id, name: `Shop ${id}`, lat: 52.52, lon: 13.405, materials: ['PLA'], buildVolume: { x: 250, y: 210, z: 210 },
  rates: defaultRates(), setupFeeCents: 300, open: true, createdAt: T0,
});

describe('ShopWebhookStore', () => {
  let stack: LocalStack;
  let shops: ShopStore;
  let webhooks: ShopWebhookStore;
  beforeAll(async () => {
    stack = await startLocalStack();
    shops = new ShopStore(stack.clients, stack.config);
    webhooks = new ShopWebhookStore(stack.clients, stack.config);
    for (const id of ['a', 'b', 'c', 'race']) await shops.create(shop(id), `hash-${id}`);
  });
  afterAll(() => stack.close());

  it('registers a webhook on the shop item with a fresh secret, and leaves the shop as it was', async () => {
    const w = await webhooks.set('a', 'https://a.example/hook', T0);
    expect(w).toMatchObject({ url: 'https://a.example/hook', status: 'active', consecutiveFailures: 0, registeredAt: T0 });
    expect(w.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(await webhooks.get('a')).toEqual(w);
    expect((await shops.get('a'))?.name).toBe('Shop a');
    expect(await shops.byKeyHash('hash-a')).toEqual({ shop: expect.objectContaining({ id: 'a' }), suspended: false });
  });

  it('records failures, disables at the limit, and a re-registration replaces URL and secret and resumes', async () => {
    const first = await webhooks.set('b', 'https://b.example/hook', T0);
    for (let i = 1; i < MAX_WEBHOOK_FAILURES; i++) {
      expect(await webhooks.recordDelivery('b', { ok: false, error: 'HTTP 500' }, T0 + i)).toMatchObject({ status: 'failing', consecutiveFailures: i });
    }
    const disabled = await webhooks.recordDelivery('b', { ok: false, error: 'HTTP 502' }, T0 + 100);
    expect(disabled).toMatchObject({ status: 'disabled', consecutiveFailures: MAX_WEBHOOK_FAILURES, disabledAt: T0 + 100, lastError: 'HTTP 502' });
    expect(await webhooks.recordDelivery('b', { ok: true }, T0 + 200)).toMatchObject({ status: 'disabled' });
    expect((await webhooks.get('b'))?.status).toBe('disabled');

    const again = await webhooks.set('b', 'https://b.example/new', T0 + 300);
    expect(again).toMatchObject({ url: 'https://b.example/new', status: 'active', consecutiveFailures: 0, disabledAt: null, lastError: null });
    expect(again.secret).not.toBe(first.secret);
    expect(await webhooks.recordDelivery('b', { ok: true }, T0 + 400)).toMatchObject({ status: 'active', lastDeliveryAt: T0 + 400 });
  });

  it('drops an outcome for a registration that was replaced meanwhile, when told which one it was for', async () => {
    const old = await webhooks.set('c', 'https://c.example/old', T0);
    const replaced = await webhooks.set('c', 'https://c.example/new', T0 + 10);
    expect(await webhooks.recordDelivery('c', { ok: false, error: 'HTTP 500' }, T0 + 20, old.registeredAt)).toBeUndefined();
    expect(await webhooks.get('c')).toEqual(replaced);
  });

  it('removes a webhook; recording for a shop without one records nothing', async () => {
    await webhooks.set('c', 'https://c.example/hook', T0);
    expect(await webhooks.remove('c')).toBe(true);
    expect(await webhooks.get('c')).toBeUndefined();
    expect(await webhooks.remove('c')).toBe(false);
    expect(await webhooks.recordDelivery('c', { ok: false, error: 'HTTP 500' }, T0)).toBeUndefined();
    const { Item } = await stack.clients.doc.send(new GetCommand({ TableName: stack.config.tableName, Key: { PK: 'SHOP#c', SK: 'SHOP' } }));
    expect(Item?.webhook).toBeUndefined();
    expect(Item?.shop.id).toBe('c');
  });

  it('refuses an unknown shop for every write, and creates no item for it', async () => {
    await expect(webhooks.set('ghost', 'https://g.example', T0)).rejects.toBeInstanceOf(NotFoundError);
    await expect(webhooks.remove('ghost')).rejects.toBeInstanceOf(NotFoundError);
    await expect(webhooks.recordDelivery('ghost', { ok: true }, T0)).rejects.toBeInstanceOf(NotFoundError);
    expect(await webhooks.get('ghost')).toBeUndefined();
    expect(await shops.get('ghost')).toBeUndefined();
  });

  it('loses no failure count when deliveries are recorded at the same time', async () => {
    await webhooks.set('race', 'https://race.example/hook', T0);
    const n = MAX_WEBHOOK_FAILURES - 1;
    await Promise.all(Array.from({ length: n }, (_, i) => webhooks.recordDelivery('race', { ok: false, error: `HTTP 50${i}` }, T0 + i)));
    expect(await webhooks.get('race')).toMatchObject({ status: 'failing', consecutiveFailures: n });
    // One more, racing a second store client instance: exactly the limit, so disabled.
    const other = new ShopWebhookStore(stack.clients, stack.config);
    await Promise.all([
      webhooks.recordDelivery('race', { ok: false, error: 'HTTP 500' }, T0 + 50),
      other.recordDelivery('race', { ok: false, error: 'HTTP 500' }, T0 + 51),
    ]);
    expect(await webhooks.get('race')).toMatchObject({ status: 'disabled', consecutiveFailures: MAX_WEBHOOK_FAILURES });
  });
});
