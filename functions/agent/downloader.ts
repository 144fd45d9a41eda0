// Downloads a job file into the download folder and proves it is the promised file: the
// bytes are hashed as they stream to `<name>.part`, which becomes `<name>` only when its
// sha256 and size match the files response. Anything else is deleted, never used. A
// download that receives nothing for 30 s (an idle limit, not a total one) is given up.
import { createHash } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { sha256Hex } from '../mesh/hash.ts';
import { DownloadError, HashMismatchError } from './errors.ts';
import type { FileLink } from './api-client.ts';
import type { Output } from './output.ts';
import { deadline, DEFAULT_TIMEOUTS, formatLimit } from './timeout.ts';

export interface DownloadOptions {
  link: FileLink;
  /** Final path; `<dest>.part` is used while downloading. */
  dest: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  out?: Output;
  /** Longest wait for the answer or for the next bytes (default 30 s). */
  idleTimeoutMs?: number;
}

export interface VerifiedFile {
  path: string;
  sha256: string;
  bytes: number;
}

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
  if (bytes.length === expected.bytes && (await sha256Hex(bytes)) === expected.sha256) return bytes;
  await rm(path, { force: true });
  return undefined;
}

/**
 * Streams link.url to dest, verifying sha256 and size; throws HashMismatchError (file deleted),
 * or DownloadError for an HTTP error, a broken connection or idleTimeoutMs without data.
 */
export async function downloadVerified(options: DownloadOptions): Promise<VerifiedFile> {
  const { link, dest, signal, out } = options;
  const idleMs = options.idleTimeoutMs ?? DEFAULT_TIMEOUTS.downloadIdleMs;
  const name = basename(dest);
  const part = `${dest}.part`;
  const limit = deadline(idleMs, signal);
  /** Ctrl-C passes through as it is; anything else is a DownloadError (retried next round). */
  const failed = (error: unknown): unknown => {
    if (signal?.aborted) return error;
    const why = limit.timedOut ? `nothing received for ${formatLimit(idleMs)}` : (error as Error).message;
    return new DownloadError(`${name}: download failed: ${why}`, { cause: error });
  };
  try {
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(link.url, { signal: limit.signal });
    } catch (error) {
      throw failed(error);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new DownloadError(`${name}: download failed with HTTP ${response.status}${response.status === 403 ? ' (the link may have expired)' : ''}`);
    }

    const hash = createHash('sha256');
    const bar = out?.progress(name, link.bytes);
    let file;
    try {
      file = await open(part, 'w');
    } catch (error) {
      await response.body.cancel();
      throw error;
    }
    let received = 0;
    try {
      const reader = response.body.getReader();
      for (;;) {
        limit.touch();
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
      bar?.done(signal?.aborted ? 'stopped' : limit.timedOut ? 'stalled' : 'failed');
      throw failed(error);
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
  } finally {
    limit.clear();
  }
}
