// fast-check arbitraries for hostile HTTP requests against every route: wrong types, huge
// and non-finite numbers, NaN-ish strings, deep nesting, megabyte strings, unicode edge
// cases (lone surrogates, bidi controls, NUL, BOM), duplicate keys, wrong content types,
// path traversal and encoded slashes in ids, odd methods, duplicate query parameters.
import fc from 'fast-check';
import { catalogue } from '../../functions/designs/catalogue.ts';
import type { ParamSpec } from '../../functions/designs/types.ts';
import { applyEdits, fromValue, raw, serialize, type Edit, type JsonNode } from './json-tree.ts';
import type { World } from './world.ts';

export interface RouteSpec {
  method: string;
  /** Under /api, with {id} where an id goes. */
  path: string;
  /** What a shop or customer must prove; 'public' routes need nothing. */
  guard: 'public' | 'customer' | 'shop';
  /** A valid body for the route (the starting point of edits). */
  body?: (w: World) => unknown;
  /** True for routes that change an order. */
  mutates?: boolean;
}

export const ROUTES: RouteSpec[] = [
  { method: 'GET', path: '/health', guard: 'public' },
  { method: 'GET', path: '/openapi.json', guard: 'public' },
  { method: 'GET', path: '/designs', guard: 'public' },
  { method: 'GET', path: '/designs/{id}', guard: 'public' },
  {
    method: 'POST',
    path: '/quotes',
    guard: 'public',
    body: () => ({ designId: 'name-tag', params: { text: 'ADA', letterHeight: 8 }, material: 'PLA', quantity: 1, location: { lat: 52.52, lon: 13.405 } }),
  },
  {
    method: 'POST',
    path: '/orders',
    guard: 'public',
    body: (w) => ({
      quoteId: w.quoteId,
      delivery: { name: 'Fuzz Tester', line1: 'Teststrasse 1', postalCode: '10117', city: 'Berlin', country: 'DE' },
      contact: { email: 'fuzz@example.org' },
    }),
  },
  { method: 'GET', path: '/orders/{id}', guard: 'customer' },
  { method: 'POST', path: '/orders/{id}/cancel', guard: 'customer', mutates: true },
  { method: 'DELETE', path: '/orders/{id}/personal-data', guard: 'customer', mutates: true },
  { method: 'GET', path: '/orders/{id}/files', guard: 'customer' },
  { method: 'GET', path: '/shop/jobs', guard: 'shop' },
  { method: 'GET', path: '/shop/jobs/{id}', guard: 'shop' },
  { method: 'POST', path: '/shop/jobs/{id}/claim', guard: 'shop', mutates: true },
  { method: 'POST', path: '/shop/jobs/{id}/heartbeat', guard: 'shop', mutates: true },
  { method: 'POST', path: '/shop/jobs/{id}/status', guard: 'shop', mutates: true, body: () => ({ status: 'PRINTING' }) },
  { method: 'POST', path: '/shop/jobs/{id}/reject', guard: 'shop', mutates: true, body: () => ({ reason: 'printer_busy', note: 'busy' }) },
  { method: 'GET', path: '/shop/jobs/{id}/files', guard: 'shop' },
];

