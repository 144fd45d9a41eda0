// Access: the route × caller matrix (only the owner gets through, denials look like a missing
// id or a missing key), secrets at rest (API keys only as hashes, 192-bit order tokens) and
// expiring download links. The same-answer rule per route is tested in depth in
// test/api/access-isolation.test.ts; this adds the owner column, the lapsed-lease column,
// the key scan and the link expiry.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { base64url, constantTimeEqual, newToken, TOKEN_BYTES } from '../../functions/domain/ids.ts';
import { runAccess } from './access.ts';

describe('access', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lets only the owner through on every route, and secrets stay secret', async () => {
    const result = await runAccess();

    expect(result.violations).toEqual([]);
    expect(result.figures.find((f) => f.what === 'owner let through')?.value).toBe('10 of 10 routes');
  });

  it('makes order tokens from 24 bytes of crypto.getRandomValues: 192 bits, base64url', () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');

    const token = newToken();

    expect(spy).toHaveBeenCalledTimes(1);
    const bytes = spy.mock.calls[0][0] as Uint8Array;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBe(TOKEN_BYTES);
    expect(TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    expect(token).toBe(base64url(bytes));
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('spreads 20 000 tokens evenly over the alphabet at every position (chi-square, p < 1e-9 to fail by chance)', () => {
    const tokens = Array.from({ length: 20_000 }, newToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const position of [0, 15, 31]) {
      const counts = new Array(64).fill(0);
      for (const t of tokens) counts[alphabet.indexOf(t[position])]++;
      const expected = tokens.length / 64;
      const chiSquare = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
      // 63 degrees of freedom: mean 63, standard deviation 11.2.
      expect(chiSquare, `position ${position}`).toBeLessThan(160);
    }
  });

  it('constantTimeEqual agrees with === on any strings and has no early exit', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => constantTimeEqual(a, b) === (a === b)));
    fc.assert(fc.property(fc.string({ unit: 'binary', minLength: 1 }), (a) => constantTimeEqual(a, a) && !constantTimeEqual(a, `${a}x`)));
    const source = constantTimeEqual.toString();
    // One return, after the loop; no break: the loop always runs to the longer length.
    expect(source.match(/return/g)).toHaveLength(1);
    expect(source).not.toMatch(/break|continue/);
    expect(source.indexOf('return')).toBeGreaterThan(source.lastIndexOf('for ('));
  });
});
