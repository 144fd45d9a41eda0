// Regenerates the README's screenshots from the real app, at a laptop's 1280×800 and a phone's
// 390×844: docs/screenshots/configurator.png, dashboard.png, order.png and their -phone twins
// (the phone's configurator scrolled to its last setting, the preview pinned above it).
// `npx tsx test/web/readme-screenshots.ts`. Needs Chromium.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { artifactsDir } from './support/artifacts.ts';
import { buildWeb } from './support/build-web.ts';
import { hasChromium, INSTALL_HINT, launchChromium } from './support/chromium.ts';
import { startLocalServer, type LocalServer } from './support/local-server.ts';
import { newPage, NO_WEBHOOK_YET, waitForPreview, type ScreenName } from './support/pages.ts';

const BERLIN = { lat: 52.52, lon: 13.405 };
const docs = resolve(import.meta.dirname, '../../docs/screenshots');

const order = async (server: LocalServer, designId: string, params: Record<string, unknown>, material: string, key: string) => {
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string; token: string };
  };
  const quote = await post('/quotes', { designId, params, material, quantity: 1, location: BERLIN });
  return post('/orders', { quoteId: quote.id, delivery: { name: 'Ada Lovelace', line1: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', country: 'DE' } }, { 'Idempotency-Key': key });
};

if (!hasChromium) {
  console.warn(INSTALL_HINT);
  process.exit(0);
}
mkdirSync(docs, { recursive: true });
const webDir = await buildWeb(join(artifactsDir('readme'), 'web-dist'));
const server = await startLocalServer({ webDir });
const browser = await launchChromium();
const errors: string[] = [];
try {
  const claimed = await order(server, 'name-tag', { text: 'ADA', letterHeight: 9 }, 'PLA', `readme-a-${Date.now()}`);
  await order(server, 'gridfinity-bin', { unitsX: 2, unitsY: 1 }, 'PETG', `readme-b-${Date.now()}`);
  const mitte = server.shops.find((s) => s.id === 'demo-mitte') ?? server.shops[0];
  for (const [screen, suffix] of [['desktop', ''], ['phone', '-phone']] as [ScreenName, string][]) {
    const customer = await newPage(browser, errors, screen);
    await customer.goto(`${server.url}/#/design/gridfinity-bin?unitsX=3&unitsY=2&heightUnits=4&dividers=2&lip=stacking`);
    await waitForPreview(customer, 0, 60_000);
    if (screen !== 'desktop') await customer.locator('.param-controls > .field').last().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await customer.waitForTimeout(300);
    await customer.screenshot({ path: join(docs, `configurator${suffix}.png`) });
    await customer.goto(`${server.url}/#/orders/${claimed.id}?token=${encodeURIComponent(claimed.token)}`);
    await customer.locator('[data-testid="order-state"]').waitFor();
    await customer.screenshot({ path: join(docs, `order${suffix}.png`), fullPage: screen !== 'desktop' });
    await customer.context().close();

    const shop = await newPage(browser, errors, screen, [NO_WEBHOOK_YET]);
    await shop.goto(`${server.url}/#/shop`);
    await shop.getByLabel('Shop API key').fill(mitte.apiKey);
    await shop.getByRole('button', { name: 'Open dashboard' }).click();
    const card = shop.locator(`.job[data-job-id="${claimed.id}"]`);
    if (screen === 'desktop') await card.getByRole('button', { name: 'Claim' }).click();
    await card.getByRole('button', { name: 'Start printing' }).waitFor();
    await card.getByRole('button', { name: 'Get STL / 3MF' }).click();
    await card.locator('a[data-file="3mf"]').waitFor();
    await shop.waitForFunction(() => [...document.querySelectorAll('.thumb')].every((t) => (t as HTMLElement).dataset.state === 'ready'), null, { timeout: 60_000 });
    await shop.screenshot({ path: join(docs, `dashboard${suffix}.png`) });
    await shop.context().close();
  }
  if (errors.length) console.warn(errors);
  console.log(`wrote configurator, order and dashboard screenshots (desktop and -phone) to ${docs}`);
} finally {
  await browser.close();
  await server.stop();
}
