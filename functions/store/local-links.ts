// Download links of the one-machine host. In AWS a link is an S3 presigned URL; locally the S3
// stand-in's credentials are fixed and published, so a presigned URL proves nothing. Instead
// the local host signs each link with this installation's own secret (created at first start
// in the data directory) and serves the file itself after checking the signature and expiry.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MESH_PREFIXES } from './bucket-layout.ts';

export interface LocalLinks {
  /** The host's public address, e.g. http://192.168.1.10:3000; links point at `${baseUrl}/files/...`. */
  baseUrl: string;
  /** The installation's link secret (32 random bytes). */
  secret: Uint8Array;
}

/** The path the host serves links under. */
export const LOCAL_FILES_PATH = '/files';

/** Only mesh files can be named by a link: meshes/ or orders/, a sha256, .stl or .3mf. */
const KEY_PATTERN = new RegExp(`^(${Object.values(MESH_PREFIXES).join('|')})[0-9a-f]{64}\\.(stl|3mf)$`);
/** Download names the API gives: design id, dash, hash or order id, extension. */
const NAME_PATTERN = /^[A-Za-z0-9._-]{1,120}$/;

/** HMAC-SHA256 over method, path, expiry and download name, as lowercase hex. */
const signature = (secret: Uint8Array, method: string, path: string, expires: number, name: string): string =>
  createHmac('sha256', secret).update(`${method}\n${path}\n${expires}\n${name}`, 'utf8').digest('hex');

/**
 * A link to GET the object `key` until `now + expiresInSeconds`, downloaded as `fileName`.
 * @example signLocalLink(links, 'orders/<sha256>.stl', 'planter-1a2b3c4d.stl', 900)
 */
export const signLocalLink = (links: LocalLinks, key: string, fileName: string, expiresInSeconds: number, now = Date.now()): string => {
  if (!KEY_PATTERN.test(key)) throw new Error(`not a mesh file key: ${key}`);
  if (!NAME_PATTERN.test(fileName)) throw new Error(`not a download name: ${fileName}`);
  const path = `${LOCAL_FILES_PATH}/${key}`;
  const expires = Math.floor(now / 1000) + expiresInSeconds;
  const query = new URLSearchParams({ name: fileName, expires: String(expires), signature: signature(links.secret, 'GET', path, expires, fileName) });
  return `${links.baseUrl.replace(/\/+$/, '')}${path}?${query}`;
};

export type LinkCheck = { ok: true; key: string; fileName: string } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Checks a link as the host received it: `path` is the request path, `query` its query.
 * HEAD is accepted with a GET link (it reveals less). The signature is compared in constant
 * time and before the expiry, so an altered expiry reads as "invalid".
 */
export const verifyLocalLink = (secret: Uint8Array, method: string, path: string, query: URLSearchParams, now = Date.now()): LinkCheck => {
  const keys = [...query.keys()];
  if (keys.length !== 3 || new Set(keys).size !== 3) return { ok: false, reason: 'invalid' };
  const name = query.get('name') ?? '';
  const expiresText = query.get('expires') ?? '';
  const given = query.get('signature') ?? '';
  const key = path.startsWith(`${LOCAL_FILES_PATH}/`) ? path.slice(LOCAL_FILES_PATH.length + 1) : '';
  if (!KEY_PATTERN.test(key) || !NAME_PATTERN.test(name) || !/^\d{1,12}$/.test(expiresText) || !/^[0-9a-f]{64}$/.test(given)) {
    return { ok: false, reason: 'invalid' };
  }
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(signature(secret, 'GET', path, Number(expiresText), name), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { ok: false, reason: 'invalid' };
  if (Math.floor(now / 1000) > Number(expiresText)) return { ok: false, reason: 'expired' };
  return { ok: true, key, fileName: name };
};
