// Identifiers and secrets: random tokens, idempotent order ids, API-key hashes, safe comparison.
// Web Crypto only (globalThis.crypto), so this runs in Lambda, Node and the browser alike.

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bytes of randomness in a token: 192 bits, 32 base64url characters. */
export const TOKEN_BYTES = 24;

/** Length of an order id: "o" and 21 base64url characters (126 bits of a sha256). */
export const ORDER_ID_LENGTH = 22;

/**
 * A fresh unguessable token (order secret, API key, quote id): 192 random bits, base64url.
 * @example newToken() // 'q5bX…' (32 characters of [A-Za-z0-9_-])
 */
export function newToken(): string {
  return base64url(globalThis.crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
}

/**
 * The order id for a POST /orders: sha256 over a length-prefixed (quoteId, key) pair,
 * base64url, "o" + the first 21 characters. A retried POST gets the same id, so the store's
 * attribute_not_exists write fails and the first result can be returned.
 */
export async function orderIdFromIdempotencyKey(key: string, quoteId: string): Promise<string> {
  const input = `atelier-order-v1\n${quoteId.length}:${quoteId}\n${key}`;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(input));
  // Always starts with a letter, so an id never looks like a command-line option ("-x3F…").
  return `o${base64url(new Uint8Array(digest)).slice(0, ORDER_ID_LENGTH - 1)}`;
}

/** sha256 of an API key as lowercase hex: the key's storage id (`KEY#<hash>`). */
export async function hashApiKey(key: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Compares two strings in time that depends only on their lengths, not on where they
 * differ: for checking secrets such as order tokens.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  const length = Math.max(x.length, y.length);
  let diff = x.length ^ y.length;
  for (let i = 0; i < length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** RFC 4648 §5 base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += BASE64URL[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}
