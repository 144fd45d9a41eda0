// MeshStore against s3rver and dynalite: quoted files are reused only while safely younger
// than the bucket's expiry, and an order's copy lives under orders/, out of the rule's reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeshStore, type MeshRecord } from '../../functions/store/meshes.ts';
import { startLocalStack, type LocalStack } from '../support/local-stack.ts';

const DAY = 24 * 60 * 60 * 1000;
const record = (hash: string, createdAt: number): MeshRecord => ({
  hash,
  designId: 'name-tag',
  version: 2,
  measurements: { bbox: { min: [0, 0, 0], max: [1, 1, 1] }, size: [1, 1, 1], volume: 1, surfaceArea: 6, triangleCount: 12 },
  files: { stl: { sha256: 'a', bytes: 3 }, '3mf': { sha256: 'b', bytes: 3 } },
  createdAt,
});

describe('MeshStore', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
  });
  afterAll(() => stack.close());

  it('reuses a quoted mesh until one day before the quoted files expire', async () => {
    const store = new MeshStore(stack.clients, { ...stack.config, quoteMeshDays: 30 });
    const t0 = Date.parse('2026-11-01T00:00:00Z');
    await store.save(record('h-age', t0), { stl: new Uint8Array([1, 2, 3]), '3mf': new Uint8Array([4, 5, 6]) });
    expect((await store.find('h-age', t0 + 28 * DAY))?.hash).toBe('h-age');
    expect(await store.find('h-age', t0 + 29 * DAY)).toBeUndefined();
    // A fresh process (no in-memory copy) judges the stored record the same way.
    expect(await new MeshStore(stack.clients, { ...stack.config, quoteMeshDays: 30 }).find('h-age', t0 + 29 * DAY)).toBeUndefined();
    expect((await store.record('h-age'))?.hash).toBe('h-age');
  });

  it('copies both files to orders/ for an order, byte for byte, and again harmlessly', async () => {
    const store = new MeshStore(stack.clients, stack.config);
    await store.save(record('h-order', Date.now()), { stl: new Uint8Array([7, 8, 9]), '3mf': new Uint8Array([10, 11]) });
    expect(await store.exists('h-order', 'stl', 'ordered')).toBe(false);
    await store.keepForOrder('h-order');
    await store.keepForOrder('h-order');
    expect(Array.from(await store.read('h-order', 'stl', 'ordered'))).toEqual([7, 8, 9]);
    expect(Array.from(await store.read('h-order', '3mf', 'ordered'))).toEqual([10, 11]);
  });
});

// s3rver does not enforce IAM, so the one AWS behaviour it cannot show is faked at the client.
describe('MeshStore without s3:ListBucket', () => {
  it('treats a 403 on HEAD (what S3 answers for a missing key without ListBucket) as missing and copies', async () => {
    const sent: string[] = [];
    const s3 = {
      send: async (command: { constructor: { name: string } }) => {
        sent.push(command.constructor.name);
        if (command.constructor.name === 'HeadObjectCommand') {
          throw Object.assign(new Error('Forbidden'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } });
        }
        return {};
      },
    };
    const store = new MeshStore({ s3 } as never, { tableName: 't', bucketName: 'b', region: 'eu-central-1' });

    await store.keepForOrder('h-403');

    expect(sent.filter((name) => name === 'CopyObjectCommand')).toHaveLength(2);
  });
});
