// The design kit page that `npm run design -- serve FILE` opens: the served file is the whole
// catalogue (the serve plugin swaps it in, for this page and for the mesh worker), so the
// configurator's own controls and preview show it; the kit's findings sit beside the model.
// Vite reloads this page when the file is saved; the settings survive in the address bar.
import { catalogue } from '../../../functions/designs/catalogue.ts';
import { ApiClient } from '../api/client.ts';
import type { AppContext } from '../app-context.ts';
import { MeshWorkerClient } from '../preview/mesh-worker-client.ts';
import { ThumbnailService } from '../preview/thumbnail-service.ts';
import { LocalMemory } from '../state/local-memory.ts';
import { FindingsPanel, type HotChannel } from './findings-panel.ts';
import { KitView } from './kit-view.ts';

const outlet = document.getElementById('app')!;
const worker = new MeshWorkerClient();
const ctx: AppContext = {
  api: new ApiClient(), // never called: the kit page has no quote or order
  worker,
  thumbnails: new ThumbnailService(worker),
  memory: new LocalMemory(),
  navigate: () => undefined,
  flash: {},
};

const design = catalogue[0];
const findings = new FindingsPanel();
findings.follow((import.meta as ImportMeta & { hot?: HotChannel }).hot); // Vite's HMR channel
if (design) {
  const view = new KitView(ctx, design, findings);
  document.title = `${design.name}: Atelier design kit`;
  outlet.replaceChildren(view.root);
} else outlet.replaceChildren(findings.root);
