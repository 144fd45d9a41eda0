// GET /api/openapi.json is a valid OpenAPI 3.1 document listing every route, and every API
// response (success, client mistake, unknown route) carries an X-Request-Id, which a problem
// body repeats.
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, placeOrder, QUOTE_BODY, randomId, type Api, type TestShop } from '../support/api-flow.ts';
import { call, type Reply } from '../support/http.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The parts of the OpenAPI 3.1 schema this API uses, as the specification words them. */
const Reference = z.object({ $ref: z.string().startsWith('#/') }).strict();
const MediaType = z.object({ schema: z.record(z.string(), z.unknown()), example: z.unknown().optional() });
const Content = z.record(z.string().regex(/^[\w.+-]+\/[\w.+*-]+$/), MediaType);
const Parameter = z
  .object({
    name: z.string().min(1),
    in: z.enum(['query', 'header', 'path', 'cookie']),
    required: z.boolean().optional(),
    description: z.string().optional(),
    schema: z.record(z.string(), z.unknown()),
    example: z.unknown().optional(),
  })
  .refine((p) => p.in !== 'path' || p.required === true, 'path parameters must be required');
const Response = z.union([Reference, z.object({ description: z.string(), content: Content.optional(), headers: z.record(z.string(), z.unknown()).optional() })]);
const Operation = z.object({
  operationId: z.string().optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  parameters: z.array(z.union([Reference, Parameter])).optional(),
  requestBody: z.union([Reference, z.object({ content: Content, required: z.boolean().optional(), description: z.string().optional() })]).optional(),
  responses: z.record(z.string().regex(/^(default|[1-5](\d\d|XX))$/), Response).refine((r) => Object.keys(r).length > 0, 'at least one response'),
});
const PathItem = z.object({ parameters: z.array(Parameter).optional(), ...Object.fromEntries(METHODS.map((m) => [m, Operation.optional()])) }).strict();
const OpenApi31 = z.object({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.object({ title: z.string().min(1), version: z.string().min(1), description: z.string().optional() }),
  servers: z.array(z.object({ url: z.string() })).optional(),
  paths: z.record(z.string().startsWith('/'), PathItem),
  components: z
    .object({
      schemas: z.record(z.string().regex(/^[\w.-]+$/), z.record(z.string(), z.unknown())).optional(),
      securitySchemes: z.record(z.string(), z.object({ type: z.enum(['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect']) }).passthrough()).optional(),
    })
    .passthrough()
    .optional(),
  webhooks: z.record(z.string(), z.unknown()).optional(),
});

/** Every `$ref` anywhere in the document. */
const refsIn = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(refsIn)
    : value && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refsIn(v)))
      : [];

const resolve = (doc: unknown, ref: string): unknown =>
  ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), doc);

const EXPECTED_ROUTES = [
  'get /designs',
  'get /designs/{id}',
  'post /quotes',
  'post /orders',
  'get /orders/{id}',
  'post /orders/{id}/cancel',
  'delete /orders/{id}/personal-data',
  'get /orders/{id}/files',
  'get /orders/{id}/notifications/stop',
  'post /orders/{id}/notifications/stop',
  'get /shop/jobs',
  'get /shop/jobs/{id}',
  'post /shop/jobs/{id}/claim',
  'post /shop/jobs/{id}/heartbeat',
  'post /shop/jobs/{id}/status',
  'post /shop/jobs/{id}/reject',
  'get /shop/jobs/{id}/files',
  'put /shop/webhook',
  'get /shop/webhook',
  'delete /shop/webhook',
];

