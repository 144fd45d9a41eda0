// Tokens, idempotent order ids, API-key hashes and constant-time comparison.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64url, constantTimeEqual, hashApiKey, newToken, orderIdFromIdempotencyKey } from '../../functions/domain/ids.ts';

describe('newToken', () => {
  it('gives 32 base64url characters (192 bits), different every time', () => {
    const tokens = Array.from({ length: 1000 }, () => newToken());

    expect(tokens.every((t) => /^[A-Za-z0-9_-]{32}$/.test(t))).toBe(true);
    expect(new Set(tokens).size).toBe(1000);
  });
});

describe('base64url', () => {
  it('matches RFC 4648 base64url without padding for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      }),
    );
  });
});

describe('orderIdFromIdempotencyKey', () => {
  it('maps the same key and quote to the same 22-character id', async () => {
    const a = await orderIdFromIdempotencyKey('3f2c-retry-me', 'quote-1');
    const b = await orderIdFromIdempotencyKey('3f2c-retry-me', 'quote-1');

    expect(a).toBe(b);
    expect(a).toMatch(/^o[A-Za-z0-9_-]{21}$/);
  });

  it('gives a different id for a different key or a different quote', async () => {
    const base = await orderIdFromIdempotencyKey('key', 'quote-1');

    expect(await orderIdFromIdempotencyKey('key2', 'quote-1')).not.toBe(base);
    expect(await orderIdFromIdempotencyKey('key', 'quote-2')).not.toBe(base);
  });

  it('never starts with "-", which a command line would take for an option', async () => {
    const ids = await Promise.all(Array.from({ length: 300 }, (_, i) => orderIdFromIdempotencyKey(`key-${i}`, 'quote-1')));

    expect(ids.filter((id) => !/^[A-Za-z]/.test(id))).toEqual([]);
  });

  it('cannot be fooled by moving characters between quote id and key', async () => {
    const a = await orderIdFromIdempotencyKey('c', 'ab');
    const b = await orderIdFromIdempotencyKey('bc', 'a');

    expect(a).not.toBe(b);
  });
});

describe('hashApiKey', () => {
  it('is sha256 as lowercase hex', async () => {
    expect(await hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await hashApiKey('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('constantTimeEqual', () => {
  it.each([
    ['secret', 'secret', true],
    ['secret', 'secreT', false],
    ['secret', 'secret2', false],
    ['', '', true],
    ['', 'a', false],
    ['été', 'été', true],
    ['été', 'ete', false],
  ])('compares %j and %j as %s', (a, b, equal) => {
    expect(constantTimeEqual(a, b)).toBe(equal);
  });

  it('agrees with === on any strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(a === b);
        expect(constantTimeEqual(a, a)).toBe(true);
      }),
    );
  });
});
