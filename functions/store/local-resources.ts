// Creates the table and the bucket when missing: used by `npm start` and by tests against
// dynalite and s3rver. In AWS the CDK stack creates them instead.
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import type { StoreClients } from './clients.ts';
import type { StoreConfig } from './config.ts';
import { INDEXES, KEY_ATTRIBUTES } from './table-schema.ts';

export const ensureTable = async ({ dynamo }: StoreClients, { tableName }: StoreConfig): Promise<'created' | 'existed'> => {
  try {
    await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    return 'existed';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException) && (error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  const attributes = [KEY_ATTRIBUTES.partition, KEY_ATTRIBUTES.sort, ...INDEXES.flatMap((i) => [i.partition, i.sort])];
  await dynamo.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: KEY_ATTRIBUTES.partition, KeyType: 'HASH' },
        { AttributeName: KEY_ATTRIBUTES.sort, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: INDEXES.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partition, KeyType: 'HASH' },
          { AttributeName: index.sort, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  return 'created';
};

export const ensureBucket = async ({ s3 }: StoreClients, { bucketName }: StoreConfig): Promise<'created' | 'existed'> => {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucketName }));
    return 'existed';
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
    return 'created';
  }
};
