// `npm run bench:web`: the browser's numbers, in Debian's headless Chromium (SwiftShader, so
// software WebGL) against the real `npm start` host.
// 1. Preview latency per design: ≥ 20 single parameter changes around the defaults, each from
//    the input event to the frame that shows it (the app's own `atelier:preview` User Timing
//    measures), p50 / p95, with the worker's build time alongside. Target: p95 ≤ 50 ms.
// 2. A slider drag: 40 input events at 60 Hz; how many builds ran, how many stale requests the
//    newest-wins rule dropped, and how long after the last event its frame was drawn.
// 3. The gzipped size of the JavaScript and WASM the first page (the catalogue) loads.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { catalogue } from '../../functions/designs/catalogue.ts';
import type { AnyDesign } from '../../functions/designs/types.ts';
import { artifactsDir } from '../web/support/artifacts.ts';
import { buildWeb } from '../web/support/build-web.ts';
import { hasChromium, INSTALL_HINT, launchChromium } from '../web/support/chromium.ts';
import { startLocalServer } from '../web/support/local-server.ts';
import { newPage, waitForPreview } from '../web/support/pages.ts';

const WARMUP = 3;
const CHANGES = 24;
const DRAG_EVENTS = 40;
const TARGET_MS = 50;

interface Change {
  selector: string;
  value: string;
  kind: 'range' | 'radio' | 'select';
}

/** Alternates every number and choice parameter between its default and one step away. */
const changesFor = (design: AnyDesign, count: number): Change[] => {
  const cycle: ((round: number) => Change)[] = [];
  for (const spec of design.params) {
    if (spec.type === 'number') {
      const away = spec.default + spec.step <= spec.max ? spec.default + spec.step : spec.default - spec.step;
      cycle.push((round) => ({ selector: `[data-key="${spec.key}"] input[type="range"]`, value: String(round % 2 === 0 ? away : spec.default), kind: 'range' }));
    } else if (spec.type === 'choice') {
      const other = spec.options.find((o) => o.value !== spec.default)!.value;
      const kind = spec.options.length > 4 ? 'select' : 'radio';
      cycle.push((round) => {
        const value = round % 2 === 0 ? other : spec.default;
        return kind === 'radio'
          ? { selector: `[data-key="${spec.key}"] input[type="radio"][value="${value}"]`, value, kind }
          : { selector: `[data-key="${spec.key}"] select`, value, kind };
      });
    }
  }
  return Array.from({ length: count }, (_, i) => cycle[i % cycle.length](Math.floor(i / cycle.length)));
};

/** Fires one change the way a user's input would, and resolves when its frame is drawn. */
const applyChange = (page: Page, change: Change): Promise<{ duration: number; buildMs: number }> =>
  page.evaluate(async ({ selector, value, kind }) => {
    const before = performance.getEntriesByName('atelier:preview').length;
    const el = document.querySelector<HTMLInputElement & HTMLSelectElement>(selector)!;
    if (kind === 'radio') el.click();
    else {
      el.value = value;
      el.dispatchEvent(new Event(kind === 'range' ? 'input' : 'change', { bubbles: true }));
    }
    for (;;) {
      const entries = performance.getEntriesByName('atelier:preview') as PerformanceMeasure[];
      if (entries.length > before) {
        const last = entries[entries.length - 1];
        return { duration: last.duration, buildMs: (last.detail as { buildMs: number }).buildMs };
      }
      await new Promise((r) => setTimeout(r, 1));
    }
  }, change);

