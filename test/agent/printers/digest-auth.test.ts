// HTTP Digest against the published examples: RFC 7616 section 3.9.1 (MD5 and SHA-256,
// qop=auth) and RFC 2617 section 3.5 (MD5, qop=auth); the RFC 2069 form without qop that the
// Prusa Buddy firmware uses; and the challenge parser on the headers printers send.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestAuthorization, parseDigestChallenge } from '../../../functions/agent/printers/digest-auth.ts';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const field = (header: string, name: string) => new RegExp(`${name}="?([^",]+)"?`).exec(header)?.[1];

describe('digest auth', () => {
  it('computes RFC 7616 §3.9.1 (MD5 and SHA-256)', () => {
    const credentials = { username: 'Mufasa', password: 'Circle of Life' };
    const header = (algorithm: string) =>
      'Digest realm="http-auth@example.org", qop="auth, auth-int", ' +
      `algorithm=${algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`;
    const cnonce = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';

    const md5 = digestAuthorization(parseDigestChallenge(header('MD5'))!, credentials, 'GET', '/dir/index.html', 1, cnonce);
    const sha = digestAuthorization(parseDigestChallenge(header('SHA-256'))!, credentials, 'GET', '/dir/index.html', 1, cnonce);

    expect(field(md5, 'response')).toBe('8ca523f5e9506fed4657c9700eebdbec');
    expect(field(sha, 'response')).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
    expect(md5).toContain('qop=auth, nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"');
    expect(md5).toContain('opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"');
  });

  it('computes RFC 2617 §3.5', () => {
    const challenge = parseDigestChallenge('Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"')!;
    const header = digestAuthorization(challenge, { username: 'Mufasa', password: 'Circle Of Life' }, 'GET', '/dir/index.html', 1, '0a4f113b');
    expect(field(header, 'response')).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('answers a challenge without qop in the RFC 2069 form (Buddy firmware)', () => {
    const challenge = parseDigestChallenge('Digest realm="Printer API", nonce="dca577670000207b"')!;
    expect(challenge).toEqual({ realm: 'Printer API', nonce: 'dca577670000207b', qop: null, opaque: null, algorithm: 'MD5', stale: false });
    const header = digestAuthorization(challenge, { username: 'maker', password: 'pw' }, 'GET', '/api/v1/status', 1);
    // RFC 2069: MD5(HA1:nonce:HA2), no nc or cnonce
    const ha1 = md5('maker:Printer API:pw');
    const ha2 = md5('GET:/api/v1/status');
    expect(field(header, 'response')).toBe(md5(`${ha1}:dca577670000207b:${ha2}`));
    expect(header).not.toContain('nc=');
    expect(header).toMatch(/^Digest username="maker", realm="Printer API", nonce="dca577670000207b", uri="\/api\/v1\/status", algorithm=MD5, response="[0-9a-f]{32}"$/);
  });

  it('reads stale, quoted escapes, and refuses what it cannot answer', () => {
    expect(parseDigestChallenge('Digest realm="a \\"b\\"", nonce="n", stale=TRUE')).toMatchObject({ realm: 'a "b"', stale: true });
    expect(parseDigestChallenge('Basic realm="x"')).toBeNull();
    expect(parseDigestChallenge('Digest realm="x", nonce="n", algorithm=SHA-512-256')).toBeNull();
    expect(parseDigestChallenge(null)).toBeNull();
  });
});