describe('OpenAPI document and request ids', () => {
  let server: TestServer;
  let api: Api;
  let shop: TestShop;
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    [shop] = await addShopsNearBerlin(server, 1);
  });
  afterAll(() => server.close());

  it('serves a valid OpenAPI 3.1 document listing every route', async () => {
    const reply = await api('GET', '/openapi.json');

    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    const parsed = OpenApi31.safeParse(reply.body);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
    const doc = reply.body;
    const routes = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => m in item).map((m) => `${m} ${path}`));
    expect(routes.sort()).toEqual([...EXPECTED_ROUTES].sort());
    for (const ref of new Set(refsIn(doc))) expect(resolve(doc, ref), ref).toBeDefined();
    for (const [path, item] of Object.entries<Record<string, { parameters?: { name: string; in: string }[]; security?: Record<string, unknown>[] }>>(doc.paths)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, operation] of Object.entries(item)) {
        const params = operation.parameters ?? [];
        expect(params.filter((p) => p.in === 'path').map((p) => p.name).sort(), `${method} ${path}`).toEqual(templated);
        expect(new Set(params.map((p) => `${p.in}:${p.name.toLowerCase()}`)).size, `${method} ${path}`).toBe(params.length);
        for (const requirement of operation.security ?? []) {
          for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes[scheme], scheme).toBeDefined();
        }
      }
    }
    expect(doc.paths['/shop/jobs'].get.security).toEqual([{ shopKey: [] }]);
    expect(doc.paths['/orders'].post.parameters.map((p: { name: string }) => p.name.toLowerCase())).toContain('idempotency-key');
  });

  it('puts X-Request-Id on every response, and a problem body repeats it', async () => {
    const { id, token } = await placeOrder(api);
    const requests: [string, () => Promise<Reply>][] = [
      ['health', () => api('GET', '/health')],
      ['openapi', () => api('GET', '/openapi.json')],
      ['designs', () => api('GET', '/designs')],
      ['quote', () => api('POST', '/quotes', { body: QUOTE_BODY })],
      ['order', () => api('GET', `/orders/${id}`, { token })],
      ['poll', () => api('GET', '/shop/jobs', { key: shop.apiKey })],
      ['unknown design', () => api('GET', '/designs/no-such-design')],
      ['unknown route', () => api('GET', '/no-such-route')],
      ['outside /api', () => call(server.url, 'POST', '/no-such-page')],
      ['unknown method', () => api('PUT', '/designs')],
      ['missing order', () => api('GET', `/orders/${randomId()}`, { token })],
      ['missing job', () => api('POST', `/shop/jobs/${randomId()}/claim`, { key: shop.apiKey })],
      ['no key', () => api('GET', '/shop/jobs')],
      ['invalid', () => api('POST', '/quotes', { body: { ...QUOTE_BODY, quantity: 0 } })],
      ['malformed', () => api('POST', '/quotes', { rawBody: '{', headers: { 'content-type': 'application/json' } })],
      ['too large', () => api('POST', '/quotes', { rawBody: `"${'x'.repeat(70_000)}"`, headers: { 'content-type': 'application/json' } })],
      ['not json', () => api('POST', '/quotes', { rawBody: 'x', headers: { 'content-type': 'text/plain' } })],
      ['cancel', () => api('POST', `/orders/${id}/cancel`, { token })],
      ['cancel again (conflict)', () => api('POST', `/orders/${id}/cancel`, { token })],
    ];

    for (const [label, send] of requests) {
      const reply = await send();

      const header = reply.headers.get('x-request-id');
      expect(header, `${label} (${reply.status})`).toMatch(/^[\w-]{8,}$/);
      if (reply.status >= 400) {
        expect(reply.headers.get('content-type'), `${label} (${reply.status})`).toBe('application/problem+json');
        expect(reply.body.requestId, label).toBe(header);
      }
    }
  });

  it('keeps a well-formed X-Request-Id the client sent', async () => {
    const sent = 'trace-0123456789abcdef';

    const ok = await api('GET', '/designs', { headers: { 'x-request-id': sent } });
    const problem = await api('GET', '/designs/nope', { headers: { 'x-request-id': sent } });

    expect(ok.headers.get('x-request-id')).toBe(sent);
    expect(problem.headers.get('x-request-id')).toBe(sent);
    expect(problem.body.requestId).toBe(sent);
  });
});
