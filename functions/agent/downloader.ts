// Downloads a job file into the download folder and proves it is the promised file: the
// bytes are hashed as they stream to `<name>.part`, which becomes `<name>` only when its
// sha256 and size match the files response. Anything else is deleted, never used.
import { createHash } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { DownloadError, HashMismatchError } from './errors.ts';
import type { FileLink } from './api-client.ts';
import type { Output } from './output.ts';

export interface DownloadOptions {
  link: FileLink;
  /** Final path; `<dest>.part` is used while downloading. */
  dest: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  out?: Output;
}

export interface VerifiedFile {
  path: string;
  sha256: string;
  bytes: number;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The file's bytes if it exists and matches sha256 and size; undefined if it is missing
 * (or unreadable). A file that exists but differs is deleted.
 */
export async function readVerified(path: string, expected: { sha256: string; bytes: number }): Promise<Uint8Array | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    return undefined;
  }
  if (bytes.length === expected.bytes && sha256Hex(bytes) === expected.sha256) return bytes;
  await rm(path, { force: true });
  return undefined;
}

/** Streams link.url to dest, verifying sha256 and size; throws HashMismatchError (file deleted). */
export async function downloadVerified(options: DownloadOptions): Promise<VerifiedFile> {
  const { link, dest, signal, out } = options;
  const name = basename(dest);
  const part = `${dest}.part`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(link.url, { signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new DownloadError(`${name}: download failed: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new DownloadError(`${name}: download failed with HTTP ${response.status}${response.status === 403 ? ' (the link may have expired)' : ''}`);
  }

  const hash = createHash('sha256');
  const bar = out?.progress(name, link.bytes);
  const file = await open(part, 'w');
  let received = 0;
  try {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      await file.write(value);
      received += value.length;
      bar?.update(received);
    }
  } catch (error) {
    await file.close();
    await rm(part, { force: true });
    bar?.done(signal?.aborted ? 'stopped' : 'failed');
    if (signal?.aborted) throw error;
    throw new DownloadError(`${name}: download failed: ${(error as Error).message}`, { cause: error });
  }
  await file.close();

  const actual = { sha256: hash.digest('hex'), bytes: received };
  if (actual.sha256 !== link.sha256 || actual.bytes !== link.bytes) {
    await rm(part, { force: true });
    bar?.done('REFUSED: sha256 mismatch, deleted');
    throw new HashMismatchError(name, { sha256: link.sha256, bytes: link.bytes }, actual);
  }
  await rename(part, dest);
  bar?.done(`verified sha256 ${actual.sha256.slice(0, 12)}…`);
  return { path: dest, ...actual };
}
