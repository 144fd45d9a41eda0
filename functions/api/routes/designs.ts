// GET /designs and GET /designs/{id}: the catalogue with each design's parameter schema.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { catalogue, findDesign } from '../../designs/catalogue.ts';
import type { AnyDesign } from '../../designs/types.ts';
import type { AppEnv } from '../deps.ts';
import { notFound } from '../problem.ts';
import { DesignIdParam, DesignListSchema, DesignSchema } from '../schemas.ts';
import { json, problems } from './common.ts';

export const describeDesign = (design: AnyDesign) => ({
  id: design.id,
  version: design.version,
  name: design.name,
  description: design.description,
  params: design.params.map((p) => ({ ...p })),
});

export const designRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    createRoute({ method: 'get', path: '/designs', tags: ['catalogue'], responses: { 200: json(DesignListSchema, 'The catalogue') } }),
    (c) => {
      c.header('cache-control', 'public, max-age=300');
      return c.json({ designs: catalogue.map(describeDesign) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/designs/{id}',
      tags: ['catalogue'],
      request: { params: DesignIdParam },
      responses: { 200: json(DesignSchema, 'One design'), 400: problems[400], 404: problems[404] },
    }),
    (c) => {
      const design = findDesign(c.req.valid('param').id);
      if (!design) throw notFound('This design');
      c.header('cache-control', 'public, max-age=300');
      return c.json(describeDesign(design), 200);
    },
  );
