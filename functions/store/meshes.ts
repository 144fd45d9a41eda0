// Mesh files in S3, content-addressed by the configuration hash: STL and 3MF under
// meshes/<hash>.{stl,3mf}, plus a small metadata item in the table so a repeated quote
// skips both the build and the upload.
import { HeadObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Measurements } from '../mesh/types.ts';
import type { StoreClients } from './clients.ts';
import type { StoreConfig } from './config.ts';
import { guard } from './errors.ts';

export type MeshFormat = 'stl' | '3mf';

const CONTENT_TYPES: Record<MeshFormat, string> = {
  stl: 'model/stl',
  '3mf': 'model/3mf',
};

export interface MeshRecord {
  hash: string;
  designId: string;
  version: number;
  measurements: Measurements;
  /** sha256 of each file's bytes, so a shop agent can verify a download. */
  files: Record<MeshFormat, { sha256: string; bytes: number }>;
  createdAt: number;
}

export const meshKey = (hash: string, format: MeshFormat): string => `meshes/${hash}.${format}`;

/** Mesh records kept in memory per process; a record never changes, so any bound is safe. */
const MAX_CACHED_RECORDS = 1_000;

export class MeshStore {
  /** Records are content-addressed and immutable, so once read they are kept (bounded). */
  private readonly known = new Map<string, MeshRecord>();

  constructor(
    private readonly clients: StoreClients,
    private readonly config: StoreConfig,
  ) {}

  private remember(record: MeshRecord): void {
    if (this.known.size >= MAX_CACHED_RECORDS) this.known.delete(this.known.keys().next().value!);
    this.known.set(record.hash, record);
  }

  /** The metadata of a mesh already built, or undefined. */
  async find(hash: string): Promise<MeshRecord | undefined> {
    const cached = this.known.get(hash);
    if (cached) return cached;
    const { Item } = await guard('dynamodb', () =>
      this.clients.doc.send(new GetCommand({ TableName: this.config.tableName, Key: { PK: `MESH#${hash}`, SK: 'MESH' } })),
    );
    if (!Item) return undefined;
    const record = Item.record as MeshRecord;
    this.remember(record);
    return record;
  }

  /** Uploads both files, then records the metadata (files first, so a record implies files). */
  async save(record: MeshRecord, files: Record<MeshFormat, Uint8Array>): Promise<void> {
    await Promise.all(
      (Object.keys(files) as MeshFormat[]).map((format) =>
        guard('s3', () =>
          this.clients.s3.send(
            new PutObjectCommand({
              Bucket: this.config.bucketName,
              Key: meshKey(record.hash, format),
              Body: files[format],
              ContentType: CONTENT_TYPES[format],
              ContentLength: files[format].length,
            }),
          ),
        ),
      ),
    );
    await guard('dynamodb', () =>
      this.clients.doc.send(new PutCommand({ TableName: this.config.tableName, Item: { PK: `MESH#${record.hash}`, SK: 'MESH', record } })),
    );
    this.remember(record);
  }

  async exists(hash: string, format: MeshFormat): Promise<boolean> {
    try {
      await this.clients.s3.send(new HeadObjectCommand({ Bucket: this.config.bucketName, Key: meshKey(hash, format) }));
      return true;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      return guard('s3', () => Promise.reject(error));
    }
  }

  /** The file's bytes (used by the API's own download route and by tests). */
  async read(hash: string, format: MeshFormat): Promise<Uint8Array> {
    const { Body } = await guard('s3', () =>
      this.clients.s3.send(new GetObjectCommand({ Bucket: this.config.bucketName, Key: meshKey(hash, format) })),
    );
    return Body!.transformToByteArray();
  }

  /** A short-lived download link (default 15 minutes). */
  async downloadUrl(hash: string, format: MeshFormat, fileName: string, expiresInSeconds = 900): Promise<string> {
    return getSignedUrl(
      this.clients.s3Presign,
      new GetObjectCommand({
        Bucket: this.config.bucketName,
        Key: meshKey(hash, format),
        ResponseContentDisposition: `attachment; filename="${fileName}"`,
        ResponseContentType: CONTENT_TYPES[format],
      }),
      { expiresIn: expiresInSeconds },
    );
  }
}
