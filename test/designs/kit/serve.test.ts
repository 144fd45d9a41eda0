// `design serve` end to end: a temporary copy of the knob served on a free port, opened in
// headless Chromium. The model is drawn with the findings beside it; saving a changed default
// redraws it at the new size; saving a defect (a triangle budget the knob cannot meet) shows
// the finding. No API or AWS runs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDesign, type ServedDesign } from '../../../functions/designs/kit/serve.ts';
import { hasChromium, INSTALL_HINT, launchChromium } from '../../web/support/chromium.ts';

if (!hasChromium) console.warn(INSTALL_HINT);

const ROOT = resolve(import.meta.dirname, '../../..');
const WAIT = { timeout: 120_000 };
// The check runs in a child process (tsx start-up, kernel, typefaces, sampled builds): on a 2-core
// machine running the whole suite it has taken over 120 s, so its answer gets longer. Not a speed check.
const CHECK_WAIT = { timeout: 360_000 };

/** The knob with its relative imports made absolute, so it works from a temporary directory. */
const knobSource = (): string =>
  readFileSync(join(ROOT, 'functions/designs/knob.ts'), 'utf8')
    .replace(/from '\.\.\/mesh\//g, `from '${ROOT}/functions/mesh/`)
    .replace(/from '\.\//g, `from '${ROOT}/functions/designs/`);

const viewerSize = (page: Page) => page.locator('figure.viewer').getAttribute('data-size');

describe.skipIf(!hasChromium)('design serve', () => {
  let dir: string;
  let file: string;
  let served: ServedDesign;
  let browser: Browser;
  let page: Page;
  const apiRequests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-serve-'));
    file = join(dir, 'knob.ts');
    writeFileSync(file, knobSource());
    served = await serveDesign({ file, root: ROOT, port: 0, n: 10 });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiRequests.push(request.url());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the model and the check’s findings, with no ordering', async () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(served.designIds).toEqual(['knob']);
    await page.goto(served.url);
    await page.waitForSelector('figure.viewer[data-state="ready"]', WAIT);
    expect(await viewerSize(page)).toBe('30.00,30.00,16.00');
    expect(Number(await page.locator('figure.viewer').getAttribute('data-triangles'))).toBeGreaterThan(100);
    await page.waitForSelector('.findings[data-state="done"]', CHECK_WAIT);
    expect(await page.locator('.findings').getAttribute('data-findings')).toBe('0');
    expect(await page.locator('text=/quote|order now|price/i').count()).toBe(0);
    expect(apiRequests).toEqual([]);
  }, 480_000);

  it('redraws the preview and checks again when the file is saved', async () => {
    const revision = Number(await page.locator('.findings').getAttribute('data-revision'));
    writeFileSync(file, knobSource().replace('min: 15, max: 60, step: 1, default: 30', 'min: 15, max: 60, step: 1, default: 44'));
    await page.waitForFunction(() => document.querySelector('figure.viewer[data-state="ready"]')?.getAttribute('data-size') === '44.00,44.00,16.00', null, WAIT);
    await page.waitForFunction((before) => {
      const panel = document.querySelector<HTMLElement>('.findings');
      return panel?.dataset.state === 'done' && Number(panel.dataset.revision) > before;
    }, revision, CHECK_WAIT);
    expect(await page.locator('.findings').getAttribute('data-findings')).toBe('0');
  }, 480_000);

  it('shows a defect saved into the file as a finding with its fix', async () => {
    writeFileSync(file, knobSource().replace('maxTriangles: 1_000', 'maxTriangles: 100'));
    await page.waitForSelector('.findings li[data-kind="over-budget"]', CHECK_WAIT);
    const text = await page.locator('.findings').innerText();
    expect(text).toMatch(/triangles > budget 100/);
    expect(text).toMatch(/Fix: Raise budget\.maxTriangles/);
    await page.waitForSelector('figure.viewer[data-state="ready"]', WAIT); // the model still shows
  }, 480_000);
});
