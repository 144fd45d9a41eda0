// Where browser tests leave their screenshots: test-artifacts/<suite>/, ignored by git.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const artifactsDir = (suite: string): string => {
  const dir = resolve(import.meta.dirname, '../../../test-artifacts', suite);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Saves a screenshot of the page (or one element) as <dir>/<name>.png. */
export const screenshot = async (target: Page | Locator, dir: string, name: string): Promise<void> => {
  await target.screenshot({ path: join(dir, `${name}.png`) });
};
