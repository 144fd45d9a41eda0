// The orders whose shop reported sliced figures, for the operator's "quoted vs actual" table
// (`npm run insights`). A filtered scan: an operator command, never a request path.
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import type { SlicedJob } from '../domain/quoted-vs-sliced.ts';
import type { StoreClients } from './clients.ts';
import type { StoreConfig } from './config.ts';
import { collectItems } from './errors.ts';

/** Every order item with `order.sliced` set, reduced to what the comparison reads. */
export const readSlicedJobs = async (clients: StoreClients, config: StoreConfig): Promise<SlicedJob[]> => {
  const items = await collectItems(
    paginateScan(
      { client: clients.doc },
      {
        TableName: config.tableName,
        FilterExpression: 'begins_with(PK, :order) AND attribute_exists(#o.#sliced.#seconds)',
        ProjectionExpression: '#o.#design, #o.#quantity, #o.#seconds, #o.#weight, #o.#sliced',
        ExpressionAttributeNames: {
          '#o': 'order', '#sliced': 'sliced', '#seconds': 'printSeconds', '#design': 'designId', '#quantity': 'quantity', '#weight': 'weightGrams',
        },
        ExpressionAttributeValues: { ':order': 'ORDER#' },
      },
    ),
  );
  return items.map((item) => item.order as SlicedJob);
};
