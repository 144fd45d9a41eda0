// Mesh files in S3, content-addressed by the configuration hash, in two places:
//   meshes/<hash>.{stl,3mf}  written when a configuration is first quoted; the bucket's
//                            lifecycle rule deletes them after QUOTE_MESH_DAYS,
//   orders/<hash>.{stl,3mf}  copied there when an order is placed; kept.
// A small MESH#<hash> item in the table lets a repeated quote skip the build and the upload
// while the quoted copy is safely younger than its expiry.
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PrintFeatures } from '../mesh/print-features.ts';
import type { Measurements, PartSummary } from '../mesh/types.ts';
import type { StoreClients } from './clients.ts';
import type { StoreConfig } from './config.ts';
import { MESH_PREFIXES, type MeshCopy } from './bucket-layout.ts';
import { guard } from './errors.ts';
import { signLocalLink } from './local-links.ts';
import { TTL_ATTRIBUTE } from './table-schema.ts';

export type MeshFormat = 'stl' | '3mf';

export const CONTENT_TYPES: Record<MeshFormat, string> = {
  stl: 'model/stl',
  '3mf': 'model/3mf',
};

export interface MeshRecord {
  hash: string;
  designId: string;
  version: number;
  measurements: Measurements;
  /** Each printed part and its filament slot (absent on records written before parts: one part, slot 0). */
  parts?: PartSummary[];
  /** The part cut into the reference layers, for the print estimate (absent on records written before it). */
  print?: PrintFeatures;
  /** sha256 of each file's bytes, so a shop agent can verify a download. */
  files: Record<MeshFormat, { sha256: string; bytes: number }>;
  createdAt: number;
}

export { MESH_PREFIXES, type MeshCopy };

export const meshKey = (hash: string, format: MeshFormat, copy: MeshCopy = 'quoted'): string => `${MESH_PREFIXES[copy]}${hash}.${format}`;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Mesh records kept in memory per process; a record never changes, so any bound is safe. */
const MAX_CACHED_RECORDS = 1_000;

export class MeshStore {
  /** Records are content-addressed and immutable, so once read they are kept (bounded). */
  private readonly known = new Map<string, MeshRecord>();
  /** keepForOrder calls in flight, by mesh hash. */
  private readonly keeping = new Map<string, Promise<void>>();

  constructor(
    private readonly clients: StoreClients,
    private readonly config: StoreConfig,
  ) {}

  private remember(record: MeshRecord): void {
    if (this.known.size >= MAX_CACHED_RECORDS) this.known.delete(this.known.keys().next().value!);
    this.known.set(record.hash, record);
  }

  /** Days the quoted copy lives; a record is reused only while a day or more is left. */
  private get quoteDays(): number {
    return this.config.quoteMeshDays ?? 30;
  }

  /**
   * The metadata of a mesh already built whose quoted files are still safely there, or
   * undefined (then build and save again, which also renews the files' age).
   */
  async find(hash: string, now: number): Promise<MeshRecord | undefined> {
    const record = await this.record(hash);
    if (!record || now >= record.createdAt + (this.quoteDays - 1) * DAY_MS) return undefined;
    return record;
  }

  /** What find() would return from memory alone, without reading the table. */
  recall(hash: string, now: number): MeshRecord | undefined {
    const record = this.known.get(hash);
    return record && now < record.createdAt + (this.quoteDays - 1) * DAY_MS ? record : undefined;
  }

  /** The record of a mesh regardless of its age (an order's files live on under orders/). */
  async record(hash: string): Promise<MeshRecord | undefined> {
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

  /**
   * Copies both quoted files to orders/, where no lifecycle rule reaches them. Idempotent. A
   * copy already there is the same file (content-addressed), so it is not copied again, and
   * concurrent calls for one mesh share one copy: s3rver answers 500 when copies onto one key
   * overlap (a retried order, two orders of one configuration), and S3 would do it twice.
   */
  keepForOrder(hash: string): Promise<void> {
    let pending = this.keeping.get(hash);
    if (!pending) {
      pending = this.copyForOrder(hash).finally(() => this.keeping.delete(hash));
      this.keeping.set(hash, pending);
    }
    return pending;
  }

  private async copyForOrder(hash: string): Promise<void> {
    await Promise.all(
      (['stl', '3mf'] as const).map(async (format) => {
        if (await this.exists(hash, format, 'ordered')) return;
        await guard('s3', () =>
          this.clients.s3.send(
            new CopyObjectCommand({
              Bucket: this.config.bucketName,
              CopySource: `${this.config.bucketName}/${meshKey(hash, format)}`,
              Key: meshKey(hash, format, 'ordered'),
            }),
          ),
        );
      }),
    );
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
      this.clients.doc.send(
        new PutCommand({
          TableName: this.config.tableName,
          // The record outlives the quoted files a little; find() stops trusting it a day before they go.
          Item: { PK: `MESH#${record.hash}`, SK: 'MESH', record, [TTL_ATTRIBUTE]: Math.ceil((record.createdAt + this.quoteDays * DAY_MS) / 1000) },
        }),
      ),
    );
    this.remember(record);
  }

  /**
   * Whether the object is there. Without s3:ListBucket (the functions have none) S3 answers
   * a HEAD on a missing key with 403, not 404, so both mean "not known to exist".
   */
  async exists(hash: string, format: MeshFormat, copy: MeshCopy = 'quoted'): Promise<boolean> {
    try {
      await this.clients.s3.send(new HeadObjectCommand({ Bucket: this.config.bucketName, Key: meshKey(hash, format, copy) }));
      return true;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || status === 403) return false;
      return guard('s3', () => Promise.reject(error));
    }
  }

  /** The file's bytes (for tests and tools). */
  async read(hash: string, format: MeshFormat, copy: MeshCopy = 'quoted'): Promise<Uint8Array> {
    const { Body } = await guard('s3', () =>
      this.clients.s3.send(new GetObjectCommand({ Bucket: this.config.bucketName, Key: meshKey(hash, format, copy) })),
    );
    return Body!.transformToByteArray();
  }

  /** A short-lived download link (default 15 minutes): presigned in AWS, signed by the installation locally. */
  async downloadUrl(hash: string, format: MeshFormat, fileName: string, expiresInSeconds = 900, copy: MeshCopy = 'quoted'): Promise<string> {
    if (this.config.localLinks) return signLocalLink(this.config.localLinks, meshKey(hash, format, copy), fileName, expiresInSeconds);
    return getSignedUrl(
      this.clients.s3Presign,
      new GetObjectCommand({
        Bucket: this.config.bucketName,
        Key: meshKey(hash, format, copy),
        ResponseContentDisposition: `attachment; filename="${fileName}"`,
        ResponseContentType: CONTENT_TYPES[format],
      }),
      { expiresIn: expiresInSeconds },
    );
  }
}
