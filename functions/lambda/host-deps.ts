// What both Lambda entry points share: the app's dependencies wired from the environment the
// stack sets (TABLE_NAME, BUCKET_NAME, AWS_REGION; PUBLIC_BASE_URL for order links;
// ORDER_TOKEN_SECRET for order tokens; ORIGIN_VERIFY_SECRET, the header CloudFront adds).
import type { AppDeps } from '../api/deps.ts';
import { createDeps } from '../api/wiring.ts';
import { MIN_ORDER_TOKEN_SECRET_LENGTH } from '../domain/ids.ts';
import { ConfigError, storeConfigFromEnv } from '../store/config.ts';

/**
 * Dependencies for a Lambda host. Behind CloudFront the request URL names the API Gateway
 * domain (and the Host header is the client's to choose), so links the customer keeps use
 * the site's own origin, which the stack passes in. Missing settings stop the cold start.
 * @example export const handler = handle(createApp(lambdaDeps()));
 */
export const lambdaDeps = (env: Record<string, string | undefined> = process.env): AppDeps => {
  const orderTokenSecret = requiredEnv('ORDER_TOKEN_SECRET', env);
  if (orderTokenSecret.length < MIN_ORDER_TOKEN_SECRET_LENGTH) {
    throw new ConfigError(`environment variable ORDER_TOKEN_SECRET must have at least ${MIN_ORDER_TOKEN_SECRET_LENGTH} characters`);
  }
  return createDeps(storeConfigFromEnv(env), {
    publicBaseUrl: requiredEnv('PUBLIC_BASE_URL', env).replace(/\/+$/, ''),
    orderTokenSecret,
    // Set on the HTTP functions (the stack test checks it); the notifier serves no requests.
    originVerifySecret: env.ORIGIN_VERIFY_SECRET || undefined,
  });
};

/** A variable the stack always sets; its absence is a deployment bug, reported at cold start. */
export const requiredEnv = (name: string, env: Record<string, string | undefined> = process.env): string => {
  const value = env[name];
  if (!value) throw new ConfigError(`environment variable ${name} must be set`);
  return value;
};
