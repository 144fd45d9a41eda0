// Customer order routes: place (idempotent), read, cancel, erase personal data, download.
// The secret token travels in the X-Order-Token header (or ?token= for plain links).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { IdempotencyHeaderSchema, OrderIdParam, OrderRequestSchema, OrderViewSchema, PlacedOrderSchema } from '../schemas.ts';
import { cancelOrder, eraseOrderData, placeCustomerOrder, readOwnOrder } from '../use-cases/orders.ts';
import { publicView } from '../../domain/order.ts';
import { json, problems } from './common.ts';

const TokenHeader = z.object({
  'x-order-token': z.string().max(128).optional().openapi({ param: { name: 'x-order-token', in: 'header' } }),
});
const TokenQuery = z.object({ token: z.string().max(128).optional().openapi({ param: { name: 'token', in: 'query' } }) });

const tokenOf = (c: Context<AppEnv>): string | undefined => c.req.header('x-order-token') ?? c.req.query('token');

/** The configured public address; the request's Host is the client's to choose, so it is never used. */
const baseUrl = (c: Context<AppEnv>): string => c.get('deps').publicBaseUrl;

const ownerRequest = { params: OrderIdParam, headers: TokenHeader, query: TokenQuery };
const ownerProblems = { 400: problems[400], 404: problems[404], 503: problems[503] };

export const orderRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    createRoute({
      method: 'post',
      path: '/orders',
      tags: ['customer'],
      request: { headers: IdempotencyHeaderSchema, body: { content: { 'application/json': { schema: OrderRequestSchema } }, required: true } },
      responses: {
        201: json(PlacedOrderSchema, 'Order placed'),
        200: json(PlacedOrderSchema, 'The same order, placed earlier with this Idempotency-Key'),
        400: problems[400], 410: problems[410], 413: problems[413], 415: problems[415], 422: problems[422], 503: problems[503],
      },
    }),
    async (c) => {
      const key = c.req.valid('header')['idempotency-key'];
      const { created, ...placed } = await placeCustomerOrder(c.get('deps'), key, c.req.valid('json'), baseUrl(c));
      c.header('cache-control', 'no-store');
      return c.json(placed as never, created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/orders/{id}', tags: ['customer'], request: ownerRequest, responses: { 200: json(OrderViewSchema, 'The order'), ...ownerProblems } }),
    async (c) => {
      const { order } = await readOwnOrder(c.get('deps'), c.req.valid('param').id, tokenOf(c));
      c.header('cache-control', 'no-store');
      return c.json(publicView(order, c.get('deps').clock()) as never, 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/orders/{id}/cancel', tags: ['customer'], request: ownerRequest, responses: { 200: json(OrderViewSchema, 'Cancelled'), 409: problems[409], ...ownerProblems } }),
    async (c) => c.json((await cancelOrder(c.get('deps'), c.req.valid('param').id, tokenOf(c))) as never, 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/orders/{id}/personal-data',
      tags: ['customer'],
      request: ownerRequest,
      responses: { 200: json(OrderViewSchema, 'Personal data erased'), 409: problems[409], ...ownerProblems },
    }),
    async (c) => c.json((await eraseOrderData(c.get('deps'), c.req.valid('param').id, tokenOf(c))) as never, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/orders/{id}/files',
      tags: ['customer'],
      request: ownerRequest,
      responses: { 200: json(z.object({ stl: z.string(), expiresAt: z.number() }), 'A short-lived STL link'), ...ownerProblems },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { order } = await readOwnOrder(deps, c.req.valid('param').id, tokenOf(c));
      const stl = await deps.stores.meshes.downloadUrl(order.hash, 'stl', `${order.designId}-${order.id}.stl`, 900, 'ordered');
      c.header('cache-control', 'no-store');
      return c.json({ stl, expiresAt: deps.clock() + 900_000 }, 200);
    },
  );
