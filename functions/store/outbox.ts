// The notifier's access to the outbox on the order items (emails and shop webhooks, see
// store/orders.ts): its bookkeeping writes, each conditional on the order's version and bumping
// it, so that an order change racing a send can never put back an entry the notifier already
// marked sent (that change fails its own condition and is re-judged on the fresh item); and the
// sweep, which queries the sparse due index (store/due-index.ts) for orders with a send due or
// an offer that expired with no write.
import { paginateQuery, paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { nextDueAt, type Outbox } from '../domain/notifications.ts';
import type { Order } from '../domain/order.ts';
import type { StoreClients } from './clients.ts';
import type { StoreConfig } from './config.ts';
import { DUE_INDEX, DUE_SHARDS, dueKeys, dueSortKey } from './due-index.ts';
import { collectItems, guard, isConditionFailure } from './errors.ts';

/** What the sweep finds: an order with something due (a send, or its offer's expiry). */
export interface SweepItem {
  orderId: string;
  /** The order while it sits in the open-offers index, so expiry can be judged; otherwise null. */
  open: Order | null;
}

/** dynalite cannot add an index to an existing table: a local table from before GSI3 lacks it. */
const isMissingIndex = (error: unknown) => (error as Error).name === 'ValidationException' && /index/i.test((error as Error).message);

export class OutboxStore {
  constructor(
    private readonly clients: StoreClients,
    private readonly config: StoreConfig,
  ) {}

  /**
   * Replaces the outbox of `order` if it is still at `version`, and sets the order's version to
   * version + 1; the due index follows the new outbox. False (nothing written) when the order
   * changed since it was read.
   */
  async save(order: Order, version: number, outbox: Outbox): Promise<boolean> {
    const due = nextDueAt(outbox);
    const keys = dueKeys(order, outbox);
    const sets = ['outbox = :outbox', '#order.#version = :next', ...(due === null ? [] : ['outboxDue = :due']), ...('GSI3PK' in keys ? ['GSI3PK = :duePk', 'GSI3SK = :dueSk'] : [])];
    const removes = [...(due === null ? ['outboxDue'] : []), ...('GSI3PK' in keys ? [] : ['GSI3PK', 'GSI3SK'])];
    try {
      await guard('dynamodb', () =>
        this.clients.doc.send(
          new UpdateCommand({
            TableName: this.config.tableName,
            Key: { PK: `ORDER#${order.id}`, SK: 'ORDER' },
            UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: '#order.#version = :expected',
            ExpressionAttributeNames: { '#order': 'order', '#version': 'version' },
            ExpressionAttributeValues: {
              ':outbox': outbox, ':next': version + 1, ':expected': version,
              ...(due === null ? {} : { ':due': due }),
              ...('GSI3PK' in keys ? { ':duePk': keys.GSI3PK, ':dueSk': keys.GSI3SK } : {}),
            },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Every order with something due at `now`: DUE_SHARDS queries of the due index, reading only
   * what is due (the index is sparse, and a query stops at `now`). A local table created before
   * the index existed falls back to a Scan of the whole table.
   */
  async sweep(now: number): Promise<SweepItem[]> {
    try {
      const shards = await Promise.all(Array.from({ length: DUE_SHARDS }, (_, shard) => this.dueIn(shard, now)));
      return shards.flat();
    } catch (error) {
      if (!isMissingIndex(error)) throw error;
      return this.scan();
    }
  }

  private async dueIn(shard: number, now: number): Promise<SweepItem[]> {
    const items = await collectItems(
      paginateQuery(
        { client: this.clients.doc },
        {
          TableName: this.config.tableName,
          IndexName: DUE_INDEX,
          KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK <= :now',
          ProjectionExpression: 'PK, GSI1PK, #order',
          ExpressionAttributeNames: { '#order': 'order' },
          ExpressionAttributeValues: { ':pk': `DUE#${shard}`, ':now': dueSortKey(now) },
        },
      ),
    );
    return items.map(toSweepItem);
  }

  private async scan(): Promise<SweepItem[]> {
    const items = await collectItems(
      paginateScan(
        { client: this.clients.doc },
        {
          TableName: this.config.tableName,
          FilterExpression: 'SK = :order AND (attribute_exists(outboxDue) OR attribute_exists(GSI1PK))',
          ProjectionExpression: 'PK, GSI1PK, #order',
          ExpressionAttributeNames: { '#order': 'order' },
          ExpressionAttributeValues: { ':order': 'ORDER' },
        },
      ),
    );
    return items.map(toSweepItem);
  }
}

const toSweepItem = (item: Record<string, unknown>): SweepItem => ({
  orderId: String(item.PK).slice('ORDER#'.length),
  open: item.GSI1PK ? (item.order as Order) : null,
});
