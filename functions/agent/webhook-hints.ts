// What webhooks change in a running agent, kept apart from the round itself: which jobs the
// API last listed as held (the only ones a lease warning may renew), which offers were
// cancelled (not to be claimed), the wakeup that cuts the poll wait short, and the cadence
// that stretches the interval while deliveries arrive and says when they start and stop.
import { seconds } from './format.ts';
import { SeenIds } from './seen-ids.ts';
import { Wakeup } from './wakeup.ts';
import { WebhookCadence } from './webhook-cadence.ts';
import type { WebhookTarget } from './webhook-inbox.ts';

/** How long an offer cancelled by webhook is left alone, ms (the API's listing drops it long before). */
const CANCELLED_TTL_MS = 60 * 60_000;

export interface HintsOptions {
  now: () => number;
  /** The configured poll interval, ms. */
  normalMs: number;
  /** No webhook for this long: back to the normal interval (default 10 min). */
  quietMs?: number;
  /** Renews the lease of a held job now; the words for the output line. */
  renew: (jobId: string) => Promise<string>;
  /** Prints one line, stamped with the time. */
  say: (text: string) => void;
}

export class WebhookHints implements WebhookTarget {
  readonly wakeup = new Wakeup();
  readonly cadence: WebhookCadence;
  private held = new Set<string>();
  private readonly cancelled = new SeenIds({ ttlMs: CANCELLED_TTL_MS, max: 1_000 });

  constructor(private readonly options: HintsOptions) {
    this.cadence = new WebhookCadence({ normalMs: options.normalMs, quietMs: options.quietMs });
  }

  /** The open-work jobs a listing showed as this shop's. */
  holding(ids: Iterable<string>): void {
    this.held = new Set(ids);
  }

  claimed(id: string): void {
    this.held.add(id);
  }

  released(id: string): void {
    this.held.delete(id);
  }

  /** An offer a webhook said was cancelled (within the last hour). */
  isCancelled(id: string): boolean {
    return this.cancelled.has(id, this.options.now());
  }

  /** The wait before the next poll (see webhook-cadence.ts). */
  intervalMs(inProduction: boolean): number {
    return this.cadence.intervalMs(this.options.now(), inProduction);
  }

  /** Says once when webhooks start arriving and once when they stop (polling is the fallback). */
  sayModeChange(): void {
    const mode = this.cadence.change(this.options.now());
    const { normalMs, stretchedMs, quietMs } = this.cadence;
    if (mode === 'webhooks') {
      this.options.say(
        stretchedMs > normalMs
          ? `webhooks arriving: polling every ${seconds(stretchedMs)} as a fallback (every ${seconds(normalMs)} while a job is in production)`
          : `webhooks arriving: polling stays every ${seconds(normalMs)} as a fallback`,
      );
    } else if (mode === 'polling') {
      this.options.say(`no webhook for ${Math.round(quietMs / 60_000)} min: back to polling every ${seconds(normalMs)}`);
    }
  }

  // WebhookTarget: what verified deliveries may do (see webhook-inbox.ts).

  delivered(): void {
    this.cadence.delivered(this.options.now());
  }

  wake(): void {
    this.wakeup.wake();
  }

  async heartbeatNow(id: string): Promise<string> {
    if (!this.held.has(id)) return 'not a job this agent holds; ignored';
    return this.options.renew(id);
  }

  dropOffer(id: string): string {
    if (this.held.has(id)) return 'a job this agent holds; the API decides, not the webhook (kept)';
    this.cancelled.add(id, this.options.now());
    return 'will not be claimed';
  }
}
