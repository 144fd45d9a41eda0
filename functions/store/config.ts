// One typed place that reads the environment, once, and fails loudly on a missing value.
// Local mode and AWS differ only by endpoints, credentials and how download links are signed.
import type { LocalLinks } from './local-links.ts';

export interface StoreConfig {
  tableName: string;
  bucketName: string;
  region: string;
  /** Set for dynalite; undefined in AWS. */
  dynamoEndpoint?: string;
  /** Set for s3rver; undefined in AWS. */
  s3Endpoint?: string;
  /** Days a quoted (never ordered) mesh stays in the bucket; the stack's lifecycle rule uses the same. */
  quoteMeshDays?: number;
  /** Static credentials for the local stand-ins (s3rver insists on access key S3RVER). */
  localCredentials?: { accessKeyId: string; secretAccessKey: string };
  /**
   * The local host only: download links signed with this installation's secret and served by
   * the host itself (the stand-in's published credentials cannot protect a presigned URL).
   * Undefined in AWS, where links are S3 presigned URLs.
   */
  localLinks?: LocalLinks;
}

/**
 * s3rver accepts only this access key; dynalite accepts any. Spread a copy into each config:
 * the SDK marks the credentials object it is given, so one frozen or shared object will not do.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const required = (env: Record<string, string | undefined>, name: string): string => {
  const value = env[name];
  if (!value) throw new ConfigError(`environment variable ${name} must be set`);
  return value;
};

const positiveNumber = (name: string, text: string): number => {
  const value = Number(text);
  if (!(value > 1)) throw new ConfigError(`environment variable ${name} must be a number of days above 1, got "${text}"`);
  return value;
};

/** Reads TABLE_NAME, BUCKET_NAME, AWS_REGION and the optional local endpoints. */
export const storeConfigFromEnv = (env: Record<string, string | undefined> = process.env): StoreConfig => {
  const dynamoEndpoint = env.ATELIER_DYNAMODB_ENDPOINT || undefined;
  const s3Endpoint = env.ATELIER_S3_ENDPOINT || undefined;
  return {
    tableName: required(env, 'TABLE_NAME'),
    bucketName: required(env, 'BUCKET_NAME'),
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'eu-central-1',
    quoteMeshDays: env.QUOTE_MESH_DAYS ? positiveNumber('QUOTE_MESH_DAYS', env.QUOTE_MESH_DAYS) : undefined,
    dynamoEndpoint,
    s3Endpoint,
    localCredentials: dynamoEndpoint || s3Endpoint ? { ...LOCAL_CREDENTIALS } : undefined,
  };
};

/**
 * True where the table is a local stand-in (dynalite: npm start, tests): the one place shop
 * webhooks may be http or loopback (see notify/webhook-target.ts). Never true in AWS.
 */
export const isLocalStore = (config: StoreConfig): boolean => config.dynamoEndpoint !== undefined;
