// The poll cadence with webhooks (injected times only): 4× the interval, capped at 5 minutes
// and never below it, while a delivery came within 10 minutes; the normal interval with a job
// in production or after the quiet time; each change of mode reported once.
import { describe, expect, it } from 'vitest';
import { WebhookCadence } from '../../functions/agent/webhook-cadence.ts';

describe('webhook cadence', () => {
  it('stretches 4× after a delivery, capped at 5 min, and returns to normal after 10 quiet minutes', () => {
    const cadence = new WebhookCadence({ normalMs: 30_000 });
    expect(cadence.intervalMs(0, false)).toBe(30_000);
    cadence.delivered(1_000);
    expect(cadence.intervalMs(1_000, false)).toBe(120_000);
    expect(cadence.intervalMs(1_000 + 10 * 60_000 - 1, false)).toBe(120_000);
    expect(cadence.intervalMs(1_000 + 10 * 60_000, false)).toBe(30_000);
    expect(new WebhookCadence({ normalMs: 100_000 }).stretchedMs).toBe(300_000);
    expect(new WebhookCadence({ normalMs: 300_000 }).stretchedMs).toBe(300_000);
  });

  it('keeps the normal interval while a job is in production (its rounds follow the printer)', () => {
    const cadence = new WebhookCadence({ normalMs: 30_000 });
    cadence.delivered(0);
    expect(cadence.intervalMs(5_000, true)).toBe(30_000);
  });

  it('reports each change of mode once', () => {
    const cadence = new WebhookCadence({ normalMs: 30_000, quietMs: 60_000 });
    expect(cadence.change(0)).toBeNull();
    cadence.delivered(10);
    expect(cadence.change(20)).toBe('webhooks');
    expect(cadence.change(30)).toBeNull();
    expect(cadence.change(60_010)).toBe('polling');
    expect(cadence.change(70_000)).toBeNull();
  });
});
