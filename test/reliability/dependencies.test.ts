// Bad days for dependencies: DynamoDB or S3 refusing, resetting, throttling, failing one
// call, losing a reply or hanging mid-request. The customer gets a 503 problem+json with
// Retry-After, the table holds the whole order or nothing, and the same request succeeds
// once the dependency is back. (`npm run reliability` also throttles the claim and key lookup.)
import { describe, expect, it } from 'vitest';
import { runDependencies } from './dependencies.ts';

describe('dependencies', () => {
  it('answers 503 with Retry-After and leaves whole orders or nothing, hangs included', async () => {
    const result = await runDependencies({ hang: true, quick: true });

    expect(result.violations).toEqual([]);
    expect(result.figures.filter((f) => f.target === '503 + Retry-After').every((f) => String(f.value).startsWith('503, Retry-After'))).toBe(true);
  });
});
