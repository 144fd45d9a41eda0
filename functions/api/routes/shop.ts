// Shop routes (Bearer API key): poll, claim, heartbeat, status, reject, files; the webhook
// registration (routes/shop-webhook.ts) behind the same key check.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { RejectReason, ShopStatus } from '../../domain/order.ts';
import type { ProductionReport } from '../../domain/production-report.ts';
import { HeartbeatRequestSchema, JobFilesSchema, OrderIdParam, RejectReceiptSchema, RejectRequestSchema, ShopJobListSchema, ShopJobSchema, StatusRequestSchema } from '../schemas.ts';
import { shopAuth, type ShopEnv } from '../shop-auth.ts';
import { claimJob, getJob, heartbeatJob, jobFiles, listJobs, rejectJob, setJobStatus } from '../use-cases/shop-jobs.ts';
import { json, problems } from './common.ts';
import { addShopWebhookRoutes } from './shop-webhook.ts';

const security = [{ shopKey: [] }];
const jobProblems = { 400: problems[400], 401: problems[401], 404: problems[404], 409: problems[409], 422: problems[422], 503: problems[503] };
const jobRoute = (method: 'get' | 'post', path: string, summary: string) =>
  createRoute({
    method,
    path,
    summary,
    tags: ['shop'],
    security,
    request: { params: OrderIdParam },
    responses: { 200: json(path.endsWith('/files') ? JobFilesSchema : ShopJobSchema, summary), ...jobProblems },
  });
const jobRouteWithBody = <B extends z.ZodType>(path: string, summary: string, body: B, response: z.ZodType = ShopJobSchema, required = true) =>
  createRoute({
    method: 'post',
    path,
    summary,
    tags: ['shop'],
    security,
    request: { params: OrderIdParam, body: { content: { 'application/json': { schema: body } }, required } },
    responses: { 200: json(response, summary), ...jobProblems },
  });

/** An optional JSON body sent empty (content-type set, no bytes) counts as `{}`, as no body does. */
const emptyBodyIsEmptyObject: MiddlewareHandler = async (c, next) => {
  // Without a content type the validator is skipped already. With one, c.req.json() parses the
  // cached text (hono 4.13), so the validator then reads `{}`; a test covers both.
  if (c.req.header('content-type') && (await c.req.text()).trim() === '') c.req.bodyCache.text = Promise.resolve('{}') as never; // the cache holds promises, typed as values
  await next();
};

export const shopRoutes = new OpenAPIHono<ShopEnv>();
shopRoutes.use('/shop/*', shopAuth());

shopRoutes
  .openapi(
    createRoute({
      method: 'get',
      path: '/shop/jobs',
      summary: 'Jobs this shop may see: its own and the ones offered to it',
      tags: ['shop'],
      security,
      responses: { 200: json(ShopJobListSchema, 'Visible jobs'), 401: problems[401], 503: problems[503] },
    }),
    async (c) => {
      c.header('cache-control', 'no-store');
      const shop = c.get('shop');
      return c.json({ shop: { id: shop.id, name: shop.name }, jobs: await listJobs(c.get('deps'), shop) } as never, 200);
    },
  )
  .openapi(jobRoute('get', '/shop/jobs/{id}', 'One visible job'), async (c) =>
    c.json((await getJob(c.get('deps'), c.get('shop'), c.req.valid('param').id)) as never, 200),
  )
  .openapi(jobRoute('post', '/shop/jobs/{id}/claim', 'Claim the job (a lease)'), async (c) =>
    c.json((await claimJob(c.get('deps'), c.get('shop'), c.req.valid('param').id)) as never, 200),
  )
  .openapi(
    {
      ...jobRouteWithBody('/shop/jobs/{id}/heartbeat', 'Extend the lease; optionally report progress and sliced figures', HeartbeatRequestSchema, ShopJobSchema, false),
      middleware: [emptyBodyIsEmptyObject] as const,
    },
    async (c) => c.json((await heartbeatJob(c.get('deps'), c.get('shop'), c.req.valid('param').id, c.req.valid('json'))) as never, 200),
  )
  .openapi(jobRouteWithBody('/shop/jobs/{id}/status', 'Report a status step, optionally with progress and sliced figures', StatusRequestSchema), async (c) => {
    const { status, tracking, ...report } = c.req.valid('json');
    return c.json((await setJobStatus(c.get('deps'), c.get('shop'), c.req.valid('param').id, status as ShopStatus, tracking, report)) as never, 200);
  })
  .openapi(jobRouteWithBody('/shop/jobs/{id}/reject', 'Decline the job with a reason', RejectRequestSchema, RejectReceiptSchema), async (c) => {
    const body = c.req.valid('json');
    return c.json((await rejectJob(c.get('deps'), c.get('shop'), c.req.valid('param').id, body.reason as RejectReason, body.note)) as never, 200);
  })
  .openapi(jobRoute('get', '/shop/jobs/{id}/files', 'Short-lived STL and 3MF links with their sha256'), async (c) =>
    c.json((await jobFiles(c.get('deps'), c.get('shop'), c.req.valid('param').id)) as never, 200),
  );

addShopWebhookRoutes(shopRoutes);
