// Test fixture: the real app on a real socket (@hono/node-server) over dynalite + s3rver,
// with an adjustable clock so offers, leases and expiry can be tested without waiting.
import type { ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../functions/api/app.ts';
import type { AppDeps } from '../../functions/api/deps.ts';
import { silentLogger } from '../../functions/api/logger.ts';
import { registerShop, type NewShop } from '../../functions/api/use-cases/register-shop.ts';
import { createDeps } from '../../functions/api/wiring.ts';
import { serveHttp } from '../../infra/local/http-server.ts';
import { TEST_HOST_SETTINGS } from './host-settings.ts';
import { startLocalStack, type LocalStack } from './local-stack.ts';

export interface TestServer {
  url: string;
  stack: LocalStack;
  deps: AppDeps;
  clock: { now: number; advance: (ms: number) => void };
  addShop: (shop: Partial<NewShop> & { name: string; lat: number; lon: number }) => Promise<{ id: string; apiKey: string }>;
  close: () => Promise<void>;
}

export const startTestServer = async (options: Partial<AppDeps> = {}): Promise<TestServer> => {
  const stack = await startLocalStack();
  const clock = { now: Date.parse('2026-11-24T09:00:00Z'), advance: (ms: number) => (clock.now += ms) };
  const deps = createDeps(stack.config, { ...TEST_HOST_SETTINGS, clients: stack.clients, clock: () => clock.now, logger: silentLogger, ...options });
  const app = createApp(deps);
  // The local host's own server and limits, so what the tests see is what `npm start` does.
  const server: ServerType = await serveHttp((request, env) => app.fetch(request, env), { hostname: '127.0.0.1', port: 0 });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stack,
    deps,
    clock,
    addShop: async (shop) => {
      const { shop: saved, apiKey } = await registerShop(
        deps.stores.shops,
        { materials: ['PLA', 'PETG'], buildVolume: { x: 250, y: 210, z: 210 }, ...shop },
        clock.now,
      );
      return { id: saved.id, apiKey };
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stack.close();
    },
  };
};
