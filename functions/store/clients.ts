// Builds the AWS SDK v3 clients from a StoreConfig. The same clients talk to AWS or, with
// an endpoint set, to dynalite and s3rver on loopback.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoreConfig } from './config.ts';

export interface StoreClients {
  dynamo: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  s3: S3Client;
  /** Client used only to sign download links; may point at a public endpoint. */
  s3Presign: S3Client;
}

export const createClients = (config: StoreConfig, options: { maxAttempts?: number } = {}): StoreClients => {
  const credentials = config.localCredentials;
  const dynamo = new DynamoDBClient({
    region: config.region,
    endpoint: config.dynamoEndpoint,
    credentials,
    maxAttempts: options.maxAttempts ?? 3,
  });
  const s3Options = {
    region: config.region,
    endpoint: config.s3Endpoint,
    credentials,
    forcePathStyle: Boolean(config.s3Endpoint),
    maxAttempts: options.maxAttempts ?? 3,
    // s3rver stores aws-chunked framing verbatim unless checksums are only sent when required.
    requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    responseChecksumValidation: 'WHEN_REQUIRED' as const,
  };
  const s3 = new S3Client(s3Options);
  return {
    dynamo,
    doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    s3,
    s3Presign: s3,
  };
};
