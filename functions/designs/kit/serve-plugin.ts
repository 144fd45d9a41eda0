// The Vite plugin behind `design serve`: wherever the web app (page or mesh worker) imports the
// catalogue, it gets a catalogue of the one served file instead; `/` opens the kit page; every
// save of the file (or a file it imports) runs `design check` again and pushes the findings to
// the page over Vite's HMR socket. Vite's own watcher reloads the page and its worker, which
// then import the file as saved.
import { dirname, resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { CheckRunner, type CheckState } from './check-runner.ts';

export const FINDINGS_EVENT = 'atelier:findings';
export const FINDINGS_PATH = '/__atelier/findings';
const VIRTUAL_CATALOGUE = '\0atelier-served-catalogue';

export interface ServePluginOptions {
  /** Absolute path of the served design file. */
  file: string;
  root: string;
  n: number;
}

/** The module every `catalogue.ts` import resolves to: the served file's designs only. */
const catalogueSource = (file: string, root: string): string => `
import * as served from ${JSON.stringify(file)};
import { prepareEveryOption } from ${JSON.stringify(resolve(root, 'functions/designs/types.ts'))};
const isDesign = (v) => typeof v === 'object' && v !== null && typeof v.build === 'function' && Array.isArray(v.params) && typeof v.id === 'string';
export const catalogue = Object.values(served).filter(isDesign);
export const findDesign = (id) => catalogue.find((d) => d.id === id);
export const prepareCatalogue = async () => { await Promise.all(catalogue.map((design) => prepareEveryOption(design))); };
`;

/** True when `changed` is the served file or something it imports (page or worker side). */
const touchesServedFile = (server: ViteDevServer, file: string, changed: string): boolean => {
  if (changed === file) return true;
  const seen = new Set<string>();
  const queue = [...(server.moduleGraph.getModulesByFile(changed) ?? [])];
  while (queue.length) {
    const mod = queue.pop()!;
    if (mod.file === file) return true;
    if (!mod.id || seen.has(mod.id)) continue;
    seen.add(mod.id);
    queue.push(...mod.importers);
  }
  return false;
};

export const serveDesignPlugin = ({ file, root, n }: ServePluginOptions): Plugin => {
  const catalogueFile = resolve(root, 'functions/designs/catalogue.ts');
  let runner: CheckRunner | undefined;
  return {
    name: 'atelier-serve-design',
    enforce: 'pre',
    config: () => ({ server: { fs: { allow: [root, dirname(file)] } } }),
    resolveId(source, importer) {
      if (!importer || !source.endsWith('catalogue.ts')) return null;
      const from = importer.split('?')[0];
      return resolve(dirname(from), source) === catalogueFile ? VIRTUAL_CATALOGUE : null;
    },
    load: (id) => (id === VIRTUAL_CATALOGUE ? catalogueSource(file, root) : null),
    configureServer(server) {
      const send = (state: CheckState) => server.ws.send({ type: 'custom', event: FINDINGS_EVENT, data: state });
      runner = new CheckRunner({ file, root, n, onState: send });
      runner.run();
      server.watcher.add(file);
      server.watcher.on('change', (changed) => {
        if (touchesServedFile(server, file, resolve(changed))) runner?.run();
      });
      server.httpServer?.once('close', () => runner?.stop());
      server.middlewares.use((req, res, next) => {
        if (req.url === '/' || req.url?.startsWith('/?')) req.url = '/design-kit.html';
        if (req.url !== FINDINGS_PATH) return next();
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'no-store');
        res.end(JSON.stringify(runner?.current));
      });
    },
  };
};
