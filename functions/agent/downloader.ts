// Downloads a job file into the download folder and proves it is the promised file: the
// bytes are hashed as they stream to `<name>.part`, which becomes `<name>` only when its
// sha256 and size match the files response. Anything else is deleted, never used. A
// download that receives nothing for 30 s (an idle limit, not a total one) is given up.
// The server is not trusted blindly: a link must point at an allowed origin (the API's own,
// or the one storage origin the shop configured), no redirect is followed, and no more than
// the promised bytes are ever written: the transfer is cut off at the first byte past them.
import { createHash } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { sha256Hex } from '../mesh/hash.ts';
import { DownloadError, HashMismatchError, UntrustedLinkError } from './errors.ts';
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
  /** Origins (scheme://host:port) the link may point at; anything else is refused unfetched. */
  origins: readonly string[];
}

/** Larger than any part Atelier makes; a promise beyond it is refused before fetching. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Throws UntrustedLinkError unless the link is http(s) on one of `origins`, promises a size
 * from 0 to MAX_FILE_BYTES and a sha256 of 64 hex digits.
 */
export function checkLink(link: FileLink, origins: readonly string[], name: string): void {
  let url: URL;
  try {
    url = new URL(link.url);
  } catch {
    throw new UntrustedLinkError(`${name}: the download link is not a URL; refused`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UntrustedLinkError(`${name}: the download link uses ${url.protocol}; refused`);
  if (!origins.includes(url.origin)) {
    throw new UntrustedLinkError(
      `${name}: the download link points at ${url.origin}, which is neither the Atelier API's origin nor the configured storage origin; ` +
        `refused. If your operator stores files there, set "storageOrigin": "${url.origin}" (or --storage-origin)`,
    );
  }
  if (!Number.isSafeInteger(link.bytes) || link.bytes < 0 || link.bytes > MAX_FILE_BYTES) {
    throw new UntrustedLinkError(`${name}: the promised size ${String(link.bytes)} is not a size from 0 to ${MAX_FILE_BYTES} bytes; refused`);
  }
  if (typeof link.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(link.sha256)) throw new UntrustedLinkError(`${name}: the promised sha256 is not 64 hex digits; refused`);
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
 * Streams link.url to dest, verifying sha256 and size; throws UntrustedLinkError (nothing
 * fetched), HashMismatchError (file deleted), or DownloadError for an HTTP error, a redirect,
 * more bytes than promised (cut off, deleted), a broken connection or idleTimeoutMs without data.
 */
export async function downloadVerified(options: DownloadOptions): Promise<VerifiedFile> {
  const { link, dest, signal, out } = options;
  const idleMs = options.idleTimeoutMs ?? DEFAULT_TIMEOUTS.downloadIdleMs;
  const name = basename(dest);
  const part = `${dest}.part`;
  checkLink(link, options.origins, name);
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
      response = await (options.fetch ?? fetch)(link.url, { signal: limit.signal, redirect: 'manual' });
    } catch (error) {
      throw failed(error);
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const to = redirectTarget(response, link.url);
      throw new DownloadError(`${name}: the file store answered ${response.status} redirecting to ${to}; redirects are not followed`);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > link.bytes) {
      await response.body?.cancel();
      throw new DownloadError(`${name}: the file store announces ${declared} bytes, more than the promised ${link.bytes}; not downloaded`);
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
        if (received + value.length > link.bytes) {
          await reader.cancel().catch(() => {});
          throw new OversizeError(`${name}: the file store sent more than the promised ${link.bytes} bytes; cut off and deleted`);
        }
        hash.update(value);
        await file.write(value);
        received += value.length;
        bar?.update(received);
      }
    } catch (error) {
      await file.close();
      await rm(part, { force: true });
      bar?.done(signal?.aborted ? 'stopped' : limit.timedOut ? 'stalled' : error instanceof OversizeError ? 'REFUSED: larger than promised, deleted' : 'failed');
      throw error instanceof OversizeError ? error : failed(error);
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

/** More bytes arrived than the files response promised. */
class OversizeError extends DownloadError {}

/** Where a 3xx points, as an origin only (never the whole URL, which may carry a signature). */
const redirectTarget = (response: Response, from: string): string => {
  const location = response.headers.get('location');
  if (!location) return 'nowhere';
  try {
    return new URL(location, from).origin;
  } catch {
    return 'an unreadable location';
  }
};
