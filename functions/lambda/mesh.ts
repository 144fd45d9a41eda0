// Lambda entry point of the mesh function (POST /api/quotes): the same app, plus the
// manifold-3d WASM shipped beside this bundle and loaded during the init phase, so the
// first quote of a warm container pays nothing for it.
import { handle } from 'hono/aws-lambda';
import { fileURLToPath } from 'node:url';
import { createApp } from '../api/app.ts';
import { loadManifold } from '../mesh/runtime.ts';
import { lambdaDeps } from './host-deps.ts';

await loadManifold({ locateFile: () => fileURLToPath(new URL('./manifold.wasm', import.meta.url)) });

export const handler = handle(createApp(lambdaDeps()));
