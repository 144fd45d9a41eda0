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

export interface ClientOptions {
  maxAttempts?: number;
  /**
   * Local mode only: the address download links are signed for, e.g.
   * `http://192.168.1.10:3000/files` when the local host proxies /files/* to s3rver, so links
   * work from other machines (s3rver itself listens on loopback). Path-style, the path prefix
   * kept. Unset (always in AWS): links are signed for the S3 client's own endpoint.
   */
  presignEndpoint?: string;
}

/**
 * Per attempt: time to connect, and time until the response starts. The SDK's default is no
 * limit, so a DynamoDB or S3 that accepts a connection and never answers held a request
 * forever (locally) or until the Lambda timed out (no problem+json, no Retry-After). With
 * three attempts a hung DynamoDB becomes a 503 after about 6.5 s, inside the API function's 10 s.
 */
export const DYNAMO_REQUEST_TIMEOUT_MS = 2_000;
export const S3_REQUEST_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 1_000;

export const createClients = (config: StoreConfig, options: ClientOptions = {}): StoreClients => {
  const credentials = config.localCredentials;
  const handler = (requestTimeout: number) => ({ connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout, throwOnRequestTimeout: true });
  const dynamo = new DynamoDBClient({
    region: config.region,
    endpoint: config.dynamoEndpoint,
    credentials,
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: handler(DYNAMO_REQUEST_TIMEOUT_MS),
  });
  const s3Options = {
    region: config.region,
    endpoint: config.s3Endpoint,
    credentials,
    forcePathStyle: Boolean(config.s3Endpoint),
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: handler(S3_REQUEST_TIMEOUT_MS),
    // s3rver stores aws-chunked framing verbatim unless checksums are only sent when required.
    requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    responseChecksumValidation: 'WHEN_REQUIRED' as const,
  };
  const s3 = new S3Client(s3Options);
  return {
    dynamo,
    doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    s3,
    s3Presign: options.presignEndpoint ? new S3Client({ ...s3Options, endpoint: options.presignEndpoint, forcePathStyle: true }) : s3,
  };
};
