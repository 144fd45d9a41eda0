// Shop webhook signatures (issue 12, item 4, first step): HMAC-SHA256 over "<timestamp>.<body>"
// with the shop's webhook secret, sent as `Atelier-Signature: t=<unix seconds>,v1=<hex>` (the
// convention Stripe uses; GitHub's is the same HMAC without the timestamp). The receiver checks
// the HMAC and refuses an old timestamp, so a captured delivery cannot be replayed later.
// Web Crypto only, so the agent (which imports domain/) and the notifier share it.
import { constantTimeEqual, hex, hmacSha256 } from './ids.ts';

export const SIGNATURE_HEADER = 'atelier-signature';
/** How old (or how far ahead) a delivery's timestamp may be, seconds. */
export const SIGNATURE_TOLERANCE_S = 300;

const hmacHex = async (secret: string, text: string): Promise<string> => hex(await hmacSha256(secret, text));

/**
 * The header value for a delivery of `body` at `nowMs`.
 * @example await signWebhook('whsec_…', '{"type":"job.offered"}', Date.now()) // 't=1764950000,v1=5f…'
 */
export async function signWebhook(secret: string, body: string, nowMs: number): Promise<string> {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${await hmacHex(secret, `${t}.${body}`)}`;
}

export type WebhookVerdict = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

/**
 * Checks a delivery: a well-formed header, a timestamp within `toleranceS` of now, and an HMAC
 * over exactly the bytes received. Any `v1` entry may match (a secret being rotated signs twice).
 */
export async function verifyWebhook(
  secret: string,
  body: string,
  header: string | null | undefined,
  nowMs: number,
  toleranceS: number = SIGNATURE_TOLERANCE_S,
): Promise<WebhookVerdict> {
  const parts = (header ?? '').split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k, v]) => k === 'v1' && /^[0-9a-f]{64}$/.test(v ?? '')).map(([, v]) => v!);
  if (!Number.isInteger(t) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowMs / 1000 - t) > toleranceS) return { ok: false, reason: 'stale' };
  const expected = await hmacHex(secret, `${t}.${body}`);
  return signatures.some((s) => constantTimeEqual(s, expected)) ? { ok: true, timestamp: t } : { ok: false, reason: 'mismatch' };
}
