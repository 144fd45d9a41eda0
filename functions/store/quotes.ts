// Quotes in the single table. They expire: DynamoDB's TTL deletes them in AWS; reads filter
// expired ones everywhere, since TTL deletion is lazy and dynalite has none.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { QuoteRecord } from '../domain/order.ts';
import type { Candidate } from '../domain/routing.ts';
import type { StoreClients } from './clients.ts';
import type { StoreConfig } from './config.ts';
import { guard } from './errors.ts';
import { TTL_ATTRIBUTE } from './table-schema.ts';

/** A stored quote: the priced quote plus the candidate shops it was priced over. */
export interface StoredQuote extends QuoteRecord {
  candidates: Candidate[];
}

const quoteKey = (id: string) => ({ PK: `QUOTE#${id}`, SK: 'QUOTE' });

export class QuoteStore {
  constructor(
    private readonly clients: StoreClients,
    private readonly config: StoreConfig,
  ) {}

  async put(quote: StoredQuote): Promise<void> {
    await guard('dynamodb', () =>
      this.clients.doc.send(
        new PutCommand({
          TableName: this.config.tableName,
          // TTL wants epoch seconds; keep an hour of grace so an order in flight still finds it.
          Item: { ...quoteKey(quote.id), [TTL_ATTRIBUTE]: Math.ceil(quote.expiresAt / 1000) + 3600, quote },
        }),
      ),
    );
  }

  /**
   * Coarsens what a quote reveals about where the customer was (exact shop distances)
   * once an order from it has its personal data erased. The ~30 km routing cell stays.
   */
  async forgetLocation(id: string, coarsen: (km: number) => number): Promise<void> {
    const { Item } = await guard('dynamodb', () => this.clients.doc.send(new GetCommand({ TableName: this.config.tableName, Key: quoteKey(id) })));
    if (!Item) return;
    const quote = Item.quote as StoredQuote;
    const candidates = quote.candidates.map((c) => ({ ...c, distanceKm: coarsen(c.distanceKm) }));
    await guard('dynamodb', () =>
      this.clients.doc.send(
        new UpdateCommand({
          TableName: this.config.tableName,
          Key: quoteKey(id),
          UpdateExpression: 'SET #quote.candidates = :candidates',
          ExpressionAttributeNames: { '#quote': 'quote' },
          ExpressionAttributeValues: { ':candidates': candidates },
        }),
      ),
    );
  }

  /** The quote, or undefined if it never existed; `expired` says if it is past its time. */
  async get(id: string, now: number): Promise<{ quote: StoredQuote; expired: boolean } | undefined> {
    const { Item } = await guard('dynamodb', () => this.clients.doc.send(new GetCommand({ TableName: this.config.tableName, Key: quoteKey(id) })));
    if (!Item) return undefined;
    const quote = Item.quote as StoredQuote;
    return { quote, expired: now >= quote.expiresAt };
  }
}
