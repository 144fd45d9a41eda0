// Wires the app's dependencies from a store config: used by every host (Lambda, local
// server, tests) so they differ only in config and options.
import { systemClock } from '../domain/clock.ts';
import { createClients, type StoreClients } from '../store/clients.ts';
import type { StoreConfig } from '../store/config.ts';
import { InsightsStore } from '../store/insights.ts';
import { MeshStore } from '../store/meshes.ts';
import { OrderStore } from '../store/orders.ts';
import { QuoteStore } from '../store/quotes.ts';
import { ShopStore } from '../store/shops.ts';
import type { AppDeps, Stores } from './deps.ts';
import { jsonLogger } from './logger.ts';

export const createStores = (clients: StoreClients, config: StoreConfig): Stores => ({
  shops: new ShopStore(clients, config),
  orders: new OrderStore(clients, config),
  quotes: new QuoteStore(clients, config),
  meshes: new MeshStore(clients, config),
  insights: new InsightsStore(clients, config),
});

export const createDeps = (config: StoreConfig, options: Partial<AppDeps> & { clients?: StoreClients } = {}): AppDeps => {
  const { clients = createClients(config), ...rest } = options;
  return {
    stores: createStores(clients, config),
    clock: systemClock,
    logger: jsonLogger(),
    ...rest,
  };
};