/** 40 slider events 16 ms apart, as a drag produces; counts builds drawn and the last frame's delay. */
const drag = (page: Page, design: AnyDesign) => {
  const spec = design.params.find((p) => p.type === 'number');
  if (!spec || spec.type !== 'number') return Promise.resolve(null);
  const values = Array.from({ length: DRAG_EVENTS }, (_, i) => {
    const steps = Math.round((spec.max - spec.min) / spec.step);
    const k = Math.min(steps, Math.max(0, Math.round((spec.default - spec.min) / spec.step) + (i % 6) - 2));
    return String(spec.min + k * spec.step);
  });
  return page.evaluate(async ({ selector, values }) => {
    const el = document.querySelector<HTMLInputElement>(selector)!;
    const before = performance.getEntriesByName('atelier:preview').length;
    let last = 0;
    for (const value of values) {
      el.value = value;
      const event = new Event('input', { bubbles: true });
      last = event.timeStamp;
      el.dispatchEvent(event);
      await new Promise((r) => setTimeout(r, 16));
    }
    for (;;) {
      const entries = performance.getEntriesByName('atelier:preview') as PerformanceMeasure[];
      const final = entries[entries.length - 1];
      if (entries.length > before && final.startTime >= last) {
        return { events: values.length, drawn: entries.length - before, finalMs: final.duration };
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  }, { selector: `[data-key="${spec.key}"] input[type="range"]`, values });
};

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const pad = (text: string | number, width: number, right = false) => (right ? String(text).padStart(width) : String(text).padEnd(width));
const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const main = async () => {
  if (!hasChromium) {
    console.warn(INSTALL_HINT);
    process.exit(0);
  }
  const dir = artifactsDir('bench');
  console.log('building the web app and starting the local host…');
  const webDir = await buildWeb(join(dir, 'web-dist'));
  const server = await startLocalServer({ webDir });
  const browser = await launchChromium();
  const errors: string[] = [];
  try {
    // First page: every JS and WASM response while the catalogue renders its pictures.
    const first = await newPage(browser, errors);
    const responses: { url: string; body: Promise<Buffer> }[] = [];
    first.on('response', (response) => {
      if (/\.(js|wasm)(\?|$)/.test(response.url())) responses.push({ url: response.url(), body: response.body() });
    });
    await first.goto(server.url);
    await first.waitForFunction((n) => document.querySelectorAll('.thumb[data-state="ready"]').length === n, catalogue.length, { timeout: 60_000 });
    const assets = await Promise.all(responses.map(async (r) => {
      const body = await r.body;
      return { file: new URL(r.url).pathname.replace(/^\/assets\//, ''), raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    }));
    await first.context().close();

    // Latency per design.
    const rows = [];
    for (const design of catalogue) {
      console.log(`measuring ${design.id}…`);
      const page = await newPage(browser, errors);
      await page.goto(`${server.url}/#/design/${design.id}`);
      await waitForPreview(page, 0, 60_000);
      const changes = changesFor(design, WARMUP + CHANGES);
      const samples = [];
      for (const change of changes) samples.push(await applyChange(page, change));
      const measured = samples.slice(WARMUP);
      const totals = measured.map((s) => s.duration);
      const builds = measured.map((s) => s.buildMs);
      const triangles = Number(await page.locator('.viewer').getAttribute('data-triangles'));
      const dragged = await drag(page, design);
      rows.push({ design: design.id, triangles, n: totals.length, p50: percentile(totals, 50), p95: percentile(totals, 95), buildP50: percentile(builds, 50), buildP95: percentile(builds, 95), drag: dragged });
      await page.context().close();
    }

    console.log(`\nPreview latency per parameter change at default params (input event → drawn frame), ${CHANGES} changes after ${WARMUP} warm-up, headless Chromium + SwiftShader`);
    console.log(`${pad('design', 18)}${pad('triangles', 11, true)}${pad('p50', 11, true)}${pad('p95', 11, true)}${pad('build p50', 12, true)}${pad('build p95', 12, true)}  target p95 ≤ ${TARGET_MS} ms`);
    for (const r of rows) {
      console.log(`${pad(r.design, 18)}${pad(r.triangles, 11, true)}${pad(ms(r.p50), 11, true)}${pad(ms(r.p95), 11, true)}${pad(ms(r.buildP50), 12, true)}${pad(ms(r.buildP95), 12, true)}  ${r.p95 <= TARGET_MS ? 'ok' : 'OVER'}`);
    }
    console.log(`\nSlider drag: ${DRAG_EVENTS} input events 16 ms apart (newest request wins, stale ones dropped)`);
    console.log(`${pad('design', 18)}${pad('events', 8, true)}${pad('drawn', 8, true)}${pad('dropped', 9, true)}${pad('last event → frame', 21, true)}`);
    for (const r of rows) {
      if (!r.drag) continue;
      console.log(`${pad(r.design, 18)}${pad(r.drag.events, 8, true)}${pad(r.drag.drawn, 8, true)}${pad(r.drag.events - r.drag.drawn, 9, true)}${pad(ms(r.drag.finalMs), 21, true)}`);
    }
    console.log('\nJavaScript and WASM the first page (catalogue with rendered pictures) loads, gzip -9');
    console.log(`${pad('file', 40)}${pad('raw', 11, true)}${pad('gzip', 11, true)}`);
    for (const a of assets) console.log(`${pad(a.file, 40)}${pad(kb(a.raw), 11, true)}${pad(kb(a.gzip), 11, true)}`);
    const sum = (key: 'raw' | 'gzip', ext?: string) => assets.filter((a) => !ext || a.file.endsWith(ext)).reduce((t, a) => t + a[key], 0);
    console.log(`${pad('total JS', 40)}${pad(kb(sum('raw', '.js')), 11, true)}${pad(kb(sum('gzip', '.js')), 11, true)}`);
    console.log(`${pad('total WASM', 40)}${pad(kb(sum('raw', '.wasm')), 11, true)}${pad(kb(sum('gzip', '.wasm')), 11, true)}`);
    console.log(`${pad('total', 40)}${pad(kb(sum('raw')), 11, true)}${pad(kb(sum('gzip')), 11, true)}`);
    writeFileSync(join(dir, 'web.json'), JSON.stringify({ rows, assets }, null, 2));
    if (errors.length) console.warn('\npage errors:', errors);
  } finally {
    await browser.close();
    await server.stop();
  }
};

await main();
