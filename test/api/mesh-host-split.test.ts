// The light API Lambda has no WASM and may not write meshes: it must refuse quotes however
// the path is spelled (API Gateway routes POST /api/quotes to the mesh function, but an
// encoded path such as /api/%71uotes would reach the API function).
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { silentLogger } from '../../functions/api/logger.ts';
import type { AppDeps } from '../../functions/api/deps.ts';
import { TEST_HOST_SETTINGS } from '../support/host-settings.ts';

const body = JSON.stringify({ designId: 'name-tag', params: {}, material: 'PLA', quantity: 1, location: { lat: 52.5, lon: 13.4 } });

describe('an API host that does not build meshes', () => {
  it.each(['/api/quotes', '/api/%71uotes'])('answers POST %s with a 404 problem and touches no store', async (path) => {
    const app = createApp({ ...TEST_HOST_SETTINGS, stores: {} as AppDeps['stores'], clock: () => 0, logger: silentLogger, buildsMeshes: false });

    const response = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
