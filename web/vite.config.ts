// Vite builds the browser app from web/ into web/dist, which `npm start` serves and the
// CDK stack uploads. The dev server proxies /api to a running `npm start`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
