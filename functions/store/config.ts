// One typed place that reads the environment, once, and fails loudly on a missing value.
// Local mode and AWS differ only by endpoints and credentials.

export interface StoreConfig {
  tableName: string;
  bucketName: string;
  region: string;
  /** Set for dynalite; undefined in AWS. */
  dynamoEndpoint?: string;
  /** Set for s3rver; undefined in AWS. */
  s3Endpoint?: string;
  /** Static credentials for the local stand-ins (s3rver insists on access key S3RVER). */
  localCredentials?: { accessKeyId: string; secretAccessKey: string };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const required = (env: Record<string, string | undefined>, name: string): string => {
  const value = env[name];
  if (!value) throw new ConfigError(`environment variable ${name} must be set`);
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
    dynamoEndpoint,
    s3Endpoint,
    localCredentials: dynamoEndpoint || s3Endpoint ? { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } : undefined,
  };
};
