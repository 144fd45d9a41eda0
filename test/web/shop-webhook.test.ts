// The dashboard's Webhook panel in real headless Chromium against the real local host: a bad URL
// is shown at the field, a saved URL shows its secret once (copy button), a reload shows it no
// more; failing and disabled states recorded through the store (as the notifier records them)
// appear after a refresh, saving again resumes, remove removes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_WEBHOOK_FAILURES } from '../../functions/domain/webhooks.ts';
import { createClients, type StoreClients } from '../../functions/store/clients.ts';
import { ShopWebhookStore } from '../../functions/store/shop-webhooks.ts';
import { startLocalHost, type DemoShopKey, type LocalHost } from '../../infra/local-host.ts';
import { artifactsDir, screenshot } from './support/artifacts.ts';
import { buildWeb } from './support/build-web.ts';
import { hasChromium, INSTALL_HINT, launchChromium } from './support/chromium.ts';
import { newPage, NO_WEBHOOK_YET } from './support/pages.ts';

if (!hasChromium) console.warn(INSTALL_HINT);

const dir = artifactsDir('shop-webhook');
// Long and without hyphens (break points), so the phone layout check below means something.
const HOOK_URL = 'http://127.0.0.1:8787/atelier/webhook/0123456789abcdef0123456789abcdef0123456789abcdef';
/** expect.poll with room for a machine busy with other tests. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

describe.skipIf(!hasChromium)('dashboard: the shop webhook panel', () => {
  let host: LocalHost;
  let dataDir: string;
  let clients: StoreClients;
  let webhooks: ShopWebhookStore;
  let browser: Browser;
  let page: Page;
  let shop: DemoShopKey;
  const errors: string[] = [];
  const panel = () => page.locator('.webhook-panel');
  const statusOf = () => panel().locator('[data-testid="webhook-status"]');

  beforeAll(async () => {
    const webDir = await buildWeb(join(dir, 'web-dist'));
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-webhook-web-'));
    host = await startLocalHost({ port: 0, dataDir, webDir });
    clients = createClients(host.config);
    webhooks = new ShopWebhookStore(clients, host.config);
    shop = host.demoShops[0];
    browser = await launchChromium();
    // A refused URL (422) is provoked on purpose below.
    page = await newPage(browser, errors, undefined, [NO_WEBHOOK_YET, /^PUT .*\/api\/shop\/webhook$/]);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    clients?.dynamo.destroy();
    clients?.s3.destroy();
    await host?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('says there is none, and shows a refused URL at the field', async () => {
    await page.goto(`${host.url}/#/shop`);
    await page.getByLabel('Shop API key').fill(shop.apiKey);
    await page.getByRole('button', { name: 'Open dashboard' }).click();
    await poll(() => statusOf().textContent()).toBe('No webhook registered.');
    await page.getByLabel('Webhook URL').fill('http://192.168.1.20/hook');
    await page.getByRole('button', { name: 'Save URL' }).click();
    const fieldError = panel().locator('[data-field="url"] .field-error');
    await poll(() => fieldError.textContent()).toMatch(/private or reserved address/);
    expect(await webhooks.get(shop.id)).toBeUndefined();
  });

  it('saves a URL and shows the secret once, with a copy button', async () => {
    await page.getByLabel('Webhook URL').fill(HOOK_URL);
    await page.getByRole('button', { name: 'Save URL' }).click();
    const box = panel().locator('[data-testid="webhook-secret"]');
    await box.waitFor();
    const stored = await webhooks.get(shop.id);
    expect(stored?.url).toBe(HOOK_URL);
    expect(await box.locator('input').inputValue()).toBe(stored!.secret);
    expect(await box.textContent()).toContain('not shown again');
    await box.getByRole('button', { name: 'Copy' }).click();
    await poll(() => box.locator('.copy-done').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(stored!.secret);
    expect(await statusOf().locator('[data-status]').getAttribute('data-status')).toBe('active');
    expect(await statusOf().textContent()).toContain('no deliveries yet');
    expect(await panel().locator('[data-field="url"] .field-error').textContent()).toBe('');
    await screenshot(page, dir, '1-secret-once');

    // Opened again (the key is kept in the tab), the dashboard knows the webhook but not its secret.
    await page.reload();
    await poll(() => statusOf().textContent()).toContain(HOOK_URL);
    expect(await page.content()).not.toContain(stored!.secret);
    expect(await panel().locator('[data-testid="webhook-secret"]').count()).toBe(0);
  });

  it('shows failing, then disabled with the date and how to resume, as the notifier records them', async () => {
    const t0 = Date.now();
    await webhooks.recordDelivery(shop.id, { ok: false, error: 'HTTP 500' }, t0);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await poll(() => statusOf().locator('[data-status]').getAttribute('data-status')).toBe('failing');
    expect(await statusOf().textContent()).toContain('1 failed delivery in a row, last "HTTP 500"');

    for (let i = 1; i < MAX_WEBHOOK_FAILURES; i++) await webhooks.recordDelivery(shop.id, { ok: false, error: 'timed out after 10 s' }, t0 + i);
    expect((await webhooks.get(shop.id))?.status).toBe('disabled');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await poll(() => statusOf().locator('[data-status]').getAttribute('data-status')).toBe('disabled');
    expect(await statusOf().textContent()).toMatch(new RegExp(`Gave up after ${MAX_WEBHOOK_FAILURES} failed deliveries on .+: save the URL again to resume`));
    await screenshot(page, dir, '2-disabled');
    // On a small phone the panel (a long URL included) fits the width: no sideways scrolling.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, dir, '3-disabled-phone');
    await page.setViewportSize({ width: 1200, height: 800 });

    const old = (await webhooks.get(shop.id))!.secret;
    await page.getByRole('button', { name: 'Save URL again to resume' }).click();
    await poll(() => statusOf().locator('[data-status]').getAttribute('data-status')).toBe('active');
    const resumed = await webhooks.get(shop.id);
    expect(resumed).toMatchObject({ status: 'active', consecutiveFailures: 0 });
    expect(resumed!.secret).not.toBe(old);
    expect(await panel().locator('[data-testid="webhook-secret"] input').inputValue()).toBe(resumed!.secret);
  });

  it('removes the webhook after asking once more (a refresh meanwhile keeps the question open)', async () => {
    await page.getByRole('button', { name: 'Remove webhook' }).click();
    // A refresh with nothing changed leaves the open question alone.
    const reread = page.waitForResponse((r) => r.url().endsWith('/api/shop/webhook') && r.request().method() === 'GET');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await reread;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(await panel().getByText('Stop sending webhooks to this URL?').count()).toBe(1);
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await poll(() => statusOf().textContent()).toBe('No webhook registered.');
    expect(await webhooks.get(shop.id)).toBeUndefined();
    expect(await panel().locator('[data-testid="webhook-secret"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
