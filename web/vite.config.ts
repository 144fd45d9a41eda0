// Vite builds the browser app from web/ into web/dist, which `npm start` serves and the
// CDK stack uploads. The dev server proxies /api to a running `npm start`.
// The mesh worker (web/src/worker/) is an ES module worker; Vite emits manifold-3d's .wasm
// beside it with a hashed name and no extra config. The main chunk holds three.js plus the
// designs and validator (for field messages as you type), about 200 KB gzipped, hence the
// raised warning limit; `npm run bench:web` reports the real first-page figures.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 900 },
  worker: { format: 'es' },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
