// The browser loads only the chosen typeface, in the mesh worker: in real headless Chromium
// against the real `npm start` host, a name tag opened in the serif fetches the serif's TTF
// and no other font file; switching to the sans then fetches the sans's, and the rounded face
// is never fetched. Each fetched file's bytes are the TTF of that face (what it adds to a visit).
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDesign } from '../../functions/designs/catalogue.ts';
import { TYPEFACES } from '../../functions/designs/typefaces/faces.ts';
import { artifactsDir } from './support/artifacts.ts';
import { buildWeb } from './support/build-web.ts';
import { hasChromium, INSTALL_HINT, launchChromium } from './support/chromium.ts';
import { startLocalServer, type LocalServer } from './support/local-server.ts';
import { newPage, waitForPreview } from './support/pages.ts';

if (!hasChromium) console.warn(INSTALL_HINT);

const hasFontChoice = findDesign('name-tag')?.params.some((p) => p.key === 'font') ?? false;
const require = createRequire(import.meta.url);
const face = (id: string) => TYPEFACES.find((f) => f.id === id)!;
const ttfBytes = (id: string) => statSync(require.resolve(face(id).module)).size;

interface FontFetch {
  /** The face whose file it was, by the file's name (Vite adds a hash after it). */
  face: string;
  bytes: number;
}

const faceOfFile = (url: string): string => {
  const file = new URL(url).pathname.split('/').pop()!;
  return TYPEFACES.find((f) => file.startsWith(f.file.replace(/\.ttf$/, '')))?.id ?? file;
};

/** Records every .ttf the page or its workers fetch, with the bytes that came back. */
const recordFonts = (page: Page): FontFetch[] => {
  const fetched: FontFetch[] = [];
  page.context().on('response', async (response) => {
    if (new URL(response.url()).pathname.endsWith('.ttf')) fetched.push({ face: faceOfFile(response.url()), bytes: (await response.body()).length });
  });
  return fetched;
};

/** The faces whose files a realm (the page, or one of its workers) fetched, from its own resource timing. */
const fontsFetchedBy = (realm: Pick<Page, 'evaluate'>): Promise<string[]> =>
  realm.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => new URL(name).pathname.endsWith('.ttf'))).then((urls) => urls.map(faceOfFile));

const meshWorker = (page: Page) => {
  const worker = page.workers().find((w) => /mesh-worker/.test(w.url()));
  if (!worker) throw new Error(`no mesh worker among ${page.workers().map((w) => w.url()).join(', ') || 'none'}`);
  return worker;
};

let server: LocalServer;

/** Whether a realm loaded the font parser's chunk (opentype-<hash>.js): for the report, not asserted. */
const loadedParser = (realm: Pick<Page, 'evaluate'>): Promise<boolean> =>
  realm.evaluate(() => performance.getEntriesByType('resource').some((entry) => /\/opentype-[^/]*\.js$/.test(new URL(entry.name).pathname)));

describe.skipIf(!hasChromium || !hasFontChoice)('web app: only the chosen typeface is fetched', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const webDir = await buildWeb(join(artifactsDir('typeface-requests'), 'web-dist'));
    server = await startLocalServer({ webDir });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('fetches the serif alone for a serif name tag, then the sans when the customer picks it', async () => {
    page = await newPage(browser, errors);
    const fetched = recordFonts(page);
    await page.goto(`${server.url}/#/design/name-tag?text=${encodeURIComponent('Ωμέγα')}&letterHeight=9&font=serif`);
    const first = await waitForPreview(page, 0, 60_000);

    await expect.poll(() => fetched.length).toBe(1);
    expect(fetched[0]).toEqual({ face: 'serif', bytes: ttfBytes('serif') });
    // Fetched in the mesh worker, not by the page's own thread.
    expect(await fontsFetchedBy(meshWorker(page))).toEqual(['serif']);
    expect(await fontsFetchedBy(page)).toEqual([]);

    await page.locator('[data-key="font"] input[value="sans"]').check();
    await waitForPreview(page, first.revision, 60_000);
    await expect.poll(() => fetched.length).toBe(2);
    expect(fetched[1]).toEqual({ face: 'sans', bytes: ttfBytes('sans') });
    expect(await fontsFetchedBy(meshWorker(page))).toEqual(['serif', 'sans']);

    // Back to the serif: already in the worker, not fetched again; the rounded face never was.
    const second = await waitForPreview(page, 0);
    await page.locator('[data-key="font"] input[value="serif"]').check();
    await waitForPreview(page, second.revision, 60_000);
    expect(fetched.map((f) => f.face)).toEqual(['serif', 'sans']);
    expect(await fontsFetchedBy(page)).toEqual([]);
    console.info(`typeface bytes fetched: ${fetched.map((f) => `${f.face} ${f.bytes} B`).join(', ')}; rounded would be ${ttfBytes('rounded')} B; opentype.js chunk loaded by the worker: ${await loadedParser(meshWorker(page))}, by the page: ${await loadedParser(page)}`);
    expect(errors).toEqual([]);
  }, 180_000);
});
