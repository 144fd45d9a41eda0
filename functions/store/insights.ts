// "What customers wanted but could not get": anonymous counters per design, parameter and
// direction, bumped with one atomic ADD each. No personal data, no request details.
import { paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreClients } from './clients.ts';
import type { StoreConfig } from './config.ts';
import { collectItems, guard } from './errors.ts';

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
  ) {}

  async record(push: LimitPush, now: number): Promise<void> {
    await guard('dynamodb', () =>
      this.clients.doc.send(
        new UpdateCommand({
          TableName: this.config.tableName,
          Key: { PK: 'INSIGHTS', SK: `${push.designId}#${push.param}#${push.direction}` },
          UpdateExpression: 'ADD #count :one SET designId = :d, param = :p, direction = :dir, lastAt = :now',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':one': 1, ':d': push.designId, ':p': push.param, ':dir': push.direction, ':now': now },
        }),
      ),
    );
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
