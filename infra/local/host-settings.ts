// What the one-machine host tells the app about itself: the address order links point at
// (ATELIER_PUBLIC_URL, or this machine's own http://localhost:<port>; never a request's Host)
// and the installation's order-token secret, made at first start and kept in the data
// directory, readable by its owner only.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { HostSettings } from '../../functions/api/wiring.ts';
import { MIN_ORDER_TOKEN_SECRET_LENGTH } from '../../functions/domain/ids.ts';

/** The order-token secret's file in the data directory. */
export const ORDER_TOKEN_SECRET_FILE = 'order-token.secret';

/**
 * Reads a secret from `file`, or makes one (32 random bytes, base64url) if there is none.
 * Created exclusively with mode 600, so two starts racing keep one secret; an existing file
 * readable by others is narrowed to its owner.
 */
export const readOrCreateSecret = async (file: string): Promise<string> => {
  await mkdir(dirname(file), { recursive: true });
  try {
    await writeFile(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < MIN_ORDER_TOKEN_SECRET_LENGTH) {
    throw new Error(`${file} holds no usable secret (under ${MIN_ORDER_TOKEN_SECRET_LENGTH} characters); delete it to have a new one made`);
  }
  return secret;
};

/**
 * The host settings for `npm start`. Changing the secret (deleting the file) keeps every
 * order link working (only token hashes are stored); it only stops a retried POST /orders of
 * an earlier order from being given its link again.
 */
export const localHostSettings = async (dataDir: string, publicUrl: string): Promise<HostSettings> => ({
  publicBaseUrl: publicUrl.replace(/\/+$/, ''),
  orderTokenSecret: await readOrCreateSecret(join(dataDir, ORDER_TOKEN_SECRET_FILE)),
});
