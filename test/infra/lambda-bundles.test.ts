// The Lambda bundles exactly as `cdk synth` builds them: synthesized into a temporary cloud
// assembly, found through the template's Code.S3Key and the asset manifest, loaded by Node's
// own ESM loader in a worker thread with only the environment the stack sets, and invoked
// with API Gateway HTTP API events against dynalite and s3rver: quote (mesh function, its
// manifold WASM loaded from beside the bundle) → order → shop poll → claim → files.
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../functions/api/logger.ts';
import { registerShop } from '../../functions/api/use-cases/register-shop.ts';
import { createDeps } from '../../functions/api/wiring.ts';
import type { AtelierFunction } from '../../infra/constructs/atelier-function.ts';
import { ORIGIN_VERIFY_HEADER } from '../../functions/api/security-policy.ts';
import { API_ROUTE, QUOTE_ROUTE } from '../../infra/constructs/http-api.ts';
import { TEST_HOST_SETTINGS } from '../support/host-settings.ts';
import { startLocalStack, type LocalStack } from '../support/local-stack.ts';
import { httpApiEvent, jsonBody } from './apigw-event.ts';
import { startLambda, type LambdaRunner } from './lambda-runner.ts';
import { synthAtelier, type Synthesized } from './synth.ts';

const MB = 1_000_000;
const BERLIN = { lat: 52.52, lon: 13.405 };
const SITE = 'https://d111111abcdef8.cloudfront.net';
/** What the stack passes in from Secrets Manager; CloudFront adds the origin one to every request. */
const ORDER_TOKEN_SECRET = 'bundle-test-order-token-secret-0123456789';
const ORIGIN_VERIFY_SECRET = 'bundle-test-origin-secret';
const viaCloudFront = { [ORIGIN_VERIFY_HEADER]: ORIGIN_VERIFY_SECRET };
const delivery = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', country: 'DE' };
const quoteBody = (text: string) => ({ designId: 'name-tag', params: { text }, material: 'PLA', quantity: 1, location: BERLIN });

/** The directory CDK zips for a function: its Code.S3Key in the template, looked up in the asset manifest. */
const assetDirOf = (synth: Synthesized, fn: AtelierFunction): string => {
  const stack = synth.assembly.getStackByName(synth.app.stackName);
  const logicalId = synth.app.getLogicalId(fn.function.node.defaultChild as CfnFunction);
  const key = (stack.template.Resources[logicalId].Properties.Code as { S3Key: string }).S3Key;
  const manifest = JSON.parse(readFileSync(join(synth.outdir, `${stack.stackName}.assets.json`), 'utf8')) as {
    files: Record<string, { source: { path: string }; destinations: Record<string, { objectKey: string }> }>;
  };
  const entry = Object.values(manifest.files).find((file) => Object.values(file.destinations).some((d) => d.objectKey === key));
  if (!entry) throw new Error(`no asset in the manifest for ${key}`);
  return join(synth.outdir, entry.source.path);
};

const dirBytes = (dir: string): number => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);

