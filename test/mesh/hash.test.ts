// Content addressing: canonical JSON is independent of key order, every input that changes
// the geometry changes the hash, and the digest matches published and golden vectors.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, sha256Hex } from '../../functions/mesh/hash.ts';

const PARAMS = { text: 'ADA', letterHeight: 8, thickness: 3, style: 'raised' };

describe('canonicalJson', () => {
  it('gives the same text whatever the key order, at every depth', () => {
    const a = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'x' } };
    const b = { a: { c: 'x', d: [1, { x: 1, y: 2 }] }, b: 1 };

    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('keeps array order (arrays are ordered data)', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('always produces parseable JSON, dropping undefined members like JSON.stringify', () => {
    const value = { keep: 1, gone: undefined, list: [undefined, 2, , 3] };

    const text = canonicalJson(value);

    expect(text).toBe('{"keep":1,"list":[null,2,null,3]}');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('escapes keys and strings as JSON does', () => {
    expect(canonicalJson({ 'q"uote': 'line\nbreak' })).toBe('{"q\\"uote":"line\\nbreak"}');
  });
});

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('contentHash', () => {
  it('is sha256 of the canonical {design, kernel, params, version} text (golden value: changing it breaks shared links)', async () => {
    const text = '{"design":"name-tag","kernel":1,"params":{"letterHeight":8,"style":"raised","text":"ADA","thickness":3},"version":1}';

    const hash = await contentHash('name-tag', 1, PARAMS);

    expect(hash).toBe(createHash('sha256').update(text).digest('hex'));
    expect(hash).toBe('5ab03b173f50cf4fd4533b4f1b390556c0bbe8f6005e9efedc5cd1f2c12f27cc');
  });

  it('ignores the key order of params', async () => {
    const reordered = { style: 'raised', thickness: 3, letterHeight: 8, text: 'ADA' };

    expect(await contentHash('name-tag', 1, reordered)).toBe(await contentHash('name-tag', 1, PARAMS));
  });

  it('changes with the design, the version, and any param value or type', async () => {
    const base = await contentHash('name-tag', 1, PARAMS);

    const variants = await Promise.all([
      contentHash('planter', 1, PARAMS),
      contentHash('name-tag', 2, PARAMS),
      contentHash('name-tag', 1, { ...PARAMS, text: 'ADB' }),
      contentHash('name-tag', 1, { ...PARAMS, thickness: 3.5 }),
      contentHash('name-tag', 1, { ...PARAMS, thickness: '3' }),
      contentHash('name-tag', 1, { ...PARAMS, extra: 1 }),
    ]);

    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });
});
