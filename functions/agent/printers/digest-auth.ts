// HTTP Digest access authentication, client side, as PrusaLink asks for it (spec/openapi.yaml
// securitySchemes digestAuth; user "maker" and the password shown on the printer). RFC 7616:
// the WWW-Authenticate challenge gives realm, nonce, optional qop, opaque, algorithm and stale;
// the answer is response = H(H(user:realm:password):nonce[:nc:cnonce:qop]:H(method:uri)).
// Printers answer both ways: Prusa-Link on a Raspberry Pi (poorwsgi) sends qop="auth"; the
// Buddy firmware (MK4, XL, MINI) sends realm="Printer API" and a nonce without qop, which is
// the RFC 2069 form that RFC 7616 section 3.4.1 keeps for compatibility.
import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop: string | null;
  opaque: string | null;
  algorithm: string;
  stale: boolean;
}

const HASHES: Record<string, string> = { MD5: 'md5', 'MD5-SESS': 'md5', 'SHA-256': 'sha256', 'SHA-256-SESS': 'sha256' };

/** The Digest challenge in a WWW-Authenticate value, or null when there is none (or it uses an algorithm we cannot answer). */
export function parseDigestChallenge(header: string | null): DigestChallenge | null {
  if (!header) return null;
  const start = header.search(/\bDigest\s/i);
  if (start < 0) return null;
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (const match of header.slice(start + 7).matchAll(pattern)) {
    const key = match[1].toLowerCase();
    if (key in params) break; // the next challenge's parameters
    params[key] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3];
  }
  const algorithm = (params.algorithm ?? 'MD5').toUpperCase();
  if (!params.nonce || params.realm === undefined || !(algorithm in HASHES)) return null;
  const qops = (params.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
  return {
    realm: params.realm,
    nonce: params.nonce,
    qop: qops.includes('auth') ? 'auth' : null,
    opaque: params.opaque ?? null,
    algorithm,
    stale: (params.stale ?? '').toLowerCase() === 'true',
  };
}

export interface DigestCredentials {
  username: string;
  password: string;
}

/**
 * The Authorization header answering `challenge` for one request.
 * @example digestAuthorization(challenge, { username: 'maker', password: 'secret' }, 'GET', '/api/v1/status', 1)
 */
export function digestAuthorization(
  challenge: DigestChallenge,
  credentials: DigestCredentials,
  method: string,
  uri: string,
  nonceCount: number,
  cnonce: string = randomBytes(8).toString('hex'),
): string {
  const hash = (text: string) => createHash(HASHES[challenge.algorithm]).update(text, 'utf8').digest('hex');
  const quote = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`;
  let ha1 = hash(`${credentials.username}:${challenge.realm}:${credentials.password}`);
  if (challenge.algorithm.endsWith('-SESS')) ha1 = hash(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = hash(`${method}:${uri}`);
  const nc = nonceCount.toString(16).padStart(8, '0');
  const response = challenge.qop ? hash(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${challenge.qop}:${ha2}`) : hash(`${ha1}:${challenge.nonce}:${ha2}`);
  const parts = [
    `username=${quote(credentials.username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(uri)}`,
    `algorithm=${challenge.algorithm === 'MD5-SESS' ? 'MD5-sess' : challenge.algorithm === 'SHA-256-SESS' ? 'SHA-256-sess' : challenge.algorithm}`,
    `response=${quote(response)}`,
  ];
  if (challenge.qop) parts.push(`qop=${challenge.qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`);
  if (challenge.opaque !== null) parts.push(`opaque=${quote(challenge.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}
