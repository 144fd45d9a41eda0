// The agent's webhook receiver over a real socket, with deliveries signed by signWebhook: a
// good delivery takes effect once; a wrong secret, a tampered body, a missing or stale
// signature, a repeat, an oversize body, another method, path or content type do not.
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SIGNATURE_TOLERANCE_S } from '../../functions/domain/webhook-signature.ts';
import type { WebhookEvent } from '../../functions/domain/webhooks.ts';
import { MAX_WEBHOOK_BODY, startWebhookListener, type DeliveryOutcome, type WebhookListener } from '../../functions/agent/webhook-listener.ts';
import { REPLAY_WINDOW_MS } from '../../functions/agent/webhook-receipt.ts';
import { deliver, TEST_WEBHOOK_SECRET, webhookEvent } from '../support/webhook-sender.ts';

describe('webhook listener', () => {
  const clock = { now: Date.parse('2026-12-05T17:00:00Z') };
  let listener: WebhookListener;
  let events: WebhookEvent[];
  let outcomes: DeliveryOutcome[];
  beforeAll(async () => {
    listener = await startWebhookListener({
      address: { host: '127.0.0.1', port: 0 },
      secret: TEST_WEBHOOK_SECRET,
      now: () => clock.now,
      onEvent: (event) => events.push(event),
      onOutcome: (outcome) => outcomes.push(outcome),
    });
  });
  afterAll(() => listener.close());
  beforeEach(() => {
    events = [];
    outcomes = [];
  });

  it('binds where asked and answers on /atelier/webhook', () => {
    expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/atelier\/webhook$/);
  });

  it('accepts a delivery signed with the secret over the exact bytes, and hands the event on once', async () => {
    const event = webhookEvent('job.offered', 'oJob1');
    const answer = await deliver(listener.url, event, { signedAt: clock.now });
    expect(answer).toEqual({ status: 200, body: { received: true } });
    expect(events).toEqual([event]);
  });

  it('refuses a wrong secret, a tampered body and a missing signature with 401, with no effect', async () => {
    const event = webhookEvent('job.offered', 'oJob2');
    const wrong = await deliver(listener.url, event, { signedAt: clock.now, secret: 'whsec_someone-elses-secret-0123456789' });
    const tampered = await deliver(listener.url, event, { signedAt: clock.now, sendBody: JSON.stringify({ ...event, data: { jobId: 'oOther' } }) });
    const extraSpace = await deliver(listener.url, event, { signedAt: clock.now, sendBody: `${JSON.stringify(event)} ` });
    const unsigned = await deliver(listener.url, event, { signedAt: clock.now, headers: { 'atelier-signature': null } });
    const garbled = await deliver(listener.url, event, { signedAt: clock.now, headers: { 'atelier-signature': 't=abc,v1=zz' } });
    for (const answer of [wrong, tampered, extraSpace, unsigned, garbled]) expect(answer.status).toBe(401);
    expect(wrong.body.error).toBe('signature does not match');
    expect(unsigned.body.error).toBe('signature missing or malformed');
    expect(events).toEqual([]);
    // The same event, signed properly, still goes through: nothing was remembered from the refusals.
    expect((await deliver(listener.url, event, { signedAt: clock.now })).status).toBe(200);
    expect(events.map((e) => e.id)).toEqual([event.id]);
  });

  it('refuses a timestamp outside the tolerance (a captured delivery replayed later, or one from the future)', async () => {
    const event = webhookEvent('job.offered', 'oJob3');
    const tooOld = await deliver(listener.url, event, { signedAt: clock.now - (SIGNATURE_TOLERANCE_S + 1) * 1000 });
    const tooNew = await deliver(listener.url, event, { signedAt: clock.now + (SIGNATURE_TOLERANCE_S + 1) * 1000 });
    expect(tooOld).toEqual({ status: 401, body: { error: 'signature timestamp outside the replay window' } });
    expect(tooNew.status).toBe(401);
    expect(events).toEqual([]);
    // Just inside the window it is still good.
    expect((await deliver(listener.url, event, { signedAt: clock.now - (SIGNATURE_TOLERANCE_S - 1) * 1000 })).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('answers a repeated id 200 with no effect, re-signed or not, for as long as the replay window', async () => {
    const event = webhookEvent('job.lease-expiring', 'oJob4', { data: { jobId: 'oJob4', leaseExpiresAt: '2026-12-05T17:02:00.000Z' } });
    const first = await deliver(listener.url, event, { signedAt: clock.now });
    const replay = await deliver(listener.url, event, { signedAt: clock.now });
    clock.now += 60_000;
    const retried = await deliver(listener.url, event, { signedAt: clock.now }); // the sender's retry, signed anew
    expect(first).toEqual({ status: 200, body: { received: true } });
    expect(replay).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(retried.body.duplicate).toBe(true);
    expect(events).toEqual([event]);
    clock.now += REPLAY_WINDOW_MS; // the id is forgotten once no signature for it can still be fresh
    expect(await deliver(listener.url, event, { signedAt: clock.now })).toEqual({ status: 200, body: { received: true } });
    expect(events).toHaveLength(2);
  });

  it('answers 413 to a body over 64 KiB, declared or streamed, without handing anything on', async () => {
    const event = webhookEvent('job.offered', 'oJob5');
    const padded = JSON.stringify({ ...event, padding: 'x'.repeat(MAX_WEBHOOK_BODY) });
    const declared = await deliver(listener.url, padded, { signedAt: clock.now });
    expect(declared.status).toBe(413);
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(listener.url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i += 1) req.write('x'.repeat(8 * 1024)); // chunked: no Content-Length to go by
      req.end();
    });
    expect(streamed).toBe(413);
    expect(events).toEqual([]);
    expect(outcomes.map((o) => o.outcome === 'refused' && o.status)).toEqual([413, 413]);
  });

  it('takes only POST, only on its path, only JSON; a signed body that is not an event is refused', async () => {
    const event = webhookEvent('job.offered', 'oJob6');
    expect((await deliver(listener.url, event, { signedAt: clock.now, method: 'GET' })).status).toBe(405);
    expect((await deliver(listener.url, event, { signedAt: clock.now, method: 'PUT' })).status).toBe(405);
    expect((await deliver(listener.url, event, { signedAt: clock.now, path: '/webhook' })).status).toBe(404);
    expect((await deliver(listener.url, event, { signedAt: clock.now, headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await deliver(listener.url, '{"not":"an event"}', { signedAt: clock.now })).status).toBe(400);
    expect((await deliver(listener.url, 'not json', { signedAt: clock.now })).status).toBe(400);
    expect((await deliver(listener.url, event, { signedAt: clock.now, headers: { 'atelier-webhook-id': 'another-id' } })).status).toBe(400);
    expect(events).toEqual([]);
    // An event type from a newer server: acknowledged, no effect.
    const future = { ...webhookEvent('job.offered', 'oJob7'), type: 'job.renamed' };
    expect(await deliver(listener.url, JSON.stringify(future), { signedAt: clock.now })).toEqual({ status: 200, body: { received: true, ignored: true } });
    expect(events).toEqual([]);
  });
});
