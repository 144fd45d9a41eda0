// Identifiers and secrets: random tokens, idempotent order ids, API-key hashes, safe comparison.
// Web Crypto only (globalThis.crypto), so this runs in Lambda, Node and the browser alike.

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bytes of randomness in a token: 192 bits, 32 base64url characters. */
export const TOKEN_BYTES = 24;

/** Length of an order id: "o" and 21 base64url characters (126 bits of a sha256). */
export const ORDER_ID_LENGTH = 22;

/**
 * A fresh unguessable token (API key, quote id, a host's secret): 192 random bits, base64url.
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

/** Bytes as lowercase hex. */
export const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** sha256 of a text as lowercase hex: how secrets (API keys, order tokens) are stored. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

/**
 * HMAC-SHA256 of a text under a text key (UTF-8 both): order tokens and webhook signatures.
 * @example hex(await hmacSha256('key', 'The quick brown fox jumps over the lazy dog')) // 'f7bc83f4…'
 */
export async function hmacSha256(secret: string, text: string): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', key, encoder.encode(text)));
}

/** sha256 of an API key as lowercase hex: the key's storage id (`KEY#<hash>`). */
export const hashApiKey = (key: string): Promise<string> => sha256Hex(key);

/** sha256 of an order token as lowercase hex: all the table keeps of it. */
export const hashOrderToken = (token: string): Promise<string> => sha256Hex(token);

/** Shortest order-token secret accepted: 32 characters (the hosts make 43 of base64url, 256 bits). */
export const MIN_ORDER_TOKEN_SECRET_LENGTH = 32;

/**
 * The customer's order token: HMAC-SHA256 of the order id (itself derived from the quote and
 * the Idempotency-Key), keyed with the installation's order-token secret; its first 24 bytes
 * (192 bits), base64url. Only the token's sha256 is stored. The server can derive it again
 * when it must (a retried POST /orders, an email carrying the order link) and nobody else
 * can: the table alone holds no token, and the secret never leaves the host.
 * @example await orderTokenFor(secret, 'oAbC…') // 32 base64url characters
 */
export async function orderTokenFor(secret: string, orderId: string): Promise<string> {
  if (secret.length < MIN_ORDER_TOKEN_SECRET_LENGTH) throw new RangeError(`the order-token secret must have at least ${MIN_ORDER_TOKEN_SECRET_LENGTH} characters`);
  const mac = await hmacSha256(secret, `atelier-order-token-v1\n${orderId}`);
  return base64url(mac.slice(0, TOKEN_BYTES));
}

/**
 * The token issued for an order, derived again, if it still matches the stored hash (it does
 * not once the secret was replaced), else undefined. Compared in constant time.
 */
export async function reissuableToken(secret: string, orderId: string, tokenHash: string): Promise<string | undefined> {
  const token = await orderTokenFor(secret, orderId);
  return constantTimeEqual(tokenHash, await hashOrderToken(token)) ? token : undefined;
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
