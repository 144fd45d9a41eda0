// The single table's key schema, shared by the local host (which creates it in dynalite)
// and the CDK stack (which declares it), so the two can never drift apart.

export const KEY_ATTRIBUTES = { partition: 'PK', sort: 'SK' } as const;

export const INDEXES = [
  /** Open orders by geohash cell; shops by geohash cell. */
  { name: 'GSI1', partition: 'GSI1PK', sort: 'GSI1SK' },
  /** Claimed orders by shop. */
  { name: 'GSI2', partition: 'GSI2PK', sort: 'GSI2SK' },
] as const;

/** Attribute DynamoDB's TTL deletes expired quotes by (dynalite ignores it; reads filter). */
export const TTL_ATTRIBUTE = 'expiresAt';
