// Two colours in real headless Chromium against the real `npm start` host: the name tag in two
// colours gets a picker per colour slot (radio swatches, reachable by keyboard), the preview's
// parts take the picked colours, the quote lists both parts with their grams and colours, the
// order page shows them, and the demo shop with a two-filament printer (the only one offered
// the job) sees them on its dashboard card.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDesign } from '../../functions/designs/catalogue.ts';
import { PALETTE } from '../../functions/domain/colours.ts';
import { artifactsDir, screenshot } from './support/artifacts.ts';
import { buildWeb } from './support/build-web.ts';
import { hasChromium, INSTALL_HINT, launchChromium } from './support/chromium.ts';
import { startLocalServer, type LocalServer } from './support/local-server.ts';
import { newPage, waitForPreview } from './support/pages.ts';

if (!hasChromium) console.warn(INSTALL_HINT);

const dir = artifactsDir('two-colours');
const hex = (id: string) => PALETTE.find((c) => c.id === id)!.hex;
/** Until the name tag offers two colours (its `colours` choice), there is nothing to pick. */
const hasTwoColours = findDesign('name-tag')?.params.some((p) => p.key === 'colours') ?? false;
const partColours = (page: Page) => page.locator('.viewer').evaluate((el: HTMLElement) => el.dataset.partColours ?? '');

describe.skipIf(!hasChromium || !hasTwoColours)('web app: a name tag in two colours', () => {
  let server: LocalServer;
  let browser: Browser;
  let customer: Page;
  const errors: string[] = [];
  let orderId = '';

  beforeAll(async () => {
    const webDir = await buildWeb(join(dir, 'web-dist'));
    server = await startLocalServer({ webDir });
    browser = await launchChromium();
    customer = await newPage(browser, errors);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('offers a picker per colour and paints the preview in the picked colours', async () => {
    await customer.goto(`${server.url}/#/design/name-tag`);
    const first = await waitForPreview(customer);
    await customer.locator('[data-key="colours"] input[value="two"]').check();
    await waitForPreview(customer, first.revision);
    const pickers = customer.locator('.colour-picker');
    await expect.poll(() => pickers.count()).toBe(2);
    // Defaults: a white plate, black letters.
    await expect.poll(() => partColours(customer)).toBe([hex('white'), hex('black')].join(','));
    const canvasBefore = await customer.locator('.viewer canvas').screenshot();

    // Keyboard: the plate's picker is a radio group; an arrow key moves its choice on.
    const plate = pickers.nth(0);
    await plate.getByRole('radio', { name: 'White' }).focus();
    await customer.keyboard.press('ArrowRight');
    expect(await plate.getByRole('radio', { name: 'Black' }).isChecked()).toBe(true);
    await plate.getByRole('radio', { name: 'Blue' }).check();
    await pickers.nth(1).getByRole('radio', { name: 'Yellow' }).check();

    await expect.poll(() => partColours(customer)).toBe([hex('blue'), hex('yellow')].join(','));
    const canvasAfter = await customer.locator('.viewer canvas').screenshot();
    expect(canvasAfter.equals(canvasBefore)).toBe(false);
    expect(await pickers.nth(1).locator('legend').textContent()).toMatch(/colour/);
    await screenshot(customer, dir, '01-two-colours');

    // The share link holds the colours too, and opening it restores them.
    const link = await customer.locator('.copy-input').first().inputValue();
    expect(link).toContain('colour=blue%2Cyellow');
    const other = await newPage(browser, errors);
    await other.goto(link);
    await waitForPreview(other);
    await expect.poll(() => partColours(other)).toBe([hex('blue'), hex('yellow')].join(','));
    expect(await other.locator('.colour-picker').nth(1).getByRole('radio', { name: 'Yellow' }).isChecked()).toBe(true);
    await other.context().close();
  });

  it('quotes two parts with their grams and colours', async () => {
    await customer.getByRole('button', { name: 'Get exact price' }).click();
    const summary = customer.locator('.quote-summary');
    await summary.waitFor({ timeout: 60_000 });
    const parts = summary.locator('[data-quote="colours"] li');
    expect(await parts.count()).toBe(2);
    expect(await parts.nth(0).textContent()).toMatch(/Blue, [\d.]+ g/);
    expect(await parts.nth(1).textContent()).toMatch(/Yellow, [\d.]+ g/);
    expect(await summary.locator('[data-quote="colour-changes"]').textContent()).toMatch(/\d+ per piece/);
    expect(await summary.locator('[data-quote="shops"] dd').textContent()).toBe('1 can make it');
    expect(await customer.locator('[data-testid="order-form-colours"]').textContent()).toMatch(/Blue.*Yellow/);
    await screenshot(customer, dir, '02-quote');
  });

  it('orders, and the order page shows the colours', async () => {
    await customer.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await customer.getByLabel('Street and number').fill('Unter den Linden 1');
    await customer.getByLabel('Postal code').fill('10117');
    await customer.getByLabel('City', { exact: true }).fill('Berlin');
    await customer.getByRole('button', { name: 'Place order' }).click();
    await customer.waitForURL(/#\/orders\//, { timeout: 30_000 });
    const colours = customer.locator('[data-testid="order-colours"]');
    await colours.waitFor();
    expect(await colours.textContent()).toMatch(/Blue.*Yellow/);
    orderId = (await customer.locator('.order-page').getAttribute('data-order-id'))!;
    await screenshot(customer, dir, '03-order');
  });

  it('offers the job only to the two-filament demo shop, whose card shows what to load', async () => {
    const seeing = [];
    for (const shop of server.shops) {
      const response = await fetch(`${server.url}/api/shop/jobs`, { headers: { authorization: `Bearer ${shop.apiKey}` } });
      const { jobs } = (await response.json()) as { jobs: { id: string }[] };
      if (jobs.some((j) => j.id === orderId)) seeing.push(shop);
    }
    expect(seeing.map((s) => s.id)).toEqual(['demo-kreuzberg']);

    // A shop without a webhook: the dashboard's webhook panel reads a 404 for it, on purpose.
    const shop = await newPage(browser, errors, undefined, [/^GET .*\/api\/shop\/webhook$/]);
    await shop.goto(`${server.url}/#/shop`);
    await shop.getByLabel('Shop API key').fill(seeing[0].apiKey);
    await shop.getByRole('button', { name: 'Open dashboard' }).click();
    const card = shop.locator(`.job[data-job-id="${orderId}"]`);
    await card.waitFor();
    const colours = card.locator('[data-testid="job-colours"]');
    expect(await colours.locator('dt').textContent()).toMatch(/load both/);
    expect(await colours.locator('dd').textContent()).toMatch(/Blue.*Yellow/);
    await screenshot(shop, dir, '04-dashboard');
    expect(errors).toEqual([]);
  });
});
