// `design serve FILE`: a Vite dev server for the web app with the catalogue replaced by that
// one file (serve-plugin.ts). No API, no AWS: the kit page (web/design-kit.html) builds the
// preview in the same mesh worker the configurator uses and shows `design check`'s findings.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createServer } from 'vite';
import { designsInFile } from './load.ts';
import { serveDesignPlugin } from './serve-plugin.ts';

export const SERVE_RUNS = 50;

export interface ServeOptions {
  file: string;
  /** The repository root (where web/ is). */
  root: string;
  /** 0 picks a free port; default 5173. */
  port?: number;
  /** Random configurations per check (default 50, so a check takes seconds). */
  n?: number;
}

export interface ServedDesign {
  url: string;
  designIds: string[];
  close(): Promise<void>;
  /** Settles once the server has closed (Ctrl-C or close()). */
  closed: Promise<void>;
}

export const serveDesign = async ({ file, root, port = 5173, n = SERVE_RUNS }: ServeOptions): Promise<ServedDesign> => {
  const path = resolve(root, file);
  if (!existsSync(path)) throw new Error(`no file ${file}`);
  const designs = await designsInFile(path); // fails here, in the terminal, when the file does not load
  if (designs.length !== 1) throw new Error(`${file} exports ${designs.length} designs; export exactly one (made with defineDesign)`);
  const server = await createServer({
    configFile: resolve(root, 'web/vite.config.ts'),
    plugins: [serveDesignPlugin({ file: path, root, n })],
    server: { port, strictPort: port !== 0, host: '127.0.0.1', proxy: {} },
    // Pre-bundle what the kit page and its worker import up front, so the first load is not
    // followed by a "new dependencies optimized" reload.
    optimizeDeps: { entries: ['design-kit.html', 'src/worker/mesh-worker.ts'] },
    clearScreen: false,
    logLevel: 'warn',
  });
  await server.listen();
  const address = server.httpServer!.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}/`;
  let done!: () => void;
  const closed = new Promise<void>((settle) => (done = settle));
  const close = async () => {
    await server.close();
    done();
  };
  return { url, designIds: designs.map((d) => d.id), close, closed };
};