export interface HostileRequest {
  method: string;
  /** The request target as sent (percent-encoded where needed, tricks included). */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

// ---- values -------------------------------------------------------------------------------

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83d', '\ude00b', '\udbff\udbff'];

const HOSTILE_STRINGS = [
  '', ' ', '\t\n', 'NaN', 'Infinity', '-Infinity', '1e999', '0x10', '1_000', '١٢٣', '０１２', 'null', 'undefined', 'true', '{}', '[]',
  '__proto__', 'constructor', '../../etc/passwd', '..\\..\\windows', '%00', '\u0000', '\ufeff', '\u202eevil', '\u200b', 'A\u0301\u0301\u0301',
  '𝔸𝔻𝔸', '👩‍👩‍👧‍👦', 'ß', 'İ', 'ﬃ', '<script>alert(1)</script>', "' OR 1=1 --", '${7*7}', '{{7*7}}', 'PLA ', ' PLA', 'pla', 'name-tag ', 'NAME-TAG',
  ...LONE_SURROGATES,
];

const RAW_NUMBERS = ['1e999', '-1e999', '1e-999', '-0', '0.0', '1E400', '123456789012345678901234567890', '9007199254740993', '5e-324', '1.7976931348623157e308', '0.1e1', '-1', '2.5', '50.0000000000001'];

const bigString = fc.constantFrom(1_000, 20_000, 70_000, 1_100_000).chain((n) => fc.constantFrom('A', 'é', '😀', '\ud800').map((c) => c.repeat(Math.ceil(n / c.length))));

const deepNesting = fc.tuple(fc.constantFrom(64, 1_000, 10_000, 40_000), fc.boolean()).map(([depth, arrays]) =>
  raw(arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

const pollution = fc.constantFrom(
  raw('{"__proto__":{"polluted":true}}'),
  raw('{"constructor":{"prototype":{"polluted":true}}}'),
  raw('{"__proto__":null}'),
);

const stringNode = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme-composite', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.constantFrom('a'.repeat(64), 'a'.repeat(65), 'W'.repeat(14), 'W'.repeat(15), 'x'.repeat(101), 'x'.repeat(201), 'x'.repeat(255)), weight: 2 },
  { arbitrary: bigString, weight: 1 },
).map((s) => fromValue(s));

export const hostileValue: fc.Arbitrary<JsonNode> = fc.oneof(
  { arbitrary: fc.constantFrom(null, true, false, 0, 1, -1, 51, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 13.405, 52.52, 90.0001, -180.5).map(fromValue), weight: 3 },
  { arbitrary: fc.constantFrom(...RAW_NUMBERS).map(raw), weight: 3 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => raw(String(d))), weight: 1 },
  { arbitrary: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((n) => raw(String(n))), weight: 1 },
  { arbitrary: stringNode, weight: 5 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: pollution, weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map(fromValue), weight: 2 },
  { arbitrary: fc.constantFrom([], {}, [[]], [null], { text: 'ADA' }, ['PLA']).map(fromValue), weight: 1 },
);

const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '', ' ', 'a'.repeat(65), 'text\u0000', '\ud800', 'params.text', 'toString', 'hasOwnProperty', 'designId', 'status', 'token', 'TEXT', 'text '),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: hostileKey, value: hostileValue }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('dup' as const), at: fc.nat(), value: hostileValue, before: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('wrap' as const), at: fc.nat(), inArray: fc.boolean() }), weight: 1 },
);

const GARBAGE_BODIES = [
  '', ' ', '{', '}', '[', 'null', '"text"', '0', 'true', '[1,2', '{"a":1,}', "{'a':1}", '\ufeff{}', 'NaN', '{"a":NaN}', '{"a":Infinity}',
  '{"a":undefined}', '\u0000', '{"a":1}{"b":2}', '{"a":"\\ud800"}', '{"a":"\\x41"}', '{"a":"\\u12"}', '{"a":01}', '{"a":.5}', '{"a":+1}',
  '%7B%7D', 'designId=name-tag&quantity=1', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
];

/** Values at and just past a parameter's limits, and of the wrong kind. */
const edgeValues = (spec: ParamSpec): unknown[] => {
  switch (spec.type) {
    case 'number':
      return [spec.min - spec.step, spec.max + spec.step, spec.min - 1e-9, spec.max * 10, -spec.max, spec.min, spec.max, spec.min + spec.step / 3, String(spec.min), null, 1e308];
    case 'text':
      return ['W'.repeat(spec.maxLength + 1), 'W'.repeat(spec.maxLength), 'W'.repeat(spec.maxLength * 100), '', '  ', '\ud800', '😀', 'ÄÖÜ', 42];
    case 'choice':
      return [...spec.options.map((o) => o.value.toUpperCase()), `${spec.options[0].value} `, '', 0];
  }
};

/** A valid quote except for one or two parameters at or past their limits: what reaches the design validator. */
const nearValidQuote = fc
  .constantFrom(...catalogue)
  .chain((design) =>
    fc
      .array(
        fc.constantFrom(...design.params).chain((spec) => fc.constantFrom(...edgeValues(spec)).map((value) => [spec.key, value] as const)),
        { minLength: 1, maxLength: 2 },
      )
      .map((pairs) => JSON.stringify({ designId: design.id, params: Object.fromEntries(pairs), material: 'PLA', quantity: 1, location: { lat: 52.52, lon: 13.405 } })),
  );

