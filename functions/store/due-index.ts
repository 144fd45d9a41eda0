// The sparse index the notifier's sweep reads (GSI3): an order item carries GSI3PK/GSI3SK only
// while the notifier has something due for it (a pending email or webhook, an offer that will
// expire), so the sweep queries what is due instead of scanning the table. The partition key
// is spread over DUE_SHARDS values by order id, so frequent writes (heartbeats move lease
// warnings) never pile onto one index partition; the sort key is the due time, zero-padded so
// string order is time order.
import { notifierDueAt, type Outbox } from '../domain/notifications.ts';
import type { Order } from '../domain/order.ts';

export const DUE_INDEX = 'GSI3';
export const DUE_SHARDS = 8;

/** The shard of an order id: a small stable hash (FNV-1a), so an order always lands in the same one. */
export const dueShard = (orderId: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < orderId.length; i++) h = Math.imul(h ^ orderId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % DUE_SHARDS;
};

export const dueSortKey = (at: number): string => String(Math.max(0, Math.floor(at))).padStart(15, '0');

/** The index attributes for an order item, or none when nothing is due. */
export const dueKeys = (order: Order, outbox: Outbox): { GSI3PK: string; GSI3SK: string } | Record<string, never> => {
  const at = notifierDueAt(order, outbox);
  return at === null ? {} : { GSI3PK: `DUE#${dueShard(order.id)}`, GSI3SK: dueSortKey(at) };
};
