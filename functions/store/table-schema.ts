// The single table's key schema, shared by the local host (which creates it in dynalite)
// and the CDK stack (which declares it), so the two can never drift apart.

export const KEY_ATTRIBUTES = { partition: 'PK', sort: 'SK' } as const;

export const INDEXES = [
  /** Open orders by geohash cell; shops by geohash cell. */
  { name: 'GSI1', partition: 'GSI1PK', sort: 'GSI1SK' },
  /** Claimed orders by shop. */
  { name: 'GSI2', partition: 'GSI2PK', sort: 'GSI2SK' },
  /** Orders the notifier has something due for (sparse): DUE#<shard> / zero-padded due time (store/due-index.ts). */
  { name: 'GSI3', partition: 'GSI3PK', sort: 'GSI3SK' },
] as const;

/** Attribute DynamoDB's TTL deletes expired quotes by (dynalite ignores it; reads filter). */
export const TTL_ATTRIBUTE = 'expiresAt';
