// The installation's download-link secret: 32 random bytes created at first start in the data
// directory (`link-secret`, owner-only), read on every later start. Deleting the file makes a
// new secret on the next start; links already handed out (15 minutes at most) stop working.
import { randomBytes } from 'node:crypto';
import { chmod, link, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const LINK_SECRET_FILE = 'link-secret';

const isCode = (error: unknown, code: string) => (error as NodeJS.ErrnoException).code === code;

/** Reads the secret, creating it first if the data directory has none. */
export const loadLinkSecret = async (dataDir: string): Promise<Buffer> => {
  const file = join(dataDir, LINK_SECRET_FILE);
  // Written whole under a temporary name, then linked into place, which fails if another
  // start got there first: the file is never seen half-written, and never replaced.
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  try {
    await link(temp, file);
  } catch (error) {
    if (!isCode(error, 'EEXIST')) throw error;
  } finally {
    await rm(temp, { force: true });
  }
  // Owner-only even if the file was copied in or its mode loosened since.
  await chmod(file, 0o600);
  const text = (await readFile(file, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new Error(`${file} is not a link secret (64 hex digits). Delete it to create a new one; download links handed out before stop working.`);
  }
  return Buffer.from(text, 'hex');
};
