// What every host must configure itself (see HostSettings): the public address order links
// point at and the order-token secret. Tests use these fixed values; no real host does.
import type { HostSettings } from '../../functions/api/wiring.ts';

export const TEST_PUBLIC_URL = 'https://atelier.test';

export const TEST_HOST_SETTINGS: HostSettings = {
  publicBaseUrl: TEST_PUBLIC_URL,
  orderTokenSecret: 'test-order-token-secret-not-for-any-real-host',
};
