// Registers a fleet of print shops straight into the running host's table, as
// `npm run shops -- add` does, so the API benchmark can poll as many different shops.
import { registerShop } from '../../functions/api/use-cases/register-shop.ts';
import { createClients } from '../../functions/store/clients.ts';
import type { StoreConfig } from '../../functions/store/config.ts';
import { ShopStore } from '../../functions/store/shops.ts';

const BATCH = 25;

/**
 * Registers `count` PLA shops on a grid around a point (±0.1° lat, ±0.15° lon: one city, one
 * index cell) and returns their API keys.
 */
export const registerFleet = async (store: StoreConfig, count: number, around: { lat: number; lon: number }): Promise<string[]> => {
  const clients = createClients(store);
  const shops = new ShopStore(clients, store);
  const side = Math.ceil(Math.sqrt(count));
  const keys: string[] = [];
  try {
    for (let start = 0; start < count; start += BATCH) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(BATCH, count - start) }, (_, j) => {
          const i = start + j;
          return registerShop(
            shops,
            {
              id: `fleet-${i.toString().padStart(4, '0')}`,
              name: `Fleet shop ${i}`,
              lat: around.lat - 0.1 + (0.2 * (i % side)) / side,
              lon: around.lon - 0.15 + (0.3 * Math.floor(i / side)) / side,
              materials: ['PLA'],
              buildVolume: { x: 220, y: 220, z: 250 },
            },
            Date.now(),
          );
        }),
      );
      keys.push(...batch.map((b) => b.apiKey));
    }
  } finally {
    clients.dynamo.destroy();
    clients.s3.destroy();
  }
  return keys;
};