const bodyFor = (route: RouteSpec, w: World): fc.Arbitrary<string | undefined> => {
  const template = fromValue(route.body ? route.body(w) : {});
  return fc.oneof(
    { arbitrary: route.path === '/quotes' ? nearValidQuote : fc.constant(serialize(template)), weight: route.path === '/quotes' ? 6 : 1 },
    { arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => serialize(applyEdits(template, edits))), weight: 8 },
    { arbitrary: hostileValue.map(serialize), weight: 2 },
    { arbitrary: fc.constantFrom(...GARBAGE_BODIES), weight: 2 },
    { arbitrary: fc.nat().map((n) => serialize(template).slice(0, n % Math.max(1, serialize(template).length))), weight: 1 },
    { arbitrary: fc.constant(serialize(template)), weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
};

// ---- ids, paths, queries ------------------------------------------------------------------

/** Percent-encodes every UTF-16 unit, lone surrogates included (as the 3-byte sequence a WTF-8 encoder writes). */
export const encodeLoose = (text: string): string =>
  [...text]
    .map((ch) => {
      const code = ch.charCodeAt(0);
      if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) {
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      }
      return encodeURIComponent(ch);
    })
    .join('');

const idFor = (w: World): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(w.delivered.id, w.placed.id), weight: 6 },
    { arbitrary: fc.constantFrom(w.quoteId, 'never0000000000000000x', 'name-tag', 'planter'), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        '.', '..', '%2e', '%2e%2e', '..%2F..%2Fetc%2Fpasswd', '%2F', '%2f%2f', `${w.delivered.id}%2Fclaim`, `${w.delivered.id}%00`, `${w.delivered.id}%0A`,
        '%ED%A0%80', '%FF', '%', '%zz', '%%', `${w.delivered.id}%3Ftoken%3Dx`, `${w.delivered.id};x=1`, '%20', '*', `${w.delivered.id.toUpperCase()}`,
        'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(4096), '%C0%AE%C0%AE', '%E2%80%AE', '..%5C..%5C', `${w.delivered.id}/..`, '~', '-', '_',
      ),
      weight: 4,
    },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map(encodeLoose), weight: 2 },
    { arbitrary: fc.constantFrom(...LONE_SURROGATES).map(encodeLoose), weight: 1 },
  );

const PATH_TRICKS: ((path: string) => string)[] = [
  (p) => p,
  (p) => `${p}/`,
  (p) => p.replace('/api/', '/api//'),
  (p) => p.replace('/api/', '/api/./'),
  (p) => p.replace('/api/', '/API/'),
  (p) => p.replace('/api/', '/api/%2e/'),
  (p) => `${p}/..`,
  (p) => `${p}/../..`,
  (p) => `${p}%2F..%2F..`,
  (p) => p.replace('/api/', '/api/x/../'),
  (p) => `${p}#fragment`,
  (p) => `/api/../../..${p}`,
];

const queryFor = (w: World): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.constant(''), weight: 8 },
    {
      arbitrary: fc.constantFrom(
        `?token=${w.delivered.token}`,
        `?token=${w.delivered.token}x`,
        `?token=a&token=b`,
        `?token=${w.delivered.token}&token=${w.delivered.token}`,
        `?token=${'a'.repeat(200)}`,
        '?token=%00',
        '?token=%ED%A0%80',
        '?%00=1',
        '?token',
        '?__proto__[polluted]=1',
        `?${'a=1&'.repeat(500)}`,
        '?token[]=1',
      ),
      weight: 2,
    },
  );

// ---- headers ------------------------------------------------------------------------------

const ODD_METHODS = ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'MKCOL', 'PURGE', 'LOCK', 'REPORT', 'SEARCH', 'QUERY', 'GET', 'POST'];

const CONTENT_TYPES = [
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16',
  'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/problem+json', 'application/vnd.api+json', 'application/jsonx', 'json',
  'application/json, text/plain', 'application/json;', '*/*', ' application/json', 'application/json\t', 'text/json', 'application/',
];

