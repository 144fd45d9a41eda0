// "What customers wanted but could not get": anonymous counters per design, parameter and
// direction, bumped with one atomic conditional ADD each, counted once per refusal even when
// the write is retried. No personal data, no request details (refusal ids are random).
import { GetCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreClients } from './clients.ts';
import type { StoreConfig } from './config.ts';
import { collectItems, guard, isConditionFailure } from './errors.ts';

/** Refusal ids a counter remembers, to recognize a repeated write (about 30 KB of item). */
const MAX_REMEMBERED = 1_000;


/** How a configuration was refused: past a range end, too long, undrawable characters, or a cross-field rule. */
export type PushDirection = 'too_small' | 'too_large' | 'too_long' | 'charset' | 'rule';

export interface LimitPush {
  designId: string;
  param: string;
  direction: PushDirection;
}

export interface InsightRow extends LimitPush {
  count: number;
  lastAt: number;
}

export class InsightsStore {
  constructor(
    private readonly clients: StoreClients,
    private readonly config: StoreConfig,
    /** Refusal ids a counter remembers (tests lower it to reach the start-over path). */
    private readonly rememberIds = MAX_REMEMBERED,
  ) {}

  /**
   * Adds one to the counter for `push`, once per `refusalId` however often the call is
   * repeated: the SDK retries a write whose reply timed out, and that write may have landed.
   * The counter keeps the ids it has counted (up to rememberIds; when full, it starts
   * over from the current one), and a repeat of a remembered id changes nothing.
   */
  async record(push: LimitPush, now: number, refusalId: string): Promise<void> {
    const key = { PK: 'INSIGHTS', SK: `${push.designId}#${push.param}#${push.direction}` };
    const values = { ':one': 1, ':d': push.designId, ':p': push.param, ':dir': push.direction, ':now': now, ':ids': new Set([refusalId]), ':id': refusalId };
    const names = { '#count': 'count', '#counted': 'counted' };
    const update = (expression: string, condition: string, extra: Record<string, unknown> = {}) =>
      guard('dynamodb', () =>
        this.clients.doc.send(
          new UpdateCommand({
            TableName: this.config.tableName,
            Key: key,
            UpdateExpression: expression,
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ...values, ...extra },
          }),
        ),
      );
    try {
      await update(
        'ADD #count :one, #counted :ids SET designId = :d, param = :p, direction = :dir, lastAt = :now',
        'attribute_not_exists(#counted) OR (NOT contains(#counted, :id) AND size(#counted) < :max)',
        { ':max': this.rememberIds },
      );
      return;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await guard('dynamodb', () => this.clients.doc.send(new GetCommand({ TableName: this.config.tableName, Key: key, ConsistentRead: true })));
    if ((Item?.counted as Set<string> | undefined)?.has(refusalId)) return;
    try {
      await update('ADD #count :one SET #counted = :ids, designId = :d, param = :p, direction = :dir, lastAt = :now', 'NOT contains(#counted, :id)');
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async all(): Promise<InsightRow[]> {
    const items = await collectItems(
      paginateQuery(
        { client: this.clients.doc },
        { TableName: this.config.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'INSIGHTS' } },
      ),
    );
    return items.map((item) => ({
      designId: item.designId as string,
      param: item.param as string,
      direction: item.direction as PushDirection,
      count: item.count as number,
      lastAt: item.lastAt as number,
    }));
  }

}
