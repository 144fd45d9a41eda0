// A job's two files in the download folder: `<design>-<order id>.stl` and `.3mf`, each
// downloaded from a link the API gave (on an allowed origin), or found already there and
// verified again. Used by the agent's flow and by `agent download ID`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiClient, FileLink, ShopJob } from './api-client.ts';
import { downloadVerified, readVerified, type VerifiedFile } from './downloader.ts';
import type { Output } from './output.ts';

/** `<design>-<order id>`: the name of the files in the download folder and on the printer. */
export const fileBase = (job: Pick<ShopJob, 'id' | 'designId'>): string => `${job.designId}-${job.id}`.replace(/[^A-Za-z0-9_.-]/g, '_');

export interface FetchFilesOptions {
  fetch: typeof fetch;
  out: Output;
  signal: AbortSignal;
  /** Origins download links may point at: the API's and the configured storage origin. */
  origins: readonly string[];
  downloadIdleMs?: number;
}

/** The API's own origin plus the configured storage origin, if any. */
export const allowedOrigins = (apiUrl: string, storageOrigin: string | null): string[] =>
  [new URL(apiUrl).origin, ...(storageOrigin ? [storageOrigin] : [])];

/** Downloads (or finds, already verified) both files of a job into `dir`. */
export async function fetchJobFiles(
  api: ApiClient,
  job: Pick<ShopJob, 'id' | 'designId'>,
  dir: string,
  opts: FetchFilesOptions,
): Promise<{ stl: VerifiedFile; threeMf: VerifiedFile }> {
  const links = await api.files(job.id, opts.signal);
  await mkdir(dir, { recursive: true });
  const one = async (link: FileLink, ext: string): Promise<VerifiedFile> => {
    const dest = join(dir, `${fileBase(job)}.${ext}`);
    if (await readVerified(dest, link)) {
      opts.out.line(`  ${fileBase(job)}.${ext}: already downloaded, sha256 verified`);
      return { path: dest, sha256: link.sha256, bytes: link.bytes };
    }
    return downloadVerified({ link, dest, fetch: opts.fetch, signal: opts.signal, out: opts.out, idleTimeoutMs: opts.downloadIdleMs, origins: opts.origins });
  };
  return { stl: await one(links.stl, 'stl'), threeMf: await one(links.threeMf, '3mf') };
}
