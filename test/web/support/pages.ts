// Small helpers for driving the app in the browser tests: a page that records uncaught
// errors, the preview's statistics, and waiting for the next preview revision.
import type { Browser, Page } from 'playwright-core';

export interface PreviewStats {
  revision: number;
  triangles: number;
  size: number[];
  state: string;
  /** Geometries three.js holds; stays constant when replaced ones are disposed. */
  geometries: number;
}

/** The screen sizes the customer-facing tests run at: a laptop and two phones. */
export const SCREENS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  smallPhone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
} as const;

export type ScreenName = keyof typeof SCREENS;

/** The dashboard asks for the shop's webhook when it opens; a shop without one gets a 404 (expected). */
export const NO_WEBHOOK_YET = /^GET .*\/api\/shop\/webhook$/;

/**
 * A fresh context (own storage) with a 1200×800 page (or `screen`) that collects into `errors`
 * every uncaught error, every console error (a 404 for a missing icon shows up as one), every
 * request that failed and every answer of 400 or more. A test that provokes one on purpose
 * says so with `expected` (method and URL, e.g. /^POST .*\/api\/quotes$/).
 */
export const newPage = async (browser: Browser, errors: string[], screen?: ScreenName, expected: RegExp[] = []): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, deviceScaleFactor: 1, ...(screen ? SCREENS[screen] : {}) });
  const page = await context.newPage();
  const allowed = (method: string, url: string) => expected.some((pattern) => pattern.test(`${method} ${url}`));
  const provoked = new Set<string>();
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() < 400) return;
    const request = response.request();
    if (allowed(request.method(), response.url())) provoked.add(response.url());
    else errors.push(`response: ${response.status()} for ${request.method()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    // ERR_ABORTED is a request the page itself gave up: a navigation away (the favicon fetch of
    // the page being left) or the preview's newest-wins AbortController. Not a failure.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    if (!allowed(request.method(), request.url())) errors.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium logs every 4xx/5xx as "Failed to load resource"; those provoked on purpose are fine.
    const url = message.location().url;
    if (message.text().startsWith('Failed to load resource') && provoked.has(url)) return;
    errors.push(`console: ${message.text()} (${url})`);
  });
  return page;
};

export const previewStats = (page: Page): Promise<PreviewStats> =>
  page.locator('.viewer').evaluate((el: HTMLElement) => ({
    revision: Number(el.dataset.revision ?? 0),
    triangles: Number(el.dataset.triangles ?? 0),
    size: (el.dataset.size ?? '').split(',').filter(Boolean).map(Number),
    state: el.dataset.state ?? '',
    geometries: Number(el.dataset.geometries ?? 0),
  }));

/** Waits until the preview has drawn a revision newer than `after` and is idle. */
export const waitForPreview = async (page: Page, after = 0, timeout = 30_000): Promise<PreviewStats> => {
  await page.waitForFunction(
    (previous) => {
      const el = document.querySelector<HTMLElement>('.viewer');
      return !!el && Number(el.dataset.revision ?? 0) > previous && el.dataset.state === 'ready';
    },
    after,
    { timeout },
  );
  return previewStats(page);
};
