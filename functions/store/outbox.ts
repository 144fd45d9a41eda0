// The notifier's access to the email outbox on the order items (see store/orders.ts): its
// bookkeeping writes, each conditional on the order's version and bumping it, so that an order
// change racing a send can never put back an entry the notifier already marked sent (that
// change fails its own condition and is re-judged on the fresh item); and the sweep, which finds
// pending sends and offers that expired with no write.
import { paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { nextDueAt, type Outbox } from '../domain/notifications.ts';
import type { Order } from '../domain/order.ts';
import type { StoreClients } from './clients.ts';
import type { StoreConfig } from './config.ts';
import { collectItems, guard } from './errors.ts';

/** What the sweep finds: an order with pending sends (due at `due`), or one still open for offers. */
export interface SweepItem {
  orderId: string;
  due: number | null;
  /** The order while it sits in the open-offers index, so expiry can be judged; otherwise null. */
  open: Order | null;
}

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export class OutboxStore {
  constructor(
    private readonly clients: StoreClients,
    private readonly config: StoreConfig,
  ) {}

  /**
   * Replaces the outbox of an order still at `version`, and sets the order's version to
   * version + 1. False (nothing written) when the order changed since it was read.
   */
  async save(orderId: string, version: number, outbox: Outbox): Promise<boolean> {
    const due = nextDueAt(outbox);
    try {
      await guard('dynamodb', () =>
        this.clients.doc.send(
          new UpdateCommand({
            TableName: this.config.tableName,
            Key: { PK: `ORDER#${orderId}`, SK: 'ORDER' },
            UpdateExpression: due === null ? 'SET outbox = :outbox, #order.#version = :next REMOVE outboxDue' : 'SET outbox = :outbox, outboxDue = :due, #order.#version = :next',
            ConditionExpression: '#order.#version = :expected',
            ExpressionAttributeNames: { '#order': 'order', '#version': 'version' },
            ExpressionAttributeValues: { ':outbox': outbox, ':next': version + 1, ':expected': version, ...(due === null ? {} : { ':due': due }) },
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
   * Every order with a pending send or still open for offers. A Scan with a filter: it reads
   * the whole table, which is fine for the local host and a small table; a sparse index on
   * outboxDue is the step when the table grows (docs/notifications.md).
   */
  async sweep(): Promise<SweepItem[]> {
    const items = await collectItems(
      paginateScan(
        { client: this.clients.doc },
        {
          TableName: this.config.tableName,
          FilterExpression: 'SK = :order AND (attribute_exists(outboxDue) OR attribute_exists(GSI1PK))',
          ProjectionExpression: 'PK, outboxDue, GSI1PK, #order',
          ExpressionAttributeNames: { '#order': 'order' },
          ExpressionAttributeValues: { ':order': 'ORDER' },
        },
      ),
    );
    return items.map((item) => ({
      orderId: String(item.PK).slice('ORDER#'.length),
      due: typeof item.outboxDue === 'number' ? item.outboxDue : null,
      open: item.GSI1PK ? (item.order as Order) : null,
    }));
  }
}
