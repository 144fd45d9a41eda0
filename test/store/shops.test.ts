// ShopStore against dynalite: create, look up by key hash, find by location, open/close,
// rotate a key, suspend.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineKm } from '../../functions/domain/geohash.ts';
import { defaultRates, type Shop } from '../../functions/domain/shop.ts';
import { KeyRotationConflictError, ShopStore } from '../../functions/store/shops.ts';
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
    expect(await shops.byKeyHash('hash-potsdam')).toEqual({ shop: expect.objectContaining({ id: 'potsdam' }), suspended: false });
    expect(await shops.byKeyHash('hash-nobody')).toBeUndefined();
  });

  it('finds the shops near a point without returning far ones', async () => {
    const near = await shops.near(52.5, 13.3, 60);
    const ids = near.filter((s) => haversineKm(s, { lat: 52.5, lon: 13.3 }) <= 60).map((s) => s.id).sort();
    expect(ids).toEqual(['berlin', 'potsdam']);
    expect(near.map((s) => s.id)).not.toContain('munich');
  });

  it('refuses a second shop with the same id, and its key does not open the first', async () => {
    await expect(shops.create(shop('berlin', 1, 1), 'hash-other')).rejects.toThrow();
    // The key was written first and now points at the existing berlin, whose key it is not.
    expect(await shops.byKeyHash('hash-other')).toBeUndefined();
    expect((await shops.get('berlin'))?.lat).toBe(52.52);
  });

  it('writes the key before the shop: a failed shop write leaves a key that opens nothing', async () => {
    const doc = stack.clients.doc;
    const send = doc.send.bind(doc) as (command: unknown) => Promise<unknown>;
    const order: string[] = [];
    (doc as { send: unknown }).send = (command: unknown) => {
      if (command instanceof PutCommand) {
        const pk = String(command.input.Item?.PK);
        order.push(pk.split('#')[0]);
        if (pk === 'SHOP#flaky') return Promise.reject(Object.assign(new Error('boom'), { name: 'ValidationException' }));
      }
      return send(command);
    };
    try {
      await expect(shops.create(shop('flaky', 52.5, 13.4), 'hash-flaky')).rejects.toThrow('boom');
    } finally {
      (doc as { send: unknown }).send = send;
    }
    expect(order).toEqual(['KEY', 'SHOP']);
    expect(await shops.byKeyHash('hash-flaky')).toBeUndefined();
    expect(await shops.get('flaky')).toBeUndefined();
  });

  it('closes and reopens a shop, and reports a missing one', async () => {
    expect(await shops.setOpen('munich', false)).toBe(true);
    expect((await shops.get('munich'))?.open).toBe(false);
    expect(await shops.setOpen('nowhere', false)).toBe(false);
  });

  it('stores a speed factor on the shop item, and reports a missing shop', async () => {
    expect(await shops.setSpeedFactor('munich', 1.3)).toBe(true);
    expect((await shops.get('munich'))?.speedFactor).toBe(1.3);
    expect(await shops.setSpeedFactor('nowhere', 1.3)).toBe(false);
  });

  it('rotates a key: the new one works, the old one is refused and its item deleted', async () => {
    await shops.create(shop('rotor', 52.5, 13.4), 'hash-rotor-1');
    expect(await shops.rotateKey('rotor', 'hash-rotor-2')).toEqual({ found: true, oldKeyDeleted: true });
    expect((await shops.byKeyHash('hash-rotor-2'))?.shop.id).toBe('rotor');
    expect(await shops.byKeyHash('hash-rotor-1')).toBeUndefined();
    const old = await stack.clients.doc.send(new GetCommand({ TableName: stack.config.tableName, Key: { PK: 'KEY#hash-rotor-1', SK: 'KEY' } }));
    expect(old.Item).toBeUndefined();
    // keyHash is a storage attribute beside the domain shop, never inside it.
    const stored = await stack.clients.doc.send(new GetCommand({ TableName: stack.config.tableName, Key: { PK: 'SHOP#rotor', SK: 'SHOP' } }));
    expect(stored.Item?.keyHash).toBe('hash-rotor-2');
    expect(stored.Item?.shop).not.toHaveProperty('keyHash');

    expect(await shops.rotateKey('nowhere', 'hash-nowhere')).toEqual({ found: false });
    expect(await shops.byKeyHash('hash-nowhere')).toBeUndefined();
  });

  it('an old key whose item survived the rotation (interrupted before the delete) is still refused', async () => {
    await shops.create(shop('halfway', 52.5, 13.4), 'hash-halfway-1');
    await shops.rotateKey('halfway', 'hash-halfway-2');
    // Put the old KEY# item back, as if the delete had never happened.
    await stack.clients.doc.send(new PutCommand({ TableName: stack.config.tableName, Item: { PK: 'KEY#hash-halfway-1', SK: 'KEY', shopId: 'halfway' } }));
    expect(await shops.byKeyHash('hash-halfway-1')).toBeUndefined();
    expect((await shops.byKeyHash('hash-halfway-2'))?.shop.id).toBe('halfway');
  });

  it('refuses a rotation that lost a race, and tidies its new key away', async () => {
    await shops.create(shop('racer', 52.5, 13.4), 'hash-racer-1');
    const doc = stack.clients.doc;
    const send = doc.send.bind(doc) as (command: unknown) => Promise<unknown>;
    (doc as { send: unknown }).send = async (command: unknown) => {
      // Another rotation lands between our read and our conditional write.
      if (command instanceof UpdateCommand && command.input.UpdateExpression === 'SET keyHash = :new') {
        (doc as { send: unknown }).send = send;
        await send(new UpdateCommand({ TableName: stack.config.tableName, Key: { PK: 'SHOP#racer', SK: 'SHOP' }, UpdateExpression: 'SET keyHash = :h', ExpressionAttributeValues: { ':h': 'hash-racer-other' } }));
      }
      return send(command);
    };
    try {
      await expect(shops.rotateKey('racer', 'hash-racer-2')).rejects.toThrow(KeyRotationConflictError);
    } finally {
      (doc as { send: unknown }).send = send;
    }
    expect(await shops.byKeyHash('hash-racer-2')).toBeUndefined();
    const left = await stack.clients.doc.send(new GetCommand({ TableName: stack.config.tableName, Key: { PK: 'KEY#hash-racer-2', SK: 'KEY' } }));
    expect(left.Item).toBeUndefined();
  });

  it('rotates the key of a shop stored before keyHash existed', async () => {
    // The old layout: shop item without keyHash, KEY# item pointing at it.
    const legacy = shop('legacy', 52.5, 13.4);
    await stack.clients.doc.send(new PutCommand({ TableName: stack.config.tableName, Item: { PK: 'KEY#hash-legacy-1', SK: 'KEY', shopId: 'legacy' } }));
    await stack.clients.doc.send(new PutCommand({ TableName: stack.config.tableName, Item: { PK: 'SHOP#legacy', SK: 'SHOP', GSI1PK: 'GEO#x', GSI1SK: 'SHOP#legacy', shop: legacy } }));
    expect((await shops.byKeyHash('hash-legacy-1'))?.shop.id).toBe('legacy');

    expect(await shops.rotateKey('legacy', 'hash-legacy-2')).toEqual({ found: true, oldKeyDeleted: false });
    expect(await shops.byKeyHash('hash-legacy-1')).toBeUndefined();
    expect((await shops.byKeyHash('hash-legacy-2'))?.shop.id).toBe('legacy');
    await stack.clients.doc.send(new DeleteCommand({ TableName: stack.config.tableName, Key: { PK: 'KEY#hash-legacy-1', SK: 'KEY' } }));
  });

  it('suspends a shop: reported with its key, left out of routing, listed; and unsuspends it', async () => {
    expect(await shops.setSuspended('potsdam', true)).toBe(true);
    expect(await shops.byKeyHash('hash-potsdam')).toEqual({ shop: expect.objectContaining({ id: 'potsdam' }), suspended: true });
    expect((await shops.near(52.5, 13.3, 60)).map((s) => s.id)).not.toContain('potsdam');
    expect((await shops.listAccounts()).find((a) => a.shop.id === 'potsdam')?.suspended).toBe(true);
    expect((await shops.get('potsdam'))).not.toHaveProperty('suspended');

    expect(await shops.setSuspended('potsdam', false)).toBe(true);
    expect((await shops.byKeyHash('hash-potsdam'))?.suspended).toBe(false);
    expect((await shops.near(52.5, 13.3, 60)).map((s) => s.id)).toContain('potsdam');
    expect(await shops.setSuspended('nowhere', true)).toBe(false);
  });
});
