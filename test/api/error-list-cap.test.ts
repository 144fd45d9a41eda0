// A request with a thousand bad fields gets a bounded answer that still says how many.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import type { AppDeps } from '../../functions/api/deps.ts';
import { silentLogger } from '../../functions/api/logger.ts';
import { MAX_FIELD_ERRORS } from '../../functions/api/problem.ts';
import { TEST_HOST_SETTINGS } from '../support/host-settings.ts';

describe('field error lists', () => {
  it(`lists at most ${MAX_FIELD_ERRORS} errors and counts the rest in the detail`, async () => {
    const app = createApp({ ...TEST_HOST_SETTINGS, stores: {} as AppDeps['stores'], clock: () => 0, logger: silentLogger });
    const body = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));

    const response = await app.request('/api/quotes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const problem = (await response.json()) as { errors: unknown[]; detail: string };

    expect(response.status).toBe(400);
    expect(problem.errors).toHaveLength(MAX_FIELD_ERRORS);
    expect(problem.detail).toMatch(/^100\d fields are not valid/);
  });
});
