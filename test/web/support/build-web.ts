// Builds the web app into a private directory (not web/dist), so a test run never swaps the
// files under someone's running `npm start`.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `vite build` with the app's config into `outDir`; returns its absolute path. */
export const buildWeb = async (outDir: string): Promise<string> => {
  const absolute = resolve(outDir);
  await run('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--outDir', absolute, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: resolve(import.meta.dirname, '../../..'),
    maxBuffer: 16 * 1024 * 1024,
  });
  return absolute;
};
