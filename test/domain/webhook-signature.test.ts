// Webhook signatures: verifiable with the shop's secret, refused when the body, the secret or
// the timestamp was changed, and replays with an old timestamp refused.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_TOLERANCE_S, signWebhook, verifyWebhook } from '../../functions/domain/webhook-signature.ts';

const SECRET = 'whsec_test_0123456789';
const BODY = JSON.stringify({ type: 'order.cancelled', orderId: 'o-1' });
const NOW = Date.UTC(2026, 11, 5, 15, 0, 0);

describe('webhook signatures', () => {
  it('signs HMAC-SHA256 over "<t>.<body>", checkable with any HMAC library', async () => {
    const header = await signWebhook(SECRET, BODY, NOW);
    const t = Math.floor(NOW / 1000);
    expect(header).toBe(`t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.${BODY}`).digest('hex')}`);
    expect(await verifyWebhook(SECRET, BODY, header, NOW + 1000)).toEqual({ ok: true, timestamp: t });
  });

  it('refuses another body, another secret, a forged or missing header', async () => {
    const header = await signWebhook(SECRET, BODY, NOW);
    expect(await verifyWebhook(SECRET, BODY.replace('o-1', 'o-2'), header, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(await verifyWebhook('whsec_other', BODY, header, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(await verifyWebhook(SECRET, BODY, header.replace(/t=\d+/, `t=${Math.floor(NOW / 1000) + 1}`), NOW)).toEqual({ ok: false, reason: 'mismatch' });
    for (const bad of [undefined, '', 'v1=abc', `t=${NOW / 1000}`, 't=x,v1=' + 'a'.repeat(64)]) {
      expect(await verifyWebhook(SECRET, BODY, bad, NOW), String(bad)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses a replay with an old timestamp, and one from too far ahead', async () => {
    const header = await signWebhook(SECRET, BODY, NOW);
    expect((await verifyWebhook(SECRET, BODY, header, NOW + SIGNATURE_TOLERANCE_S * 1000)).ok).toBe(true);
    expect(await verifyWebhook(SECRET, BODY, header, NOW + (SIGNATURE_TOLERANCE_S + 1) * 1000)).toEqual({ ok: false, reason: 'stale' });
    expect(await verifyWebhook(SECRET, BODY, header, NOW - (SIGNATURE_TOLERANCE_S + 1) * 1000)).toEqual({ ok: false, reason: 'stale' });
  });
});