describe('Lambda bundles from the cloud assembly', () => {
  let synth: Synthesized;
  let local: LocalStack;
  let dirs: { api: string; mesh: string };
  let api: LambdaRunner;
  let mesh: LambdaRunner;
  let lambdaEnv: Record<string, string>;

  beforeAll(async () => {
    synth = synthAtelier({ bundle: true, cfnValidation: false });
    dirs = { api: assetDirOf(synth, synth.app.apiFunction), mesh: assetDirOf(synth, synth.app.meshFunction) };
    local = await startLocalStack();
    // What the stack sets on both functions, plus the local endpoints in place of AWS.
    lambdaEnv = {
      TABLE_NAME: local.config.tableName,
      BUCKET_NAME: local.config.bucketName,
      AWS_REGION: local.config.region,
      PUBLIC_BASE_URL: SITE,
      ORDER_TOKEN_SECRET,
      ORIGIN_VERIFY_SECRET,
      ATELIER_DYNAMODB_ENDPOINT: local.config.dynamoEndpoint!,
      ATELIER_S3_ENDPOINT: local.config.s3Endpoint!,
    };
    [api, mesh] = await Promise.all([startLambda(dirs.api, lambdaEnv, 'api'), startLambda(dirs.mesh, lambdaEnv, 'mesh')]);
  });

  afterAll(async () => {
    await Promise.all([api?.close(), mesh?.close()]);
    await local?.close();
    synth?.dispose();
  });

  /** What API Gateway does: POST /api/quotes to the mesh function, every other route to the API function. */
  const invoke = (method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) => {
    const viaCdn = { ...options, headers: { ...viaCloudFront, ...options.headers } };
    return method === 'POST' && path === '/api/quotes'
      ? mesh.invoke(httpApiEvent(QUOTE_ROUTE, method, path, viaCdn))
      : api.invoke(httpApiEvent(API_ROUTE, method, path, viaCdn));
  };

  it('keeps each bundle within its budget and ships the WASM only with the mesh function', () => {
    const apiBytes = dirBytes(dirs.api);
    const meshBytes = dirBytes(dirs.mesh);
    console.info(`bundle sizes: API ${apiBytes} B; mesh ${meshBytes} B (index.mjs ${statSync(join(dirs.mesh, 'index.mjs')).size} B + manifold.wasm + fonts)`);
    expect(api.importMetaKeys).not.toContain('glob');
    expect(readdirSync(dirs.api)).toEqual(['index.mjs']);
    // The typefaces ride beside the mesh bundle as files, read when a quote first letters in one.
    expect(readdirSync(dirs.mesh).sort()).toEqual(['Comfortaa_700Bold.ttf', 'NotoSans_600SemiBold.ttf', 'NotoSerif_600SemiBold.ttf', 'index.mjs', 'manifold.wasm']);
    // 1.1 MB: the postal-code formats of every country (~116 KB raw) ride along so the API refuses what the page refuses.
    expect(apiBytes).toBeLessThanOrEqual(1.1 * MB);
    // 3.2 MB: the three typefaces' TTFs (1.25 MB: Noto Sans 631 KB, Noto Serif 507 KB, Comfortaa 111 KB) ride beside the code.
    expect(meshBytes).toBeLessThanOrEqual(3.2 * MB);
    for (const dir of [dirs.api, dirs.mesh]) {
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      // esbuild's stand-in for a CommonJS require it could not bundle; it throws in an ES module.
      expect(code).not.toContain('Dynamic require of');
      // zod's translated locales are aliased away; the German one would carry this message.
      expect(code).not.toContain('Ungültige Eingabe');
    }
  });

  it('runs quote → order → shop poll → claim → files as deployed code would', async () => {
    const deps = createDeps(local.config, { ...TEST_HOST_SETTINGS, clients: local.clients, logger: silentLogger });
    const { apiKey } = await registerShop(
      deps.stores.shops,
      { name: 'Mitte Makers', lat: 52.53, lon: 13.4, materials: ['PLA'], buildVolume: { x: 220, y: 220, z: 250 } },
      Date.now(),
    );
    const asShop = { authorization: `Bearer ${apiKey}` };

    const quote = await invoke('POST', '/api/quotes', { body: quoteBody('ADA') });
    expect(quote.statusCode).toBe(201);
    const quoted = jsonBody(quote);
    expect(quoted.shopCount).toBe(1);
    const stl = await fetch(quoted.files.stl);
    expect(stl.status).toBe(200);
    expect((await stl.arrayBuffer()).byteLength).toBe(84 + 50 * quoted.printability.triangles);

    const placed = await invoke('POST', '/api/orders', { body: { quoteId: quoted.id, delivery }, headers: { 'idempotency-key': 'bundle-test-key-0001' } });
    expect(placed.statusCode).toBe(201);
    const order = jsonBody(placed);
    expect(order.orderUrl).toMatch(new RegExp(`^${SITE}/#/orders/${order.id}\\?token=`));

    const polled = await invoke('GET', '/api/shop/jobs', { headers: asShop });
    expect(polled.statusCode).toBe(200);
    expect(jsonBody(polled).jobs.map((j: { id: string }) => j.id)).toEqual([order.id]);

    const claimed = await invoke('POST', `/api/shop/jobs/${order.id}/claim`, { headers: asShop });
    expect(claimed.statusCode).toBe(200);
    expect(jsonBody(claimed).claimedByYou).toBe(true);

    const files = await invoke('GET', `/api/shop/jobs/${order.id}/files`, { headers: asShop });
    expect(files.statusCode).toBe(200);
    const { threeMf } = jsonBody(files);
    expect((await (await fetch(threeMf.url)).arrayBuffer()).byteLength).toBe(threeMf.bytes);

    const seen = await invoke('GET', `/api/orders/${order.id}`, { headers: { 'x-order-token': order.token } });
    expect(jsonBody(seen).state).toBe('CLAIMED');
  });

  it('refuses a request that did not come through CloudFront (no or wrong origin header) with a 403 problem, on both functions', async () => {
    for (const headers of [{}, { [ORIGIN_VERIFY_HEADER]: 'guessed' }] as Record<string, string>[]) {
      const direct = await api.invoke(httpApiEvent(API_ROUTE, 'GET', '/api/designs', { headers }));
      const directQuote = await mesh.invoke(httpApiEvent(QUOTE_ROUTE, 'POST', '/api/quotes', { body: quoteBody('DIRECT'), headers }));
      for (const reply of [direct, directQuote]) {
        expect(reply.statusCode).toBe(403);
        expect(reply.headers?.['content-type']).toBe('application/problem+json');
      }
    }
    expect((await invoke('GET', '/api/designs')).statusCode).toBe(200);
  });

  it('takes AWS credentials from the environment, as Lambda supplies them, without the unshipped providers', async () => {
    const quoted = jsonBody(await invoke('POST', '/api/quotes', { body: quoteBody('ENV') }));
    const order = jsonBody(await invoke('POST', '/api/orders', { body: { quoteId: quoted.id, delivery }, headers: { 'idempotency-key': 'bundle-test-key-0002' } }));
    // No ATELIER_* endpoints, so the store builds its clients exactly as in AWS (no static
    // credentials); only the SDK's own endpoint variables point them at dynalite and s3rver.
    const asInAws = await startLambda(
      dirs.api,
      {
        TABLE_NAME: lambdaEnv.TABLE_NAME!,
        BUCKET_NAME: lambdaEnv.BUCKET_NAME!,
        AWS_REGION: lambdaEnv.AWS_REGION!,
        PUBLIC_BASE_URL: SITE,
        ORDER_TOKEN_SECRET,
        ORIGIN_VERIFY_SECRET,
        AWS_ENDPOINT_URL_DYNAMODB: local.config.dynamoEndpoint!,
        AWS_ENDPOINT_URL_S3: local.config.s3Endpoint!,
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        AWS_SESSION_TOKEN: 'lambda-session-token',
      },
      'api-env-credentials',
    );
    try {
      const reply = await asInAws.invoke(httpApiEvent(API_ROUTE, 'GET', `/api/orders/${order.id}`, { headers: { ...viaCloudFront, 'x-order-token': order.token } }));
      expect(reply.statusCode).toBe(200);
      expect(jsonBody(reply).id).toBe(order.id);
    } finally {
      await asInAws.close();
    }
  });
});
