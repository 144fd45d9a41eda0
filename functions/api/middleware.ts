// Cross-cutting HTTP concerns: request ids, access log, JSON-only bodies with a size limit,
// rate limits, caching and browser policy headers, and the CloudFront origin check.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { constantTimeEqual } from '../domain/ids.ts';
import type { AppDeps, AppEnv } from './deps.ts';
import { ApiProblem, tooMany } from './problem.ts';
import { CLIENT_REQUEST_ID, CONTENT_SECURITY_POLICY, ORIGIN_VERIFY_HEADER, PERMISSIONS_POLICY } from './security-policy.ts';

/**
 * Names each request: the client's X-Request-Id if it matches CLIENT_REQUEST_ID (so a shop
 * agent or a proxy can follow its own id through), a fresh UUID otherwise. Nothing else a
 * client sends reaches the logs as the request id; the log line says whose id it is.
 */
export const requestIds = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const sent = c.req.header('x-request-id');
  const fromClient = sent !== undefined && CLIENT_REQUEST_ID.test(sent);
  const id = fromClient ? sent : crypto.randomUUID();
  c.set('requestId', id);
  c.set('requestIdFrom', fromClient ? 'client' : 'server');
  c.header('X-Request-Id', id);
  await next();
};

/**
 * Nothing the API answers may be kept by a browser or a shared cache unless its route says
 * so (the catalogue does): orders carry addresses and tokens, shop jobs addresses, quotes and
 * files signed links, problems request details. Set after the route, on every response.
 */
export const noStoreByDefault = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  await next();
  if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
};

/**
 * The browser policy CloudFront adds in AWS (infra/constructs/web-site.ts), set by the app
 * itself so the local host serves the web app under the same Content-Security-Policy.
 */
export const sitePolicyHeaders = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  await next();
  c.res.headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
  c.res.headers.set('permissions-policy', PERMISSIONS_POLICY);
};

/**
 * In AWS, only CloudFront may call the API: it adds ORIGIN_VERIFY_HEADER with a secret the
 * stack gives both, so a client calling the execute-api endpoint directly (around the CDN's
 * security headers) gets a 403. Hosts without a CDN set no secret and skip the check.
 */
export const verifyOrigin = (deps: AppDeps): MiddlewareHandler<AppEnv> => async (c, next) => {
  const secret = deps.originVerifySecret;
  if (secret && !constantTimeEqual(secret, c.req.header(ORIGIN_VERIFY_HEADER) ?? '')) {
    throw new ApiProblem(403, 'use-the-site', 'Not served here', 'This API is served through its site only; call it at the site\'s address, under /api.');
  }
  await next();
};

/**
 * One log line per request: route pattern (no ids, no query), status, duration. The same
 * duration goes to the client as `Server-Timing: app;dur=<ms>` (benchmarks read it).
 */
export const accessLog = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now();
  await next();
  const ms = Math.round((performance.now() - started) * 10) / 10;
  c.header('Server-Timing', `app;dur=${ms}`);
  c.get('deps').logger.info('request', {
    requestId: c.get('requestId'),
    requestIdFrom: c.get('requestIdFrom'),
    method: c.req.method,
    route: c.req.routePath,
    status: c.res.status,
    ms,
  });
};

export const limitBody = (deps: AppDeps): MiddlewareHandler<AppEnv> =>
  bodyLimit({
    maxSize: deps.bodyLimitBytes ?? 64 * 1024,
    onError: (c) =>
      new ApiProblem(413, 'too-large', 'Request body too large', `Bodies are limited to ${deps.bodyLimitBytes ?? 64 * 1024} bytes.`).getResponse(c.get('requestId')),
  });

/** Bodies must be JSON; anything else is a 415 before a validator ever sees it. */
export const requireJson = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
    const type = c.req.header('content-type') ?? '';
    const length = c.req.header('content-length');
    const hasBody = length !== '0' && (length !== undefined || c.req.header('transfer-encoding') !== undefined);
    // The stop-mails link may also be posted as a form (its page, RFC 8058 one-click unsubscribe).
    const formAllowed = c.req.path.endsWith('/notifications/stop') && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(type);
    if (hasBody && !formAllowed && !/^application\/(json|[\w.+-]+\+json)\s*(;|$)/i.test(type)) {
      throw new ApiProblem(415, 'unsupported-media-type', 'Unsupported media type', 'Send the body as application/json.', [
        { field: 'content-type', code: 'unsupported', message: 'must be application/json' },
      ]);
    }
  }
  await next();
};

/** Client address as the Node server or API Gateway reports it; fine for a rate-limit key. */
export const clientKey = (c: Parameters<MiddlewareHandler<AppEnv>>[0]): string => {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? 'unknown';
};

/**
 * Limits per shop key on shop routes, per client address everywhere else. A key that turns
 * out unknown (401) is charged to the client's address, and an address out of tokens may not
 * try keys, so making up a new key per request buys no fresh bucket.
 */
export const rateLimit = (deps: AppDeps): MiddlewareHandler<AppEnv> => async (c, next) => {
  const limiter = deps.rateLimiter;
  if (!limiter) return next();
  const auth = c.req.header('authorization');
  const address = `ip:${clientKey(c)}`;
  const now = deps.clock();
  if (auth === undefined || !c.req.path.startsWith('/api/shop/')) {
    const wait = limiter.take(address, now);
    if (wait > 0) throw tooMany(wait);
    return next();
  }
  const wait = limiter.peek(address, now) || limiter.take(`key:${auth.slice(-16)}`, now);
  if (wait > 0) throw tooMany(wait);
  await next();
  if (c.res.status === 401) limiter.take(address, now);
};
