// Raw views of the bucket for tests: every object's key, size and ETag, and its bytes, so a
// test can prove what was (not) written and grep stored files for personal data.
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { LocalStack } from './local-stack.ts';

export interface ObjectInfo {
  key: string;
  size: number;
  etag: string;
}

export const listBucket = async (stack: LocalStack): Promise<ObjectInfo[]> => {
  const objects: ObjectInfo[] = [];
  let token: string | undefined;
  do {
    const page = await stack.clients.s3.send(new ListObjectsV2Command({ Bucket: stack.config.bucketName, ContinuationToken: token }));
    for (const o of page.Contents ?? []) objects.push({ key: o.Key!, size: o.Size ?? 0, etag: o.ETag ?? '' });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
};

/** Key → "size etag", for exact before/after comparisons. */
export const snapshotBucket = async (stack: LocalStack): Promise<Map<string, string>> =>
  new Map((await listBucket(stack)).map((o) => [o.key, `${o.size} ${o.etag}`]));

export const readObject = async (stack: LocalStack, key: string): Promise<Uint8Array> => {
  const { Body } = await stack.clients.s3.send(new GetObjectCommand({ Bucket: stack.config.bucketName, Key: key }));
  return Body!.transformToByteArray();
};
