// Atelier's browser app: catalogue, configurator, quote and order, order tracking, "yours"
// and the shop dashboard.
//
// Why no framework: the app is five screens of forms and lists around one three.js canvas.
// What a framework would bring (components, reactivity, routing) is covered here by a
// 40-line element helper (dom.ts), a 60-line hash router and views that re-render their own
// small regions. That keeps the first page to three.js + our code, lets the same plain
// TypeScript modules (designs, validator, kernel) run in the page, the worker and Node
// without adapters, and leaves nothing between a three.js object and its dispose().
import { ApiClient } from './api/client.ts';
import type { AppContext } from './app-context.ts';
import { MeshWorkerClient } from './preview/mesh-worker-client.ts';
import { ThumbnailService } from './preview/thumbnail-service.ts';
import { HashRouter } from './router.ts';
import { LocalMemory } from './state/local-memory.ts';
import { catalogueView } from './views/catalogue-view.ts';
import { configuratorView } from './views/configurator-view.ts';
import { notFoundView } from './views/not-found-view.ts';
import { orderView } from './views/order-view.ts';
import { shopView } from './views/shop-view.ts';
import { yoursView } from './views/yours-view.ts';

const outlet = document.getElementById('app')!;
const worker = new MeshWorkerClient();

let router: HashRouter;
const ctx: AppContext = {
  api: new ApiClient(),
  worker,
  thumbnails: new ThumbnailService(worker),
  memory: new LocalMemory(),
  navigate: (hash) => router.navigate(hash),
  flash: {},
};

router = new HashRouter(
  outlet,
  [
    { pattern: /^\/$/, create: () => catalogueView(ctx) },
    { pattern: /^\/design\/([^/]+)$/, create: ([id], query) => configuratorView(ctx, id, query) },
    { pattern: /^\/orders\/([^/]+)$/, create: ([id], query) => orderView(ctx, id, query) },
    { pattern: /^\/yours$/, create: () => yoursView(ctx) },
    { pattern: /^\/shop$/, create: () => shopView(ctx) },
  ],
  () => notFoundView(),
);
router.start();
