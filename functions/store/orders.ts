// Orders in the single table: one item per order, every change one conditional write on
// the version the caller read. While open for offers the item sits in GSI1 under its cell;
// while a shop works on it (CLAIMED, PRINTING, PRINTED), in GSI2 under SHOP#<shop>; once
// shipped, under SHOPDONE#<shop>, so a busy shop's finished jobs never crowd out its open ones.
//
// Shop polls read those two indexes over and over, so their results are reused for
// INDEX_CACHE_MS (see ReadCache): polls cost no query at all most of the time. Writes through
// this store drop what they make stale, so one process (npm start, tests) never sees stale
// lists; across Lambda instances a change shows up within INDEX_CACHE_MS, about as fast as a
// DynamoDB GSI propagates anyway (GSI reads are never strongly consistent). A stale list can
// at worst offer a job that was just taken: every change is judged on the item itself.
//
// The item also carries the order's email outbox (domain/notifications.ts), written by the same
// conditional write as the order, and `outboxDue` (the earliest pending send) while anything is
// pending, and the due index's keys (store/due-index.ts) while the notifier has anything due,
// which the notifier's sweep looks for (store/outbox.ts).
import { GetCommand, paginateQuery, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { cellsCovering } from '../domain/geohash.ts';
import { emptyOutbox, nextDueAt, type Outbox } from '../domain/notifications.ts';
import { hashOrderToken } from '../domain/ids.ts';
import { holderOf, isOpenForOffers, type Order, type OrderState } from '../domain/order.ts';
import { INDEX_CELL_PRECISION } from './cells.ts';
import { dueKeys } from './due-index.ts';
import type { StoreClients } from './clients.ts';
import type { StoreConfig } from './config.ts';
import { collectItems, guard, isConditionFailure, WriteConflictError } from './errors.ts';
import { ReadCache } from './read-cache.ts';

const orderKey = (id: string) => ({ PK: `ORDER#${id}`, SK: 'ORDER' });

/** The coarse index cell: a geohash prefix of the order's own (finer) cell. */
const indexCell = (order: Order): string => order.cell.slice(0, INDEX_CELL_PRECISION);

/** Secrets and index attributes stored beside the order, never part of the domain object. */
export interface OrderSecrets {
  /** sha256 (hex) of the customer's order token; the token itself is never stored. */
  tokenHash: string;
}

/** States in which the holder still has work to do. */
const ACTIVE_STATES: readonly OrderState[] = ['CLAIMED', 'PRINTING', 'PRINTED'];

const toItem = (order: Order, secrets: OrderSecrets, outbox: Outbox) => {
  const holder = holderOf(order);
  const due = nextDueAt(outbox);
  return {
    ...orderKey(order.id),
    ...(isOpenForOffers(order) ? { GSI1PK: `OPEN#${indexCell(order)}`, GSI1SK: `${order.placedAt}#${order.id}` } : {}),
    ...(holder ? { GSI2PK: `${ACTIVE_STATES.includes(order.state) ? 'SHOP' : 'SHOPDONE'}#${holder}`, GSI2SK: `${order.updatedAt}#${order.id}` } : {}),
    order,
    tokenHash: secrets.tokenHash,
    outbox,
    ...(due === null ? {} : { outboxDue: due }),
    ...dueKeys(order, outbox),
  };
};

export interface StoredOrder {
  order: Order;
  /** sha256 (hex) of the order token. */
  tokenHash: string;
  /**
   * The token in clear, only on items written before tokens were hashed (issue 16). Such an
   * item is read like any other (its hash is computed on read) and loses the clear token on
   * its next write, which stores the hash alone.
   */
  legacyToken?: string;
  /** The emails this order has produced (sent, pending, dropped). */
  outbox: Outbox;
}

const isSha256Hex = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

/** The order in an item; items written before progress existed lack those fields, read as null. */
const orderOf = (item: Record<string, unknown>): Order => {
  const order = item.order as Order;
  return { ...order, progress: order.progress ?? null, sliced: order.sliced ?? null };
};


/** How long a poll's index reads (open orders of a cell, a shop's held jobs) are reused. */
export const INDEX_CACHE_MS = 1_000;

export interface OrderStoreOptions {
  /** Default INDEX_CACHE_MS; 0 reads the indexes on every call. */
  indexCacheMs?: number;
  /** Called after every successful write with the outbox written (the local host's stand-in for a table stream). */
  onWrite?: (orderId: string, outbox: Outbox) => void;
}

export class OrderStore {
  private readonly openByCell: ReadCache<Order[]>;
  private readonly heldByShop: ReadCache<Order[]>;

  constructor(
    private readonly clients: StoreClients,
    private readonly config: StoreConfig,
    private readonly options: OrderStoreOptions = {},
  ) {
    this.openByCell = new ReadCache(options.indexCacheMs ?? INDEX_CACHE_MS);
    this.heldByShop = new ReadCache(options.indexCacheMs ?? INDEX_CACHE_MS);
  }

  /** Drops the cached index reads a write of this order makes stale. */
  private written(order: Order, outbox: Outbox): void {
    this.openByCell.delete(indexCell(order));
    // The previous holder is not known here; writes are rare next to polls, so drop them all.
    this.heldByShop.clear();
    this.options.onWrite?.(order.id, outbox);
  }

  /** Writes a new order; returns false (and writes nothing) if the id already exists. */
  async create(order: Order, secrets: OrderSecrets, outbox: Outbox = emptyOutbox()): Promise<boolean> {
    try {
      await guard('dynamodb', () =>
        this.clients.doc.send(
          new PutCommand({ TableName: this.config.tableName, Item: toItem(order, secrets, outbox), ConditionExpression: 'attribute_not_exists(PK)' }),
        ),
      );
      this.written(order, outbox);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async get(id: string): Promise<StoredOrder | undefined> {
    const { Item } = await guard('dynamodb', () =>
      this.clients.doc.send(new GetCommand({ TableName: this.config.tableName, Key: orderKey(id), ConsistentRead: true })),
    );
    if (!Item) return undefined;
    const outbox = (Item.outbox as Outbox | undefined) ?? emptyOutbox();
    if (isSha256Hex(Item.tokenHash)) return { order: orderOf(Item), tokenHash: Item.tokenHash, outbox };
    const legacyToken = String(Item.token ?? '');
    return { order: orderOf(Item), tokenHash: await hashOrderToken(legacyToken), legacyToken, outbox };
  }

  /**
   * Replaces the order if the stored one still has version `next.version - 1`; otherwise
   * throws WriteConflictError and changes nothing. `outbox` replaces the stored one: pass the
   * one read with the order, plus what the change adds (withNotifications).
   */
  async update(next: Order, secrets: OrderSecrets, outbox: Outbox): Promise<void> {
    try {
      await guard('dynamodb', () =>
        this.clients.doc.send(
          new PutCommand({
            TableName: this.config.tableName,
            Item: toItem(next, secrets, outbox),
            ConditionExpression: '#order.#version = :expected',
            ExpressionAttributeNames: { '#order': 'order', '#version': 'version' },
            ExpressionAttributeValues: { ':expected': next.version - 1 },
          }),
        ),
      );
      this.written(next, outbox);
    } catch (error) {
      if (isConditionFailure(error)) throw new WriteConflictError(`order ${next.id} changed since it was read`);
      throw error;
    }
  }

  /** Open orders indexed in the cells around a point (the caller filters by visibility). */
  async openNear(lat: number, lon: number, radiusKm: number): Promise<Order[]> {
    const cells = cellsCovering(lat, lon, radiusKm, INDEX_CELL_PRECISION);
    const pages = await Promise.all(cells.map((cell) => this.openByCell.get(cell, () => this.queryAll('GSI1', 'GSI1PK', `OPEN#${cell}`))));
    return pages.flat();
  }

  /** The jobs a shop is working on (CLAIMED, PRINTING, PRINTED), most recently changed first. */
  heldBy(shopId: string, limit = 100): Promise<Order[]> {
    return this.heldByShop.get(`${shopId}#${limit}`, () => this.queryHeldBy(shopId, limit));
  }

  private async queryHeldBy(shopId: string, limit: number): Promise<Order[]> {
    const page = await guard('dynamodb', () =>
      this.clients.doc.send(
        new QueryCommand({
          TableName: this.config.tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :v',
          ExpressionAttributeValues: { ':v': `SHOP#${shopId}` },
          ScanIndexForward: false,
          Limit: limit,
        }),
      ),
    );
    return (page.Items ?? []).map(orderOf);
  }

  private async queryAll(index: string, attribute: string, value: string): Promise<Order[]> {
    const items = await collectItems(
      paginateQuery(
        { client: this.clients.doc },
        {
          TableName: this.config.tableName,
          IndexName: index,
          KeyConditionExpression: '#k = :v',
          ExpressionAttributeNames: { '#k': attribute },
          ExpressionAttributeValues: { ':v': value },
        },
      ),
    );
    return items.map(orderOf);
  }

}