const authFor = (w: World): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: fc.constantFrom(w.shopA.apiKey, w.shopB.apiKey, w.shopC.apiKey).map((k) => `Bearer ${k}`), weight: 5 },
    {
      arbitrary: fc.constantFrom(
        'Bearer', 'Bearer ', 'Bearer x', `bearer ${w.shopA.apiKey}`, `Bearer  ${w.shopA.apiKey}`, `Bearer ${w.shopA.apiKey}x`, `Bearer ${w.shopA.apiKey.slice(0, -1)}`,
        `Bearer ${w.shopA.apiKey} ${w.shopB.apiKey}`, `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${'a'.repeat(250)}`, `Bearer ${'a'.repeat(8000)}`,
        'Bearer ../../etc/passwd', `Bearer ${w.delivered.token}`, 'Bearer null', 'Bearer ak_ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ',
      ),
      weight: 3,
    },
  );

const orderTokenFor = (w: World): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: fc.constant(w.delivered.token), weight: 4 },
    {
      arbitrary: fc.constantFrom(
        '', ' ', `${w.delivered.token}x`, w.delivered.token.slice(0, -1), w.delivered.token.toUpperCase(), `${w.delivered.token.slice(0, -1)}A`, 'a'.repeat(129), 'a'.repeat(5000), 'null', w.shopA.apiKey,
      ),
      weight: 3,
    },
  );

const idempotencyKey = fc.oneof(
  { arbitrary: fc.nat({ max: 50 }).map((n) => `fuzz-key-${String(n).padStart(4, '0')}`), weight: 5 },
  { arbitrary: fc.constant(undefined), weight: 2 },
  { arbitrary: fc.constantFrom('', 'short', 'a'.repeat(128), 'a'.repeat(129), 'has space 123', 'semi;colon;1', '../../../../', 'ÿÿÿÿÿÿÿÿÿ', 'key\twith\ttab'), weight: 3 },
);

const EXTRA_HEADERS: Record<string, string>[] = [
  {},
  { 'x-forwarded-for': '10.0.0.1, 127.0.0.1' },
  { 'content-encoding': 'gzip' },
  { 'x-http-method-override': 'DELETE' },
  { accept: 'application/xml' },
  { 'x-request-id': 'a'.repeat(500) },
  { 'x-request-id': '../../etc' },
  { origin: 'https://evil.example' },
  { expect: '100-continue' },
];

// ---- requests -----------------------------------------------------------------------------

export interface HostileOptions {
  /** Methods the transport cannot send (e.g. TRACE in-process, where Request refuses it). */
  excludeMethods?: string[];
}

export const hostileRequest = (w: World, options: HostileOptions = {}): fc.Arbitrary<HostileRequest> => {
  const methods = ODD_METHODS.filter((m) => !options.excludeMethods?.includes(m));
  return fc.constantFrom(...ROUTES).chain((route) =>
    fc
      .record({
        method: fc.oneof({ arbitrary: fc.constant(route.method), weight: 6 }, { arbitrary: fc.constantFrom(...methods), weight: 1 }),
        id: idFor(w),
        trick: fc.oneof({ arbitrary: fc.constant(0), weight: 8 }, { arbitrary: fc.nat({ max: PATH_TRICKS.length - 1 }), weight: 2 }),
        query: queryFor(w),
        auth: route.guard === 'shop' ? authFor(w) : fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: authFor(w), weight: 1 }),
        token: route.guard === 'customer' ? orderTokenFor(w) : fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: orderTokenFor(w), weight: 1 }),
        idempotency: route.path === '/orders' ? idempotencyKey : fc.constant(undefined),
        contentType: fc.oneof({ arbitrary: fc.constant('application/json'), weight: 8 }, { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 2 }, { arbitrary: fc.constant(undefined), weight: 1 }),
        body: bodyFor(route, w),
        extra: fc.constantFrom(...EXTRA_HEADERS),
      })
      .map(({ method, id, trick, query, auth, token, idempotency, contentType, body, extra }): HostileRequest => {
        const path = PATH_TRICKS[trick](`/api${route.path.replace('{id}', id)}`) + query;
        const headers: Record<string, string> = { ...extra };
        if (auth !== undefined) headers.authorization = auth;
        if (token !== undefined) headers['x-order-token'] = token;
        if (idempotency !== undefined) headers['idempotency-key'] = idempotency;
        const canHaveBody = method !== 'GET' && method !== 'HEAD';
        if (canHaveBody && body !== undefined && contentType !== undefined) headers['content-type'] = contentType;
        return { method, path, headers, body: canHaveBody ? body : undefined };
      }),
  );
};
