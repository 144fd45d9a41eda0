// ShopStore against dynalite: create, look up by key hash, find by location, open/close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineKm } from '../../functions/domain/geohash.ts';
import { defaultRates, type Shop } from '../../functions/domain/shop.ts';
import { ShopStore } from '../../functions/store/shops.ts';
import { startLocalStack, type LocalStack } from '../support/local-stack.ts';

const shop = (id: string, lat: number, lon: number): Shop => ({
  id, name: `Shop ${id}`, lat, lon, materials: ['PLA'], buildVolume: { x: 250, y: 210, z: 210 },
  rates: defaultRates(), setupFeeCents: 300, open: true, createdAt: Date.now(),
});

describe('ShopStore', () => {
  let stack: LocalStack;
  let shops: ShopStore;
  beforeAll(async () => {
    stack = await startLocalStack();
    shops = new ShopStore(stack.clients, stack.config);
    await shops.create(shop('berlin', 52.52, 13.405), 'hash-berlin');
    await shops.create(shop('potsdam', 52.39, 13.065), 'hash-potsdam');
    await shops.create(shop('munich', 48.137, 11.575), 'hash-munich');
  });
  afterAll(() => stack.close());

  it('finds a shop by the hash of its key and nothing for an unknown hash', async () => {
    expect((await shops.byKeyHash('hash-potsdam'))?.id).toBe('potsdam');
    expect(await shops.byKeyHash('hash-nobody')).toBeUndefined();
  });

  it('finds the shops near a point without returning far ones', async () => {
    const near = await shops.near(52.5, 13.3, 60);
    const ids = near.filter((s) => haversineKm(s, { lat: 52.5, lon: 13.3 }) <= 60).map((s) => s.id).sort();
    expect(ids).toEqual(['berlin', 'potsdam']);
    expect(near.map((s) => s.id)).not.toContain('munich');
  });

  it('refuses a second shop with the same id', async () => {
    await expect(shops.create(shop('berlin', 1, 1), 'hash-other')).rejects.toThrow();
  });

  it('closes and reopens a shop, and reports a missing one', async () => {
    expect(await shops.setOpen('munich', false)).toBe(true);
    expect((await shops.get('munich'))?.open).toBe(false);
    expect(await shops.setOpen('nowhere', false)).toBe(false);
  });
});
