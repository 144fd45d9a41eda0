// What both Lambda entry points share: the app's dependencies wired from the environment the
// stack sets (TABLE_NAME, BUCKET_NAME, AWS_REGION; PUBLIC_BASE_URL for order links).
import type { AppDeps } from '../api/deps.ts';
import { createDeps } from '../api/wiring.ts';
import { ConfigError, storeConfigFromEnv } from '../store/config.ts';

/**
 * Dependencies for a Lambda host. Behind CloudFront the request URL names the API Gateway
 * domain, so links the customer keeps (the order link) must use the site's own origin.
 * @example export const handler = handle(createApp(lambdaDeps()));
 */
export const lambdaDeps = (env: Record<string, string | undefined> = process.env): AppDeps =>
  createDeps(storeConfigFromEnv(env), { publicBaseUrl: env.PUBLIC_BASE_URL || undefined });

/** A variable the stack always sets; its absence is a deployment bug, reported at cold start. */
export const requiredEnv = (name: string, env: Record<string, string | undefined> = process.env): string => {
  const value = env[name];
  if (!value) throw new ConfigError(`environment variable ${name} must be set`);
  return value;
};
