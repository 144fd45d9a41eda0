// Shops and their API keys in the single table. A shop item is indexed by its geohash cell
// (GSI1) so routing finds the shops near a customer with a few queries; an API key is stored
// only as its sha256, in a KEY#<hash> item pointing at the shop it belongs to.
//
// Beside the domain `shop`, the shop item stores two attributes of its own: `keyHash`, the
// hash of the shop's one current key, and `suspended` (true while the operator has suspended
// the shop). A KEY# item authenticates only while the shop item's keyHash names it, so a key is
// replaced or revoked by ONE conditional write on the shop item (rotateKey), and a KEY# item
// left behind (a failed create, an interrupted rotation) points at nothing. Shops registered
// before keyHash was stored have none; their KEY# items are trusted as they are until the
// shop's key is first rotated.
import { DeleteCommand, GetCommand, paginateScan, PutCommand, QueryCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { cellsCovering, encode } from '../domain/geohash.ts';
import type { Shop } from '../domain/shop.ts';
import { webhookState, type ShopWebhook, type WebhookState } from '../domain/webhooks.ts';
import { INDEX_CELL_PRECISION } from './cells.ts';
import type { StoreClients } from './clients.ts';
import type { StoreConfig } from './config.ts';
import { collectItems, guard, isConditionFailure } from './errors.ts';

export const shopKey = (id: string) => ({ PK: `SHOP#${id}`, SK: 'SHOP' });
const apiKeyKey = (keyHash: string) => ({ PK: `KEY#${keyHash}`, SK: 'KEY' });

const toShop = (item: Record<string, unknown>): Shop => item.shop as Shop;
const isSuspended = (item: Record<string, unknown>): boolean => item.suspended === true;

/** A shop with the storage-only state the operator controls. */
export interface ShopAccount {
  shop: Shop;
  suspended: boolean;
  /** listAccounts only: the shop's webhook without its secret (store/shop-webhooks.ts), if it has one. */
  webhook?: WebhookState;
}

/** Another rotation changed the shop's key between our read and our write: try again. */
export class KeyRotationConflictError extends Error {
  override name = 'KeyRotationConflictError';
}


export class ShopStore {
  constructor(
    private readonly clients: StoreClients,
    private readonly config: StoreConfig,
  ) {}

  /**
   * Stores a new shop and its key hash. The KEY# item first: if the shop write then fails
   * (the id is taken, or the store is down), the key is left pointing at a shop whose keyHash
   * is not its own, or at no shop at all, and authenticates as nothing.
   */
  async create(shop: Shop, apiKeyHash: string): Promise<void> {
    const cell = encode(shop.lat, shop.lon, INDEX_CELL_PRECISION);
    await guard('dynamodb', () =>
      this.clients.doc.send(
        new PutCommand({
          TableName: this.config.tableName,
          Item: { ...apiKeyKey(apiKeyHash), shopId: shop.id },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    await guard('dynamodb', () =>
      this.clients.doc.send(
        new PutCommand({
          TableName: this.config.tableName,
          Item: { ...shopKey(shop.id), GSI1PK: `GEO#${cell}`, GSI1SK: `SHOP#${shop.id}`, shop, keyHash: apiKeyHash },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
  }

  async get(id: string): Promise<Shop | undefined> {
    const { Item } = await guard('dynamodb', () => this.clients.doc.send(new GetCommand({ TableName: this.config.tableName, Key: shopKey(id) })));
    return Item ? toShop(Item) : undefined;
  }

  private async item(id: string, consistent = false): Promise<Record<string, unknown> | undefined> {
    const { Item } = await guard('dynamodb', () =>
      this.clients.doc.send(new GetCommand({ TableName: this.config.tableName, Key: shopKey(id), ConsistentRead: consistent })),
    );
    return Item;
  }

  /**
   * The shop an API key (by its hash) belongs to, and whether it is suspended; undefined for
   * an unknown key, and for a key that is no longer the shop's current one (rotated away).
   */
  async byKeyHash(keyHash: string): Promise<ShopAccount | undefined> {
    const { Item: key } = await guard('dynamodb', () =>
      this.clients.doc.send(new GetCommand({ TableName: this.config.tableName, Key: apiKeyKey(keyHash) })),
    );
    if (!key) return undefined;
    const item = await this.item(key.shopId as string);
    if (!item) return undefined;
    // No keyHash: a shop registered before it was stored, whose KEY# item is trusted as is.
    if (item.keyHash !== undefined && item.keyHash !== keyHash) return undefined;
    return { shop: toShop(item), suspended: isSuspended(item) };
  }

  /**
   * Replaces a shop's API key (operator CLI only: it deletes an item, which the API never
   * does). Writes the new KEY# item, then switches the shop item's keyHash to it with a
   * condition on the old hash (the one write that makes the new key valid and the old one
   * invalid), then deletes the old KEY# item. Returns false if there is no such shop, and
   * whether the old KEY# item could be deleted (a shop registered before keyHash was stored
   * has no known old item: its old key is revoked all the same, by the keyHash check).
   */
  async rotateKey(id: string, newHash: string): Promise<{ found: false } | { found: true; oldKeyDeleted: boolean }> {
    const item = await this.item(id, true);
    if (!item) return { found: false };
    const oldHash = item.keyHash as string | undefined;
    await guard('dynamodb', () =>
      this.clients.doc.send(
        new PutCommand({
          TableName: this.config.tableName,
          Item: { ...apiKeyKey(newHash), shopId: id },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    try {
      await guard('dynamodb', () =>
        this.clients.doc.send(
          new UpdateCommand({
            TableName: this.config.tableName,
            Key: shopKey(id),
            UpdateExpression: 'SET keyHash = :new',
            ConditionExpression: oldHash === undefined ? 'attribute_exists(PK) AND attribute_not_exists(keyHash)' : 'keyHash = :old',
            ExpressionAttributeValues: oldHash === undefined ? { ':new': newHash } : { ':new': newHash, ':old': oldHash },
          }),
        ),
      );
    } catch (error) {
      // The new KEY# item points at a shop whose keyHash is not its own: inert, but tidy it.
      await this.deleteKey(newHash, id).catch(() => undefined);
      if (isConditionFailure(error)) throw new KeyRotationConflictError(`the key of shop ${id} was changed meanwhile; run the command again`);
      throw error;
    }
    if (oldHash === undefined) return { found: true, oldKeyDeleted: false };
    await this.deleteKey(oldHash, id);
    return { found: true, oldKeyDeleted: true };
  }

  private async deleteKey(keyHash: string, shopId: string): Promise<void> {
    try {
      await guard('dynamodb', () =>
        this.clients.doc.send(
          new DeleteCommand({
            TableName: this.config.tableName,
            Key: apiKeyKey(keyHash),
            ConditionExpression: 'shopId = :shop',
            ExpressionAttributeValues: { ':shop': shopId },
          }),
        ),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /**
   * Suspends a shop (its key is refused, and it is left out of new orders' candidates) or
   * lifts the suspension. Returns false if there is no such shop.
   */
  async setSuspended(id: string, suspended: boolean): Promise<boolean> {
    return suspended
      ? this.updateExisting(id, { UpdateExpression: 'SET suspended = :true', ExpressionAttributeValues: { ':true': true } })
      : this.updateExisting(id, { UpdateExpression: 'REMOVE suspended' });
  }

  /** Shops whose cell touches the circle, suspended ones left out; the caller filters by exact distance. */
  async near(lat: number, lon: number, radiusKm: number): Promise<Shop[]> {
    const cells = cellsCovering(lat, lon, radiusKm, INDEX_CELL_PRECISION);
    const pages = await Promise.all(
      cells.map((cell) =>
        guard('dynamodb', () =>
          this.clients.doc.send(
            new QueryCommand({
              TableName: this.config.tableName,
              IndexName: 'GSI1',
              KeyConditionExpression: 'GSI1PK = :cell',
              ExpressionAttributeValues: { ':cell': `GEO#${cell}` },
            }),
          ),
        ),
      ),
    );
    return pages.flatMap((page) => (page.Items ?? []).filter((item) => !isSuspended(item)).map(toShop));
  }

  /** Every shop: for the operator's `shops list`, not for request paths. */
  async list(): Promise<Shop[]> {
    return (await this.listAccounts()).map((account) => account.shop);
  }

  /** Every shop with its suspension state, oldest first (operator CLI). */
  async listAccounts(): Promise<ShopAccount[]> {
    const items = await collectItems(
      paginateScan(
        { client: this.clients.doc },
        { TableName: this.config.tableName, FilterExpression: 'SK = :sk', ExpressionAttributeValues: { ':sk': 'SHOP' } },
      ),
    );
    const webhook = (item: Record<string, unknown>) => (item.webhook ? { webhook: webhookState(item.webhook as ShopWebhook) } : {});
    return items.map((item) => ({ shop: toShop(item), suspended: isSuspended(item), ...webhook(item) })).sort((a, b) => a.shop.createdAt - b.shop.createdAt);
  }


  /**
   * Registers how fast the shop prints against the reference profile (validated by the caller
   * with speedFactorProblem). Returns false if there is no such shop.
   */
  async setSpeedFactor(id: string, speedFactor: number): Promise<boolean> {
    return this.updateExisting(id, { UpdateExpression: 'SET shop.speedFactor = :factor', ExpressionAttributeValues: { ':factor': speedFactor } });
  }

  /**
   * Registers how many filaments one job may use on the shop's printers (validated by the
   * caller with shopColoursProblem). Returns false if there is no such shop.
   */
  async setColours(id: string, colours: number): Promise<boolean> {
    return this.updateExisting(id, { UpdateExpression: 'SET shop.colours = :colours', ExpressionAttributeValues: { ':colours': colours } });
  }

  /** Opens or closes a shop for new offers. Returns false if there is no such shop. */
  async setOpen(id: string, open: boolean): Promise<boolean> {
    return this.updateExisting(id, {
      UpdateExpression: 'SET shop.#open = :open',
      ExpressionAttributeNames: { '#open': 'open' },
      ExpressionAttributeValues: { ':open': open },
    });
  }

  /** One update of a shop item that must already exist; false if there is no such shop. */
  private updateExisting(
    id: string,
    update: Pick<UpdateCommandInput, 'UpdateExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>,
  ): Promise<boolean> {
    return updateShopItem(this.clients, this.config, id, update);
  }
}

/**
 * One update of a shop item, conditional on it existing (or on the given ConditionExpression);
 * false when the condition failed. Shared by the shop and webhook stores.
 */
export const updateShopItem = async (
  clients: StoreClients,
  config: StoreConfig,
  id: string,
  update: Pick<UpdateCommandInput, 'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>,
): Promise<boolean> => {
  try {
    await guard('dynamodb', () =>
      clients.doc.send(new UpdateCommand({ TableName: config.tableName, Key: shopKey(id), ConditionExpression: 'attribute_exists(PK)', ...update })),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};
