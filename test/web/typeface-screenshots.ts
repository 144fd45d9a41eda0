// Screenshots of the name tag in each typeface for the README (docs/screenshots/name-tag-<font>.png),
// taken from the real app, and a record of what the page fetched: each configurator load must
// fetch exactly the chosen face's font file (in the worker), and nothing of the others.
// `npx tsx test/web/typeface-screenshots.ts`. Needs Chromium.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TYPEFACES } from '../../functions/designs/typefaces/faces.ts';
import { artifactsDir } from './support/artifacts.ts';
import { buildWeb } from './support/build-web.ts';
import { hasChromium, INSTALL_HINT, launchChromium } from './support/chromium.ts';
import { startLocalServer } from './support/local-server.ts';
import { newPage, waitForPreview } from './support/pages.ts';

const docs = resolve(import.meta.dirname, '../../docs/screenshots');
const TEXT = 'Zoë Ωμέγα Мир';

if (!hasChromium) {
  console.warn(INSTALL_HINT);
  process.exit(0);
}
mkdirSync(docs, { recursive: true });
const webDir = await buildWeb(join(artifactsDir('typefaces'), 'web-dist'));
const server = await startLocalServer({ webDir });
const browser = await launchChromium();
const errors: string[] = [];
try {
  for (const face of TYPEFACES) {
    const page = await newPage(browser, errors, 'desktop');
    const fonts: { url: string; bytes: number }[] = [];
    page.on('response', async (response) => {
      if (/\.ttf$/.test(new URL(response.url()).pathname)) fonts.push({ url: new URL(response.url()).pathname, bytes: (await response.body()).length });
    });
    const query = new URLSearchParams({ text: TEXT, letterHeight: '9', thickness: '3', style: 'raised', font: face.id });
    await page.goto(`${server.url}/#/design/name-tag?${query}`);
    await waitForPreview(page, 0, 60_000);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(docs, `name-tag-${face.id}.png`) });
    const wrong = fonts.filter((f) => !f.url.includes(face.file.replace(/\.ttf$/, '')));
    if (fonts.length !== 1 || wrong.length) throw new Error(`${face.id}: the page fetched ${JSON.stringify(fonts)}, expected only ${face.file}`);
    console.log(`${face.id}: wrote name-tag-${face.id}.png; fetched ${fonts[0].url} (${fonts[0].bytes} B), no other face`);
    await page.context().close();
  }
  if (errors.length) console.warn(errors);
} finally {
  await browser.close();
  await server.stop();
}
