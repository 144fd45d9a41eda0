// What the HTTP app needs from the outside world, injected so Lambda, the local server and
// tests can each wire their own.
import type { MeshBuilder } from '../designs/build-files.ts';
import type { Clock } from '../domain/clock.ts';
import type { InsightsStore } from '../store/insights.ts';
import type { MeshStore } from '../store/meshes.ts';
import type { OrderStore } from '../store/orders.ts';
import type { OutboxStore } from '../store/outbox.ts';
import type { QuoteStore } from '../store/quotes.ts';
import type { ShopWebhookStore } from '../store/shop-webhooks.ts';
import type { ShopStore } from '../store/shops.ts';
import type { Logger } from './logger.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface Stores {
  shops: ShopStore;
  /** Shops' webhook registrations (the `webhook` attribute of the shop item). */
  shopWebhooks: ShopWebhookStore;
  orders: OrderStore;
  /** The notifier's bookkeeping on the orders' email outbox. */
  outbox: OutboxStore;
  quotes: QuoteStore;
  meshes: MeshStore;
  insights: InsightsStore;
}

export interface AppDeps {
  stores: Stores;
  clock: Clock;
  logger: Logger;
  /** Origins allowed by CORS; the web app's own origin needs none. */
  corsOrigins?: string[];
  /**
   * Where order links point, e.g. https://atelier.example: the host's configured address
   * (ATELIER_PUBLIC_URL locally, the CloudFront domain in AWS), never the request's Host.
   */
  publicBaseUrl: string;
  /**
   * The installation's secret for order tokens (see orderTokenFor): at least 32 characters,
   * kept by the host (a file in the local data dir; Secrets Manager in AWS).
   */
  orderTokenSecret: string;
  /** Largest accepted request body, bytes (default 64 KiB). */
  bodyLimitBytes?: number;
  /** Per-client and per-shop request limits; the local server sets these, Lambda relies on API Gateway. */
  rateLimiter?: RateLimiter;
  /**
   * False in a host that must never build meshes (the light API Lambda: no WASM, no write
   * access to meshes/): POST /quotes then answers 404 even if a request reaches it by an
   * encoded path that slipped past API Gateway's route for the mesh function.
   */
  buildsMeshes?: boolean;
  /**
   * Runs cold mesh builds. Default: inline (the mesh Lambda answers one request at a time);
   * the local host passes its worker-thread pool, which may refuse with a 503 when busy.
   */
  meshBuilder?: MeshBuilder;
  /** Radius within which shops are offered jobs, km. */
  routingRadiusKm?: number;
  /**
   * Set behind CloudFront: every request must carry it in ORIGIN_VERIFY_HEADER (see
   * verifyOrigin), so the API cannot be called around the CDN. Unset locally.
   */
  originVerifySecret?: string;
  /**
   * Shop webhooks may be http and point at loopback: only where the store is local (the local
   * host, tests); createDeps sets it from the store config (isLocalStore). Never in AWS.
   */
  localWebhooks?: boolean;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    /** Whether the request id came from the client's X-Request-Id (checked) or was made here. */
    requestIdFrom: 'client' | 'server';
    deps: AppDeps;
  };
};
