// The whole story in real headless Chromium against the real `npm start` host: catalogue,
// configurator (slider → new preview, field messages from the shared validator, share
// link), quote, order, the shop dashboard (claim, files, printing → progress → printed →
// shipped, decline), and the customer's order page (progress, shipped, erase data, cancel).
// Screenshots of every step go to test-artifacts/e2e/ (git-ignored).
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, findDesign } from '../../functions/designs/catalogue.ts';
import { defaultParams, validateParams } from '../../functions/designs/validate.ts';
import { artifactsDir, screenshot } from './support/artifacts.ts';
import { buildWeb } from './support/build-web.ts';
import { hasChromium, INSTALL_HINT, launchChromium } from './support/chromium.ts';
import { startLocalServer, type DemoShop, type LocalServer } from './support/local-server.ts';
import { newPage, NO_WEBHOOK_YET, previewStats, waitForPreview } from './support/pages.ts';

if (!hasChromium) console.warn(INSTALL_HINT);

const dir = artifactsDir('e2e');
const BERLIN = { lat: 52.52, lon: 13.405 };

describe.skipIf(!hasChromium)('web app: the whole story in Chromium', () => {
  let server: LocalServer;
  let browser: Browser;
  let customer: Page;
  let shop: Page;
  let shopKey: DemoShop;
  const errors: string[] = [];
  const story: { orderId: string; orderLink: string; triangles: number; sizeText: string } = { orderId: '', orderLink: '', triangles: 0, sizeText: '' };
  const shot = (page: Page, name: string) => screenshot(page, dir, name);

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

  it('shows the catalogue with pictures rendered from the real geometry', async () => {
    await customer.goto(server.url);
    await customer.getByRole('heading', { level: 1 }).waitFor();
    const cards = customer.locator('.card[data-design]');
    expect(await cards.count()).toBe(catalogue.length);
    await customer.waitForFunction((n) => document.querySelectorAll('.card .thumb[data-state="ready"] img').length === n, catalogue.length, { timeout: 60_000 });
    // The site has its own icon, so no browser asks for a /favicon.ico that is not there.
    const icon = await customer.locator('link[rel="icon"]').getAttribute('href');
    const iconResponse = await fetch(new URL(icon!, server.url));
    expect(iconResponse.status).toBe(200);
    expect(iconResponse.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    await shot(customer, '01-catalogue');
  });

  it('opens the name tag and moving a slider changes the preview', async () => {
    await customer.locator('.card[data-design="name-tag"] a').click();
    const first = await waitForPreview(customer);
    expect(first.triangles).toBeGreaterThan(0);
    const canvasBefore = await customer.locator('.viewer canvas').screenshot();

    const slider = customer.locator('[data-key="letterHeight"] input[type="range"]');
    await slider.focus();
    for (let i = 0; i < 4; i++) await slider.press('ArrowRight'); // 8 → 10 mm, one input event per press
    await customer.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-key="letterHeight"] input[type="number"]')?.value === '10');
    const after = await waitForPreview(customer, first.revision);
    await customer.waitForFunction(() => document.querySelector<HTMLElement>('.viewer')?.dataset.state === 'ready');
    const settled = await previewStats(customer);
    expect(settled.size[1]).toBeGreaterThan(first.size[1]); // taller letters, wider plate
    expect(settled.size[0]).toBeGreaterThan(first.size[0]);
    expect(after.revision).toBeGreaterThan(first.revision);
    expect(settled.geometries).toBe(first.geometries); // every replaced geometry was disposed
    const canvasAfter = await customer.locator('.viewer canvas').screenshot();
    expect(canvasAfter.equals(canvasBefore)).toBe(false);
    await customer.waitForURL(/letterHeight=10/); // the address bar follows once the drag pauses
    story.triangles = settled.triangles;
    await shot(customer, '02-configurator-slider');
  });

  it('shows the shared validator’s message as you type, and clears it when fixed', async () => {
    const design = findDesign('name-tag')!;
    const expected = validateParams(design, { ...defaultParams(design), letterHeight: 99 });
    expect(expected.ok).toBe(false);
    const field = customer.locator('[data-key="letterHeight"] input[type="number"]');
    await field.fill('99');
    const message = customer.locator('[data-key="letterHeight"] .field-error');
    await expect.poll(() => message.textContent()).toBe(!expected.ok && expected.errors[0].message);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await shot(customer, '03-field-message');
    await field.fill('10');
    await expect.poll(() => message.textContent()).toBe('');
    await customer.waitForFunction(() => document.querySelector<HTMLElement>('.viewer')?.dataset.state === 'ready');
  });

  it('restores the same object from the share link', async () => {
    const link = await customer.locator('.copy-field input').first().inputValue();
    expect(link).toContain('#/design/name-tag?');
    const other = await newPage(browser, errors);
    await other.goto(link);
    const restored = await waitForPreview(other);
    const original = await previewStats(customer);
    expect(restored.triangles).toBe(original.triangles);
    expect(restored.size).toEqual(original.size);
    expect(await other.locator('[data-key="letterHeight"] input[type="number"]').inputValue()).toBe('10');
    await shot(other, '04-share-link');
    await other.context().close();
  });

  it('gets the exact quote from the server', async () => {
    await customer.getByLabel('Material').selectOption('PLA');
    expect(await customer.getByLabel('Your location').locator('option:checked').textContent()).toContain('Berlin');
    await customer.getByRole('button', { name: 'Get exact price' }).click();
    const summary = customer.locator('.quote-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.locator('[data-quote="total"]').textContent()).toMatch(/\d/);
    expect(await summary.locator('[data-quote="shops"] dd').textContent()).toContain('can make it');
    // The server built the same object the browser shows.
    story.sizeText = (await summary.locator('[data-quote="size"] dd').textContent())!;
    expect(await customer.locator('.viewer .dims').textContent()).toContain(story.sizeText);
    await shot(customer, '05-quote');
  });

  it('orders with only delivery details and shows the private order link', async () => {
    await customer.getByRole('button', { name: 'Place order' }).click();
    expect(await customer.locator('[data-field="delivery.name"] .field-error').textContent()).toContain('name');
    await customer.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await customer.getByLabel('Street and number').fill('Unter den Linden 1');
    await customer.getByLabel('Postal code').fill('10117');
    await customer.getByLabel('City', { exact: true }).fill('Berlin');
    await customer.getByLabel('Email for updates (optional)').fill('ada@example.com');
    await customer.getByRole('button', { name: 'Place order' }).click();
    await customer.waitForURL(/#\/orders\//, { timeout: 30_000 });
    await customer.locator('[data-testid="order-state"]').waitFor();
    expect(await customer.locator('[data-testid="order-state"]').textContent()).toBe('Placed');
    story.orderLink = await customer.locator('.callout input').inputValue();
    story.orderId = (await customer.locator('.order-page').getAttribute('data-order-id'))!;
    expect(story.orderLink).toContain(`#/orders/${story.orderId}?token=`);
    await shot(customer, '06-ordered');
  });

  it('lets the nearest demo shop claim the job with a preview, dimensions, material and distance', async () => {
    shopKey = await shopThatSees(server, story.orderId);
    shop = await newPage(browser, errors, undefined, [NO_WEBHOOK_YET]);
    await shop.goto(`${server.url}/#/shop`);
    await shop.getByLabel('Shop API key').fill(shopKey.apiKey);
    await shop.getByRole('button', { name: 'Open dashboard' }).click();
    const card = shop.locator(`.job[data-job-id="${story.orderId}"]`);
    await card.waitFor();
    await card.locator('.thumb[data-state="ready"] img').waitFor({ timeout: 60_000 });
    expect(await card.textContent()).toContain(story.sizeText);
    expect(await card.textContent()).toContain('PLA');
    expect(await card.textContent()).toMatch(/\d km/);
    expect(await shop.evaluate(() => sessionStorage.getItem('atelier.shopKey'))).toBe(shopKey.apiKey);
    expect(await shop.evaluate(() => localStorage.getItem('atelier.shopKey'))).toBeNull();
    await shot(shop, '07-dashboard-offer');

    await card.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => card.locator('[data-testid="job-state"]').textContent()).toBe('Claimed');
    await card.getByRole('button', { name: 'Get STL / 3MF' }).click();
    const stlLink = card.locator('a[data-file="stl"]');
    await stlLink.waitFor();
    await card.locator('a[data-file="3mf"]').waitFor();
    const stl = new Uint8Array(await (await fetch((await stlLink.getAttribute('href'))!)).arrayBuffer());
    const facets = new DataView(stl.buffer).getUint32(80, true);
    expect(stl.length).toBe(84 + 50 * facets);
    expect(facets).toBe(story.triangles); // the shop's file is the mesh the customer saw
    await shot(shop, '08-dashboard-claimed');
  });

  it('moves the job through printing, printed and shipped with tracking', async () => {
    const card = shop.locator(`.job[data-job-id="${story.orderId}"]`);
    const state = card.locator('[data-testid="job-state"]');
    await card.getByRole('button', { name: 'Start printing' }).click();
    await expect.poll(() => state.textContent()).toBe('Printing');
    await shot(shop, '09-printing');

    // The shop's agent reports progress and its slicer's figures with a heartbeat.
    const report = { progress: { stage: 'printing', percent: 42, secondsLeft: 4200, message: 'layer 8 of 20' }, sliced: { printSeconds: 5400, filamentGrams: 7.9, filamentMm: 2640, layers: 20, slicer: 'PrusaSlicer 2.5.0', profile: 'atelier-pla' } };
    const beat = await fetch(`${server.url}/api/shop/jobs/${story.orderId}/heartbeat`, {
      method: 'POST', headers: { authorization: `Bearer ${shopKey.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(report),
    });
    expect(beat.status).toBe(200);
    await shop.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => card.locator('[data-testid="production-summary"]').textContent()).toBe('Printing — 42 %, about 1 h 10 min left');
    expect(await card.locator('[data-testid="sliced"] dd').textContent()).toMatch(/^7[.,]9 g, 1 h 30 min/);
    await customer.goto(story.orderLink);
    await customer.reload();
    const summary = customer.locator('[data-testid="production-summary"]');
    await summary.waitFor();
    expect(await summary.textContent()).toBe('Printing — 42 %, about 1 h 10 min left');
    expect(await customer.getByRole('progressbar').getAttribute('value')).toBe('42');
    expect(await customer.locator('.order-body').textContent()).not.toContain('layer 8 of 20');
    await shot(customer, '09b-customer-progress');

    await card.getByRole('button', { name: 'Mark printed' }).click();
    await expect.poll(() => state.textContent()).toBe('Printed');
    expect(await card.locator('[data-testid="production-summary"]').textContent()).toBe('Printed');
    await shot(shop, '10-printed');
    await card.getByLabel('Tracking number').fill('DHL 00340434161234567890');
    await card.getByRole('button', { name: 'Mark shipped' }).click();
    await expect.poll(() => state.textContent()).toBe('Shipped');
    await shot(shop, '11-shipped-shop');
  });

  it('shows "shipped" on the customer’s order page, then erases their data', async () => {
    await customer.goto(story.orderLink);
    await customer.reload();
    const badge = customer.locator('[data-testid="order-state"]');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('Shipped');
    expect(await customer.locator('.timeline [aria-current="step"]').getAttribute('data-state')).toBe('SHIPPED');
    expect(await customer.locator('.order-body').textContent()).toContain('DHL 00340434161234567890');
    await shot(customer, '12-customer-shipped');

    await customer.getByRole('button', { name: 'Erase my personal data' }).click();
    await customer.getByRole('button', { name: 'Yes, erase them' }).click();
    await customer.getByText('were erased on').waitFor();
    await shot(customer, '13-data-erased');
  });

  it('lets a shop decline with a reason and the customer cancel while nobody has claimed', async () => {
    const second = await orderThroughApi(server);
    await shop.getByRole('button', { name: 'Refresh' }).click();
    const card = shop.locator(`.job[data-job-id="${second.id}"]`);
    await card.waitFor();
    await card.locator('summary', { hasText: 'Decline this job' }).click();
    await card.getByLabel('Reason to decline').selectOption('printer_busy');
    await card.getByRole('button', { name: 'Decline' }).click();
    await card.waitFor({ state: 'detached' });
    await shot(shop, '14-declined');

    await customer.goto(second.orderLink);
    await customer.locator('[data-testid="order-state"]').waitFor();
    await customer.getByRole('button', { name: 'Cancel order' }).click();
    await customer.getByRole('button', { name: 'Yes, cancel the order' }).click();
    await expect.poll(() => customer.locator('[data-testid="order-state"]').textContent()).toBe('Cancelled');
    await shot(customer, '15-cancelled');
  });

  it('remembers the order in this browser only, with no errors, failed requests or 4xx/5xx answers anywhere', async () => {
    await customer.goto(`${server.url}/#/yours`);
    await customer.getByRole('heading', { name: 'Yours' }).waitFor();
    expect(await customer.locator('.order-list').textContent()).toContain('Shipped');
    expect(await customer.locator('.cards .card').count()).toBeGreaterThan(0);
    await shot(customer, '16-yours');
    expect(errors).toEqual([]);
  });
});

/** The demo shop the job is offered to first (the nearest), found through the API. */
const shopThatSees = async (server: LocalServer, orderId: string): Promise<DemoShop> => {
  for (const shop of server.shops) {
    const response = await fetch(`${server.url}/api/shop/jobs`, { headers: { authorization: `Bearer ${shop.apiKey}` } });
    const { jobs } = (await response.json()) as { jobs: { id: string }[] };
    if (jobs.some((j) => j.id === orderId)) return shop;
  }
  throw new Error(`no demo shop sees order ${orderId}`);
};

/** A second order placed straight through the API, for the decline and cancel steps. */
const orderThroughApi = async (server: LocalServer): Promise<{ id: string; orderLink: string }> => {
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const quote = await post('/quotes', { designId: 'name-tag', params: { text: 'BOB' }, material: 'PLA', quantity: 2, location: BERLIN });
  const placed = await post('/orders', { quoteId: quote.id, delivery: { name: 'Bob', line1: 'Hauptstr. 2', postalCode: '10115', city: 'Berlin', country: 'DE' } }, { 'Idempotency-Key': `e2e-${Date.now()}` });
  return { id: placed.id as string, orderLink: placed.orderUrl as string };
};
