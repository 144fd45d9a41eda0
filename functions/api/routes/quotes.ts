// POST /quotes: an exact, expiring price for one configuration near the customer.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Material } from '../../domain/materials.ts';
import type { AppEnv } from '../deps.ts';
import { clientKey } from '../middleware.ts';
import { notFound } from '../problem.ts';
import { QuoteRequestSchema, QuoteResponseSchema } from '../schemas.ts';
import { createQuote } from '../use-cases/create-quote.ts';
import { json, problems } from './common.ts';

export const quoteRoutes = new OpenAPIHono<AppEnv>().openapi(
  createRoute({
    method: 'post',
    path: '/quotes',
    tags: ['customer'],
    request: { body: { content: { 'application/json': { schema: QuoteRequestSchema } }, required: true } },
    responses: { 201: json(QuoteResponseSchema, 'The quote'), 400: problems[400], 413: problems[413], 415: problems[415], 429: problems[429], 503: problems[503] },
  }),
  async (c) => {
    if (c.get('deps').buildsMeshes === false) throw notFound(`Route POST ${new URL(c.req.url).pathname} on this function`);
    const body = c.req.valid('json');
    const quote = await createQuote(c.get('deps'), { ...body, material: body.material as Material }, { client: clientKey(c as never) });
    return c.json(quote as never, 201);
  },
);
