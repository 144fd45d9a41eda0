// What the notifier Lambda is given, and what it does with it: stream records name orders that
// were written (keys only, so no personal data travels in the stream); a scheduled event asks
// for the sweep (retries that came due, offers that expired with no write, anything a failed
// invocation left behind).
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { Notifier } from './notifier.ts';

/** The scheduled rule's input (infra/constructs/notifier.ts). */
export interface SweepEvent {
  sweep: true;
}

export type NotifierEvent = DynamoDBStreamEvent | SweepEvent;

/** The order ids named by a stream batch, each once, in order. */
export const orderIdsOf = (event: DynamoDBStreamEvent): string[] => {
  const ids = new Set<string>();
  for (const record of event.Records) {
    const keys = record.dynamodb?.Keys;
    const pk = keys?.PK?.S;
    if (record.eventName !== 'REMOVE' && keys?.SK?.S === 'ORDER' && pk?.startsWith('ORDER#')) ids.add(pk.slice('ORDER#'.length));
  }
  return [...ids];
};

/**
 * Drains each order a stream batch names, or sweeps. A failed send is recorded on its entry and
 * retried by a later sweep, so one order's trouble does not block the shard; only a failure
 * to reach the table itself throws (the event source then retries the batch).
 */
export const handleNotifierEvent = async (notifier: Notifier, event: NotifierEvent): Promise<void> => {
  if ('sweep' in event) return notifier.sweep();
  for (const id of orderIdsOf(event)) await notifier.drainOrder(id);
};
