// Shops and their API keys in the single table. A shop item is indexed by its geohash cell
// (GSI1) so routing finds the shops near a customer with a few queries; an API key is stored
// only as its sha256, pointing at the shop it belongs to.
import { GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cellsCovering, encode } from '../domain/geohash.ts';
import type { Shop } from '../domain/shop.ts';
import { INDEX_CELL_PRECISION } from './cells.ts';
import type { StoreClients } from './clients.ts';
import type { StoreConfig } from './config.ts';
import { guard } from './errors.ts';

const shopKey = (id: string) => ({ PK: `SHOP#${id}`, SK: 'SHOP' });
const apiKeyKey = (keyHash: string) => ({ PK: `KEY#${keyHash}`, SK: 'KEY' });

const toShop = (item: Record<string, unknown>): Shop => item.shop as Shop;

export class ShopStore {
  constructor(
    private readonly clients: StoreClients,
    private readonly config: StoreConfig,
  ) {}

  /** Stores a new shop and its key hash. The shop first, so a key never points at nothing. */
  async create(shop: Shop, apiKeyHash: string): Promise<void> {
    const cell = encode(shop.lat, shop.lon, INDEX_CELL_PRECISION);
    await guard('dynamodb', () =>
      this.clients.doc.send(
        new PutCommand({
          TableName: this.config.tableName,
          Item: { ...shopKey(shop.id), GSI1PK: `GEO#${cell}`, GSI1SK: `SHOP#${shop.id}`, shop },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    await guard('dynamodb', () =>
      this.clients.doc.send(
        new PutCommand({
          TableName: this.config.tableName,
          Item: { ...apiKeyKey(apiKeyHash), shopId: shop.id },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
  }

  async get(id: string): Promise<Shop | undefined> {
    const { Item } = await guard('dynamodb', () => this.clients.doc.send(new GetCommand({ TableName: this.config.tableName, Key: shopKey(id) })));
    return Item ? toShop(Item) : undefined;
  }

  /** The shop an API key (by its hash) belongs to. */
  async byKeyHash(keyHash: string): Promise<Shop | undefined> {
    const { Item } = await guard('dynamodb', () =>
      this.clients.doc.send(new GetCommand({ TableName: this.config.tableName, Key: apiKeyKey(keyHash) })),
    );
    return Item ? this.get(Item.shopId as string) : undefined;
  }

  /** Shops whose cell touches the circle; the caller filters by exact distance. */
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
    return pages.flatMap((page) => (page.Items ?? []).map(toShop));
  }

  /** Every shop: for the operator's `shops list`, not for request paths. */
  async list(): Promise<Shop[]> {
    const shops: Shop[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await guard('dynamodb', () =>
        this.clients.doc.send(
          new ScanCommand({
            TableName: this.config.tableName,
            FilterExpression: 'SK = :sk',
            ExpressionAttributeValues: { ':sk': 'SHOP' },
            ExclusiveStartKey: start,
          }),
        ),
      );
      shops.push(...(page.Items ?? []).map(toShop));
      start = page.LastEvaluatedKey;
    } while (start);
    return shops.sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Opens or closes a shop for new offers. Returns false if there is no such shop. */
  async setOpen(id: string, open: boolean): Promise<boolean> {
    try {
      await guard('dynamodb', () =>
        this.clients.doc.send(
          new UpdateCommand({
            TableName: this.config.tableName,
            Key: shopKey(id),
            UpdateExpression: 'SET shop.#open = :open',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: { '#open': 'open' },
            ExpressionAttributeValues: { ':open': open },
          }),
        ),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
