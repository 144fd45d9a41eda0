// Every response carries baseline security headers; CORS answers only configured origins.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import type { AppDeps } from '../../functions/api/deps.ts';
import { silentLogger } from '../../functions/api/logger.ts';
import { corsOriginsFromEnv } from '../../functions/api/wiring.ts';
import { TEST_HOST_SETTINGS } from '../support/host-settings.ts';

const appWith = (corsOrigins?: string[]) => createApp({ ...TEST_HOST_SETTINGS, stores: {} as AppDeps['stores'], clock: () => 0, logger: silentLogger, corsOrigins });

describe('response headers', () => {
  it('sends nosniff, frame and referrer policies on API answers and errors alike', async () => {
    for (const path of ['/api/designs', '/api/nowhere']) {
      const response = await appWith().request(path);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('allows a configured origin and no other', async () => {
    const app = appWith(corsOriginsFromEnv({ ATELIER_CORS_ORIGINS: 'https://shop.example, https://kiosk.example' }));
    const allowed = await app.request('/api/designs', { headers: { origin: 'https://kiosk.example' } });
    const other = await app.request('/api/designs', { headers: { origin: 'https://evil.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://kiosk.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(corsOriginsFromEnv({})).toBeUndefined();
  });
});
