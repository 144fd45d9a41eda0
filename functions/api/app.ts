// The HTTP app: fetch(Request) → Response. Lambda and the local Node server are adapters
// around it; tests call it directly with app.request() or over a socket.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './deps.ts';
import { onError } from './error-mapping.ts';
import { accessLog, limitBody, noStoreByDefault, rateLimit, requestIds, requireJson, sitePolicyHeaders, verifyOrigin } from './middleware.ts';
import { invalid, notFound } from './problem.ts';
import { designRoutes } from './routes/designs.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { orderRoutes } from './routes/orders.ts';
import { quoteRoutes } from './routes/quotes.ts';
import { shopRoutes } from './routes/shop.ts';

type Issue = { path: PropertyKey[]; code: string; message: string; keys?: string[]; params?: { code?: string } };

/** zod failures become one 400 problem naming every bad field. */
const defaultHook = (result: { success: boolean; error?: { issues: Issue[] }; target?: string }) => {
  if (result.success) return;
  const where = result.target === 'json' ? '' : `${result.target}.`;
  // Array elements read as colours[1], the way the use cases name them too.
  const fieldOf = (path: PropertyKey[]) =>
    `${where}${path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('')}` || 'body';
  const errors = (result.error?.issues ?? []).flatMap((issue) =>
    // An unknown key is reported at its parent; name the key itself so the client can find it.
    issue.code === 'unrecognized_keys' && issue.keys?.length
      ? issue.keys.map((key) => ({ field: fieldOf([...issue.path, key]), code: issue.code, message: `unknown field "${key}"` }))
      : [{ field: fieldOf(issue.path), code: issue.params?.code ?? issue.code, message: issue.message }],
  );
  throw invalid(errors);
};

const routeNotFound = (c: Context<AppEnv>) => notFound(`Route ${c.req.method} ${new URL(c.req.url).pathname}`).getResponse(c.get('requestId'));

export const createApp = (deps: AppDeps) => {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: defaultHook as never });
  api.onError(onError);
  api.notFound(routeNotFound);
  api.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  api.use('*', accessLog());
  api.use('*', noStoreByDefault());
  api.use('*', verifyOrigin(deps));
  if (deps.corsOrigins?.length) {
    api.use('*', cors({ origin: deps.corsOrigins, allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Order-Token'], exposeHeaders: ['X-Request-Id', 'Retry-After'] }));
  }
  api.use('*', rateLimit(deps));
  api.use('*', limitBody(deps));
  api.use('*', requireJson());
  api.get('/health', (c) => c.json({ ok: true }));
  api.route('/', designRoutes);
  api.route('/', quoteRoutes);
  api.route('/', orderRoutes);
  api.route('/', notificationRoutes);
  api.route('/', shopRoutes as never);
  api.openAPIRegistry.registerComponent('securitySchemes', 'shopKey', { type: 'http', scheme: 'bearer', description: 'The API key printed by `npm run shops -- add`' });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Atelier API', version: '1.0.0', description: 'Made-to-order 3D printing: catalogue, quotes, orders, and the pull API for print shops.' },
    servers: [{ url: '/api' }],
  });

  const app = new OpenAPIHono<AppEnv>();
  app.onError(onError);
  // A mounted app's notFound is not used for paths no route matches; the root's is.
  app.notFound(routeNotFound);
  // On the root, so every response (API or web) carries X-Request-Id.
  app.use('*', requestIds());
  // Baseline headers in every host (nosniff, frame and referrer policy...), and the same
  // Content-Security-Policy and Permissions-Policy as CloudFront sets in AWS, so the local
  // host serves the web app under the policy it was written for.
  app.use('*', secureHeaders({ strictTransportSecurity: false }));
  app.use('*', sitePolicyHeaders());
  app.route('/api', api);
  return app;
};

export type AtelierApp = ReturnType<typeof createApp>;
