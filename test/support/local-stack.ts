// Test fixture: dynalite and s3rver on ephemeral loopback ports, a fresh table and bucket,
// and store clients pointed at them. Everything real except that it runs on this machine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClients, type StoreClients } from '../../functions/store/clients.ts';
import type { StoreConfig } from '../../functions/store/config.ts';
import { ensureBucket, ensureTable } from '../../functions/store/local-resources.ts';
import { localStoreConfig, startLocalServices } from '../../functions/store/local-services.ts';

export interface LocalStack {
  config: StoreConfig;
  clients: StoreClients;
  close: () => Promise<void>;
}

export const startLocalStack = async (): Promise<LocalStack> => {
  const s3Dir = await mkdtemp(join(tmpdir(), 'atelier-s3-'));
  const services = await startLocalServices({ s3Dir });
  const config = localStoreConfig(services, { tableName: 'atelier-test', bucketName: 'atelier-test-meshes' });
  const clients = createClients(config);
  await ensureTable(clients, config);
  await ensureBucket(clients, config);
  return {
    config,
    clients,
    close: async () => {
      clients.dynamo.destroy();
      clients.s3.destroy();
      await services.close();
      await rm(s3Dir, { recursive: true, force: true });
    },
  };
};
