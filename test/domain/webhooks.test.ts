// Webhook status transitions: a fresh registration, success and failure, giving up after
// MAX_WEBHOOK_FAILURES in a row, a success resetting the count, and secrets.
import { describe, expect, it } from 'vitest';
import { afterDelivery, MAX_WEBHOOK_FAILURES, newWebhook, newWebhookSecret, webhookState, webhookStatusText, type ShopWebhook } from '../../functions/domain/webhooks.ts';

const T0 = Date.UTC(2026, 11, 5, 17, 0, 0);
const URL_ = 'https://shop.example/atelier';

const fail = (w: ShopWebhook, times: number, from = T0): ShopWebhook => {
  for (let i = 0; i < times; i++) w = afterDelivery(w, { ok: false, error: `HTTP 50${i % 10}` }, from + i * 1000);
  return w;
};

describe('webhook status', () => {
  it('starts active with no failures and no deliveries', () => {
    expect(newWebhook(URL_, 'whsec_x', T0)).toEqual({
      url: URL_, secret: 'whsec_x', registeredAt: T0, status: 'active', consecutiveFailures: 0,
      lastDeliveryAt: null, lastFailureAt: null, lastError: null, disabledAt: null,
    });
  });

  it('a failure makes it failing, counts and records the error; a success resets the count but keeps the history', () => {
    const failed = afterDelivery(newWebhook(URL_, 's', T0), { ok: false, error: 'HTTP 500' }, T0 + 5);
    expect(failed).toMatchObject({ status: 'failing', consecutiveFailures: 1, lastError: 'HTTP 500', lastFailureAt: T0 + 5, disabledAt: null, lastDeliveryAt: null });
    const twice = afterDelivery(failed, { ok: false, error: 'timed out after 10 s' }, T0 + 9);
    expect(twice).toMatchObject({ status: 'failing', consecutiveFailures: 2, lastError: 'timed out after 10 s', lastFailureAt: T0 + 9 });
    const ok = afterDelivery(twice, { ok: true }, T0 + 20);
    expect(ok).toMatchObject({ status: 'active', consecutiveFailures: 0, lastDeliveryAt: T0 + 20, lastError: 'timed out after 10 s', lastFailureAt: T0 + 9 });
    expect(ok.url).toBe(URL_);
    expect(ok.secret).toBe('s');
  });

  it(`gives up at the ${MAX_WEBHOOK_FAILURES}th failure in a row, not before`, () => {
    const almost = fail(newWebhook(URL_, 's', T0), MAX_WEBHOOK_FAILURES - 1);
    expect(almost).toMatchObject({ status: 'failing', consecutiveFailures: MAX_WEBHOOK_FAILURES - 1, disabledAt: null });
    const given = afterDelivery(almost, { ok: false, error: 'HTTP 503' }, T0 + 99_000);
    expect(given).toMatchObject({ status: 'disabled', consecutiveFailures: MAX_WEBHOOK_FAILURES, disabledAt: T0 + 99_000, lastError: 'HTTP 503' });
  });

  it('a success in between starts the count again', () => {
    let w = fail(newWebhook(URL_, 's', T0), MAX_WEBHOOK_FAILURES - 1);
    w = afterDelivery(w, { ok: true }, T0 + 50_000);
    w = fail(w, MAX_WEBHOOK_FAILURES - 1, T0 + 60_000);
    expect(w.status).toBe('failing');
  });

  it('a disabled webhook stays disabled whatever a late delivery reports; only a new registration resumes', () => {
    const disabled = fail(newWebhook(URL_, 's', T0), MAX_WEBHOOK_FAILURES);
    expect(afterDelivery(disabled, { ok: true }, T0 + 1e6)).toEqual(disabled);
    expect(afterDelivery(disabled, { ok: false, error: 'HTTP 500' }, T0 + 1e6)).toEqual(disabled);
    expect(newWebhook(disabled.url, disabled.secret, T0 + 2e6).status).toBe('active');
  });

  it('does not change the registration it is given', () => {
    const w = newWebhook(URL_, 's', T0);
    const copy = structuredClone(w);
    afterDelivery(w, { ok: false, error: 'x' }, T0 + 1);
    expect(w).toEqual(copy);
  });

  it('shows the state without the secret', () => {
    const state = webhookState(newWebhook(URL_, 'whsec_secret', T0));
    expect(state).not.toHaveProperty('secret');
    expect(JSON.stringify(state)).not.toContain('whsec_secret');
    expect(state.url).toBe(URL_);
  });

  it('makes secrets of whsec_ and 32 random bytes base64url, all different', () => {
    const secrets = Array.from({ length: 50 }, newWebhookSecret);
    for (const s of secrets) expect(s).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(new Set(secrets).size).toBe(50);
  });
});

describe('webhook status text', () => {
  const iso = (t: number) => new Date(t).toISOString();
  it('says active, failing with count and error, and disabled with how to resume', () => {
    const w = newWebhook(URL_, 's', T0);
    expect(webhookStatusText(w, iso)).toBe('active, no deliveries yet');
    expect(webhookStatusText(afterDelivery(w, { ok: true }, T0), iso)).toBe(`active, last delivered ${iso(T0)}`);
    expect(webhookStatusText(afterDelivery(w, { ok: false, error: 'HTTP 500' }, T0), iso)).toBe(`failing: 1 failed delivery in a row, last "HTTP 500" at ${iso(T0)}`);
    const disabled = fail(w, MAX_WEBHOOK_FAILURES);
    expect(webhookStatusText(webhookState(disabled), iso)).toBe(
      `disabled: gave up after ${MAX_WEBHOOK_FAILURES} failed deliveries on ${iso(disabled.disabledAt!)}: save the URL again to resume`,
    );
  });
});
