// The one-machine host: dynalite and s3rver with data on disk, the table and bucket, demo
// shops on first run, and one Node HTTP server for the API and the built web app.
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { createApp } from '../functions/api/app.ts';
import { jsonLogger, silentLogger } from '../functions/api/logger.ts';
import { notFound } from '../functions/api/problem.ts';
import { tokenBucketLimiter } from '../functions/api/rate-limit.ts';
import { registerShop } from '../functions/api/use-cases/register-shop.ts';
import { createDeps } from '../functions/api/wiring.ts';
import { createClients } from '../functions/store/clients.ts';
import type { StoreConfig } from '../functions/store/config.ts';
import { ensureBucket, ensureTable } from '../functions/store/local-resources.ts';
import { startLocalServices } from '../functions/store/local-services.ts';
import { DEMO_SHOPS } from './demo-shops.ts';

export const LOCAL_TABLE = 'atelier';
export const LOCAL_BUCKET = 'atelier-meshes';

export interface LocalHostOptions {
  port: number;
  dataDir: string;
  webDir: string;
  /** Print one JSON line per request. */
  verbose?: boolean;
  /** Requests per second allowed per client or shop key (burst is 4× this). */
  rateLimitPerSecond?: number;
}

export interface DemoShopKey {
  id: string;
  name: string;
  apiKey: string;
}

export interface LocalHost {
  url: string;
  config: StoreConfig;
  demoShops: DemoShopKey[];
  close: () => Promise<void>;
}

const FALLBACK_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Atelier</title>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>Atelier</h1><p>The API is running under <a href="/api/designs">/api</a>
(<a href="/api/openapi.json">OpenAPI</a>). The web app has not been built: run <code>npm run build:web</code>.</p></body></html>`;

/** Seeds demo shops once and remembers their keys under the data dir (local demo only). */
const seedDemoShops = async (dataDir: string, deps: ReturnType<typeof createDeps>): Promise<DemoShopKey[]> => {
  const file = join(dataDir, 'demo-shops.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as DemoShopKey[];
  const keys: DemoShopKey[] = [];
  for (const shop of DEMO_SHOPS) {
    const existing = await deps.stores.shops.get(shop.id!);
    if (existing) continue;
    const { apiKey } = await registerShop(deps.stores.shops, shop, deps.clock());
    keys.push({ id: shop.id!, name: shop.name, apiKey });
  }
  await writeFile(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
};

export const startLocalHost = async (options: LocalHostOptions): Promise<LocalHost> => {
  const dataDir = resolve(options.dataDir);
  await mkdir(join(dataDir, 's3'), { recursive: true });
  const services = await startLocalServices({ dataDir: join(dataDir, 'dynamodb'), s3Dir: join(dataDir, 's3') });
  const config: StoreConfig = {
    tableName: LOCAL_TABLE,
    bucketName: LOCAL_BUCKET,
    region: 'eu-central-1',
    dynamoEndpoint: services.dynamoEndpoint,
    s3Endpoint: services.s3Endpoint,
    localCredentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  };
  const clients = createClients(config);
  await ensureTable(clients, config);
  await ensureBucket(clients, config);
  const perSecond = options.rateLimitPerSecond ?? 200;
  const deps = createDeps(config, {
    clients,
    logger: options.verbose ? jsonLogger() : { ...silentLogger, error: jsonLogger().error },
    rateLimiter: perSecond > 0 ? tokenBucketLimiter({ perSecond, burst: perSecond * 4 }) : undefined,
  });
  const demoShops = await seedDemoShops(dataDir, deps);

  const app = createApp(deps);
  const webRoot = relative(process.cwd(), resolve(options.webDir)) || '.';
  const hasWeb = existsSync(join(options.webDir, 'index.html'));
  // Unknown /api paths must stay problem+json 404s, never the web app's HTML.
  const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
  const staticFiles = serveStatic({ root: webRoot });
  const appShell = serveStatic({ root: webRoot, path: 'index.html' });
  app.use('/*', (c, next) => (isApi(c.req.path) ? next() : hasWeb ? staticFiles(c, next) : next()));
  app.get('*', async (c, next) => {
    if (isApi(c.req.path)) return notFound(`Route GET ${c.req.path}`).getResponse(c.get('requestId'));
    if (!hasWeb) return c.html(FALLBACK_PAGE);
    // Client-side routes fall back to the app shell.
    return (await appShell(c, next)) ?? c.notFound();
  });

  const server: ServerType = await new Promise((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: '0.0.0.0' }, () => resolveServer(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  // Lets `npm run shops` and `npm run insights` reach this process's dynalite while it runs.
  const endpointsFile = join(dataDir, 'endpoints.json');
  await writeFile(endpointsFile, JSON.stringify({ ...config, localCredentials: undefined, pid: process.pid }, null, 2));
  return {
    url: `http://localhost:${port}`,
    config,
    demoShops,
    close: async () => {
      // Stop accepting, let requests in flight finish (up to 2 s), and only then close the
      // stores under them: closing dynalite mid-request crashes the process.
      await new Promise<void>((done) => {
        const http = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        const force = setTimeout(() => http.closeAllConnections?.(), 2_000);
        server.close(() => {
          clearTimeout(force);
          done();
        });
        http.closeIdleConnections?.();
      });
      clients.dynamo.destroy();
      clients.s3.destroy();
      await services.close();
      await rm(endpointsFile, { force: true });
    },
  };
};
