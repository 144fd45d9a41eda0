// How operator CLIs reach the data: a deployed table when TABLE_NAME is set (AWS, or any
// endpoint given by ATELIER_DYNAMODB_ENDPOINT), else the local `npm start` data directory:
// through the running server's dynalite if it is up, or by opening the data directly.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClients, type StoreClients } from '../store/clients.ts';
import { storeConfigFromEnv, type StoreConfig } from '../store/config.ts';
import { ensureBucket, ensureTable } from '../store/local-resources.ts';
import { LOCAL_CREDENTIALS, localStoreConfig, startLocalServices } from '../store/local-services.ts';

export interface Connection {
  config: StoreConfig;
  clients: StoreClients;
  where: string;
  close: () => Promise<void>;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export const connect = async (env: Record<string, string | undefined> = process.env): Promise<Connection> => {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (env.TABLE_NAME) {
    const config = storeConfigFromEnv(env);
    const clients = createClients(config);
    return { config, clients, where: `table ${config.tableName} in ${config.region}`, close: async () => clients.dynamo.destroy() };
  }
  const dataDir = env.ATELIER_DATA_DIR ?? '.data';
  const endpointsFile = join(dataDir, 'endpoints.json');
  if (existsSync(endpointsFile)) {
    const running = JSON.parse(readFileSync(endpointsFile, 'utf8')) as StoreConfig & { pid: number };
    if (isAlive(running.pid)) {
      const config: StoreConfig = { ...running, localCredentials: { ...LOCAL_CREDENTIALS } };
      const clients = createClients(config);
      return { config, clients, where: `the running npm start (${dataDir})`, close: async () => clients.dynamo.destroy() };
    }
  }
  // Nothing running: open the data directory ourselves (npm start must not run meanwhile).
  const services = await startLocalServices({ dataDir: join(dataDir, 'dynamodb'), s3Dir: join(dataDir, 's3') });
  const config = localStoreConfig(services);
  const clients = createClients(config);
  await ensureTable(clients, config);
  await ensureBucket(clients, config);
  return {
    config,
    clients,
    where: `local data in ${dataDir}`,
    close: async () => {
      clients.dynamo.destroy();
      clients.s3.destroy();
      await services.close();
    },
  };
};
