// The test server (real app, real socket, dynalite + s3rver) with its store clients routed
// through fault proxies, so a test can make DynamoDB or S3 fail mid-request while it still
// inspects the real table and bucket directly.
import { createStores } from '../../functions/api/wiring.ts';
import type { AppDeps } from '../../functions/api/deps.ts';
import { createClients, type StoreClients } from '../../functions/store/clients.ts';
import type { StoreConfig } from '../../functions/store/config.ts';
import { startTestServer, type TestServer } from './api-server.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';

export interface FaultServer extends TestServer {
  dynamoProxy: FaultProxy;
  s3Proxy: FaultProxy;
  /** The clients the app uses (through the proxies). */
  appClients: StoreClients;
}

export const startFaultServer = async (options: Partial<AppDeps> & { maxAttempts?: number } = {}): Promise<FaultServer> => {
  const { maxAttempts, ...appOptions } = options;
  const server = await startTestServer(appOptions);
  const dynamoProxy = await startFaultProxy(server.stack.config.dynamoEndpoint!);
  const s3Proxy = await startFaultProxy(server.stack.config.s3Endpoint!);
  const config: StoreConfig = { ...server.stack.config, dynamoEndpoint: dynamoProxy.endpoint, s3Endpoint: s3Proxy.endpoint };
  const appClients = createClients(config, { maxAttempts });
  // The app holds this deps object; swapping its stores routes every later call through the proxies.
  server.deps.stores = createStores(appClients, config);
  return {
    ...server,
    dynamoProxy,
    s3Proxy,
    appClients,
    close: async () => {
      appClients.dynamo.destroy();
      appClients.s3.destroy();
      await Promise.all([dynamoProxy.close(), s3Proxy.close()]);
      await server.close();
    },
  };
};
