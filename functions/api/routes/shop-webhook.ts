// Shop webhook routes (Bearer API key, mounted on the shop routes and their auth): PUT registers
// or replaces the shop's webhook and answers with its secret (the only time it is shown), GET
// answers its status without the secret, DELETE removes it (204, also when there was none).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { ShopEnv } from '../shop-auth.ts';
import { registerWebhook, webhookStatus } from '../use-cases/shop-webhook.ts';
import { WebhookRegistrationSchema, WebhookRequestSchema, WebhookStateSchema } from '../webhook-schemas.ts';
import { json, problems } from './common.ts';

const security = [{ shopKey: [] }];
const base = { path: '/shop/webhook' as const, tags: ['shop'], security };

export const addShopWebhookRoutes = (routes: OpenAPIHono<ShopEnv>) =>
  routes
    .openapi(
      createRoute({
        ...base,
        method: 'put',
        summary: "Register or replace this shop's webhook (also resumes a disabled one); the answer carries the signing secret, shown only here",
        request: { body: { content: { 'application/json': { schema: WebhookRequestSchema } }, required: true } },
        responses: { 200: json(WebhookRegistrationSchema, 'The registration with its secret'), 400: problems[400], 401: problems[401], 422: problems[422], 429: problems[429], 503: problems[503] },
      }),
      async (c) => {
        c.header('cache-control', 'no-store');
        const deps = c.get('deps');
        const webhook = await registerWebhook(deps.stores.shopWebhooks, c.get('shop').id, c.req.valid('json').url, deps.clock(), { allowLoopback: deps.localWebhooks === true });
        return c.json(webhook as never, 200);
      },
    )
    .openapi(
      createRoute({
        ...base,
        method: 'get',
        summary: "This shop's webhook and its delivery status, without the secret",
        responses: { 200: json(WebhookStateSchema, 'The webhook status'), 401: problems[401], 404: problems[404], 503: problems[503] },
      }),
      async (c) => {
        c.header('cache-control', 'no-store');
        const deps = c.get('deps');
        return c.json((await webhookStatus(deps.stores.shopWebhooks, c.get('shop').id)) as never, 200);
      },
    )
    .openapi(
      createRoute({
        ...base,
        method: 'delete',
        summary: "Remove this shop's webhook: no more deliveries",
        responses: { 204: { description: 'Removed (or there was none)' }, 401: problems[401], 429: problems[429], 503: problems[503] },
      }),
      async (c) => {
        await c.get('deps').stores.shopWebhooks.remove(c.get('shop').id);
        return c.body(null, 204);
      },
    );
