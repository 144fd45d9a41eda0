// Wires the app's dependencies from a store config: used by every host (Lambda, local
// server, tests) so they differ only in config and options.
import { systemClock } from '../domain/clock.ts';
import { createClients, type StoreClients } from '../store/clients.ts';
import { isLocalStore, type StoreConfig } from '../store/config.ts';
import { InsightsStore } from '../store/insights.ts';
import { MeshStore } from '../store/meshes.ts';
import { OrderStore, type OrderStoreOptions } from '../store/orders.ts';
import { OutboxStore } from '../store/outbox.ts';
import { QuoteStore } from '../store/quotes.ts';
import { ShopWebhookStore } from '../store/shop-webhooks.ts';
import { ShopStore } from '../store/shops.ts';
import type { AppDeps, Stores } from './deps.ts';
import { jsonLogger } from './logger.ts';

export const createStores = (clients: StoreClients, config: StoreConfig, orderOptions: OrderStoreOptions = {}): Stores => ({
  shops: new ShopStore(clients, config),
  shopWebhooks: new ShopWebhookStore(clients, config),
  orders: new OrderStore(clients, config, orderOptions),
  outbox: new OutboxStore(clients, config),
  quotes: new QuoteStore(clients, config),
  meshes: new MeshStore(clients, config),
  insights: new InsightsStore(clients, config),
});

/**
 * Origins other than the site's own that may call the API from a browser, from
 * ATELIER_CORS_ORIGINS (comma-separated). Both hosts serve the web app and the API on one
 * origin, so by default there are none and CORS stays off.
 */
export const corsOriginsFromEnv = (env: Record<string, string | undefined> = process.env): string[] | undefined => {
  const origins = (env.ATELIER_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  return origins.length ? origins : undefined;
};

/** What every host must say itself: no default would be safe for these. */
export type HostSettings = Pick<AppDeps, 'publicBaseUrl' | 'orderTokenSecret'>;

export const createDeps = (
  config: StoreConfig,
  options: Partial<AppDeps> & HostSettings & { clients?: StoreClients; orderStore?: OrderStoreOptions },
): AppDeps => {
  const { clients = createClients(config), orderStore, ...rest } = options;
  return {
    stores: createStores(clients, config, orderStore),
    clock: systemClock,
    logger: jsonLogger(),
    corsOrigins: corsOriginsFromEnv(),
    localWebhooks: isLocalStore(config),
    ...rest,
  };
};
