// The one-machine host: dynalite and s3rver with data on disk, the table and bucket, demo
// shops on first run, and one Node HTTP server for the API, the built web app and the
// download links (/files/*, signed with this installation's secret and served from s3rver,
// which itself listens on loopback only).
import type { ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { createApp } from '../functions/api/app.ts';
import { jsonLogger, silentLogger } from '../functions/api/logger.ts';
import { notFound, unavailable } from '../functions/api/problem.ts';
import { tokenBucketLimiter } from '../functions/api/rate-limit.ts';
import { registerShop } from '../functions/api/use-cases/register-shop.ts';
import { hashApiKey } from '../functions/domain/ids.ts';
import { createDeps } from '../functions/api/wiring.ts';
import { createClients } from '../functions/store/clients.ts';
import type { StoreConfig } from '../functions/store/config.ts';
import { LOCAL_FILES_PATH } from '../functions/store/local-links.ts';
import { ensureBucket, ensureTable } from '../functions/store/local-resources.ts';
import { localStoreConfig, startLocalServices } from '../functions/store/local-services.ts';
import { DEMO_SHOPS } from './demo-shops.ts';
import { fileDownloads } from './local/file-downloads.ts';
import { serveHttp } from './local/http-server.ts';
import { loadLinkSecret } from './local/link-secret.ts';
import { startMeshPool, type MeshPool, type MeshPoolOptions } from './local/mesh-pool.ts';
import { localHostSettings } from './local/host-settings.ts';
import { localMail, mailDirOf } from './local/mail.ts';


export interface LocalHostOptions {
  port: number;
  /** The address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for every network). */
  hostname?: string;
  dataDir: string;
  webDir: string;
  /** Print one JSON line per request. */
  verbose?: boolean;
  /** The worker-thread pool for cold mesh builds (threads, queue bound, per-client cap). */
  meshPool?: Partial<MeshPoolOptions>;
  /** Requests per second allowed per client or shop key (burst is 4× this). */
  rateLimitPerSecond?: number;
  /**
   * The address other machines reach this host at (e.g. http://192.168.1.10:3000), used for
   * download links; default http://localhost:<port>, which works on this machine only.
   */
  publicUrl?: string;
}

export interface DemoShopKey {
  id: string;
  name: string;
  apiKey: string;
}

export interface LocalHost {
  url: string;
  /** Base of the download links: `${publicUrl}/files/...`. */
  publicUrl: string;
  config: StoreConfig;
  /** What the mesh pool has done (builds, refusals). */
  meshPool: Pick<MeshPool, 'stats'>;
  /** Demo shops whose keys are saved in <dataDir>/demo-shops.json. */
  demoShops: DemoShopKey[];
  /** Demo shops that exist but whose keys are not saved (lost): `npm run shops -- rotate-key ID`. */
  demoShopsWithoutKey: { id: string; name: string }[];
  close: () => Promise<void>;
}

const FALLBACK_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Atelier</title>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>Atelier</h1><p>The API is running under <a href="/api/designs">/api</a>
(<a href="/api/openapi.json">OpenAPI</a>). The web app has not been built: run <code>npm run build:web</code>.</p></body></html>`;

/** Writes a file so that readers see the old content or the new, never a torn one. */
const writeFileAtomic = async (file: string, text: string, mode: number) => {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode });
  await rename(temp, file);
};

/**
 * Seeds the demo shops that do not exist yet and remembers their keys in the data dir (local
 * demo only). The file is written once every missing shop is registered, and atomically, so a
 * crash leaves either the previous file or the complete new one. A demo shop that exists but
 * whose key is not in the file (the file was deleted, or a crash between registering and
 * writing it), or whose saved key no longer works (rotated with `npm run shops -- rotate-key`,
 * which prints the new key but does not touch this file), is reported instead of listed.
 */
const seedDemoShops = async (
  dataDir: string,
  deps: ReturnType<typeof createDeps>,
): Promise<{ known: DemoShopKey[]; withoutKey: { id: string; name: string }[] }> => {
  const file = join(dataDir, 'demo-shops.json');
  const saved = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as DemoShopKey[]) : [];
  const known: DemoShopKey[] = [];
  const withoutKey: { id: string; name: string }[] = [];
  let registered = 0;
  for (const shop of DEMO_SHOPS) {
    const entry = saved.find((e) => e.id === shop.id);
    if (entry && (await deps.stores.shops.byKeyHash(await hashApiKey(entry.apiKey)))?.shop.id === shop.id) {
      known.push(entry);
      continue;
    }
    if (await deps.stores.shops.get(shop.id!)) {
      withoutKey.push({ id: shop.id!, name: shop.name });
      continue;
    }
    const { apiKey } = await registerShop(deps.stores.shops, shop, deps.clock());
    known.push({ id: shop.id!, name: shop.name, apiKey });
    registered++;
  }
  if (registered) await writeFileAtomic(file, JSON.stringify(known, null, 2), 0o600);
  return { known, withoutKey };
};

/** A path whose last segment has an extension names a file; only other paths are app routes. */
const looksLikeFile = (path: string) => /\.[^/]*$/.test(path);

export const startLocalHost = async (options: LocalHostOptions): Promise<LocalHost> => {
  const dataDir = resolve(options.dataDir);
  await mkdir(join(dataDir, 's3'), { recursive: true });
  const linkSecret = await loadLinkSecret(dataDir);
  const services = await startLocalServices({ dataDir: join(dataDir, 'dynamodb'), s3Dir: join(dataDir, 's3') });
  // Listen first: with port 0 the port, and so the download links' address, is known only
  // now. Until the app is ready every request gets a 503.
  let handle: (request: Request, env: unknown) => Response | Promise<Response> = () =>
    unavailable('Atelier is starting. Retry shortly.', 1).getResponse();
  let server: ServerType;
  try {
    server = await serveHttp((request, env) => handle(request, env), { port: options.port, hostname: options.hostname ?? '127.0.0.1' });
  } catch (error) {
    await services.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const publicUrl = (options.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const config: StoreConfig = { ...localStoreConfig(services), localLinks: { baseUrl: publicUrl, secret: linkSecret } };
  const clients = createClients(config);
  const meshPool = startMeshPool(options.meshPool);
  // The first worker thread starts while the stores are prepared; the host is not ready before it.
  const meshPoolReady = meshPool.ready();
  meshPoolReady.catch(() => {});
  // Order emails: the notifier and the mail sink (<data dir>/mail/*.eml), see local/mail.ts.
  const mail = localMail({ mailDir: mailDirOf(dataDir), smtpUrl: process.env.ATELIER_SMTP_URL || undefined, from: process.env.ATELIER_MAIL_FROM || undefined });
  const closeAll = async () => {
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
    await mail.close();
    await meshPool.close();
    clients.dynamo.destroy();
    clients.s3.destroy();
    await services.close();
  };

  let demo: Awaited<ReturnType<typeof seedDemoShops>>;
  let app: ReturnType<typeof createApp>;
  try {
    await ensureTable(clients, config);
    await ensureBucket(clients, config);
    const perSecond = options.rateLimitPerSecond ?? 200;
    const deps = createDeps(config, {
      ...(await localHostSettings(dataDir, publicUrl)),
      clients,
      logger: options.verbose ? jsonLogger() : { ...silentLogger, error: jsonLogger().error },
      rateLimiter: perSecond > 0 ? tokenBucketLimiter({ perSecond, burst: perSecond * 4 }) : undefined,
      meshBuilder: meshPool.builder,
      // One process writes every order here, and each write drops the index reads it makes
      // stale, so polls may reuse them far longer than across Lambda instances (1 s).
      orderStore: { indexCacheMs: 60_000, onWrite: mail.onWrite },
    });
    await meshPoolReady;
    await mail.start(deps, publicUrl);
    demo = await seedDemoShops(dataDir, deps);
    app = createApp(deps);
  } catch (error) {
    await closeAll();
    throw error;
  }

  // Download links: on this server's own port, so they work wherever the app does.
  app.all(`${LOCAL_FILES_PATH}/*`, fileDownloads(clients, config));
  app.all(LOCAL_FILES_PATH, fileDownloads(clients, config));
  const webRoot = relative(process.cwd(), resolve(options.webDir)) || '.';
  const hasWeb = existsSync(join(options.webDir, 'index.html'));
  // Unknown /api paths must stay problem+json 404s, never the web app's HTML.
  const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
  const staticFiles = serveStatic({ root: webRoot });
  const appShell = serveStatic({ root: webRoot, path: 'index.html' });
  app.use('/*', (c, next) => (isApi(c.req.path) ? next() : hasWeb ? staticFiles(c, next) : next()));
  app.get('*', async (c, next) => {
    if (isApi(c.req.path)) return notFound(`Route GET ${c.req.path}`).getResponse(c.get('requestId'));
    // A missing file (/assets/gone.js) is a 404, not the app shell served as JavaScript.
    if (looksLikeFile(c.req.path)) return notFound(`File ${c.req.path}`).getResponse(c.get('requestId'));
    if (!hasWeb) return c.html(FALLBACK_PAGE);
    // Client-side routes fall back to the app shell.
    return (await appShell(c, next)) ?? c.notFound();
  });
  // The Node request goes along: the rate limiter keys clients by their socket's address.
  handle = (request, env) => app.fetch(request, env);

  // Lets `npm run shops` and `npm run insights` reach this process's dynalite while it runs.
  const endpointsFile = join(dataDir, 'endpoints.json');
  await writeFile(endpointsFile, JSON.stringify({ ...config, localCredentials: undefined, localLinks: undefined, pid: process.pid }, null, 2));
  return {
    url: `http://localhost:${port}`,
    publicUrl,
    config,
    meshPool: { stats: meshPool.stats },
    demoShops: demo.known,
    demoShopsWithoutKey: demo.withoutKey,
    close: async () => {
      await closeAll();
      await rm(endpointsFile, { force: true });
    },
  };
};
