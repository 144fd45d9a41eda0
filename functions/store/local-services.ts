// Starts dynalite and s3rver on loopback: the DynamoDB and S3 wire protocols, with data on
// disk when a directory is given (npm start) or in memory / a temp dir (tests).
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { LOCAL_CREDENTIALS, type StoreConfig } from './config.ts';

export { LOCAL_CREDENTIALS };

/** The table and bucket names of the `npm start` data directory. */
export const LOCAL_NAMES = Object.freeze({ tableName: 'atelier', bucketName: 'atelier-meshes' });

/** The store config that points the SDK clients at running local services. */
export const localStoreConfig = (
  services: Pick<LocalServices, 'dynamoEndpoint' | 's3Endpoint'>,
  names: { tableName: string; bucketName: string } = LOCAL_NAMES,
): StoreConfig => ({
  ...names,
  region: 'eu-central-1',
  dynamoEndpoint: services.dynamoEndpoint,
  s3Endpoint: services.s3Endpoint,
  localCredentials: { ...LOCAL_CREDENTIALS },
});

export interface LocalServices {
  dynamoEndpoint: string;
  s3Endpoint: string;
  close: () => Promise<void>;
}

export interface LocalServicesOptions {
  /** Directory for data; dynalite uses <dir>/dynamodb, s3rver <dir>/s3. Omit for in-memory DynamoDB and a temp S3 dir. */
  dataDir?: string;
  s3Dir: string;
  dynamoPort?: number;
  s3Port?: number;
}

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

export const startLocalServices = async (options: LocalServicesOptions): Promise<LocalServices> => {
  const dynamo: Server = dynalite({
    path: options.dataDir,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const dynamoPort = await listen(dynamo, options.dynamoPort ?? 0);
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: options.s3Port ?? 0,
    silent: true,
    directory: options.s3Dir,
  });
  const s3Address = (await s3.run()) as AddressInfo;
  return {
    dynamoEndpoint: `http://127.0.0.1:${dynamoPort}`,
    s3Endpoint: `http://127.0.0.1:${s3Address.port}`,
    close: async () => {
      await Promise.all([
        new Promise<void>((resolve) => dynamo.close(() => resolve())),
        s3.close(),
      ]);
    },
  };
};
