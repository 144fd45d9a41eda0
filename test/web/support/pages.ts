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

/** A fresh context (own storage) with a 1200×800 page (or `screen`) that collects uncaught errors into `errors`. */
export const newPage = async (browser: Browser, errors: string[], screen?: ScreenName): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, deviceScaleFactor: 1, ...(screen ? SCREENS[screen] : {}) });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // 4xx answers the test provokes on purpose show up as resource errors; those are fine.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`);
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
