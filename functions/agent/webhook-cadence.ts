// How often the agent polls when webhooks arrive: polling stays the fallback, but while
// verified deliveries keep coming (one within the last `quietMs`, 10 minutes by default) the
// agent polls `factor` times less often (4×, capped at 5 minutes, so a lease renewal is never
// more than one wait away); without deliveries it polls at the normal interval. A job in
// production keeps the normal interval whatever arrives: its rounds follow the printer, which
// sends no webhooks. Reports when the mode changes, so the agent can say so once.

export interface CadenceOptions {
  /** The configured poll interval, ms. */
  normalMs: number;
  /** No delivery for this long: back to the normal interval (default 10 min). */
  quietMs?: number;
  /** Stretch factor while deliveries arrive (default 4). */
  factor?: number;
  /** Longest stretched interval, ms (default 5 min; never below normalMs). */
  capMs?: number;
}

export type CadenceMode = 'polling' | 'webhooks';

export const DEFAULT_QUIET_MS = 10 * 60_000;
export const DEFAULT_STRETCH_FACTOR = 4;
export const DEFAULT_STRETCH_CAP_MS = 5 * 60_000;

export class WebhookCadence {
  private lastDeliveryAt: number | null = null;
  private reported: CadenceMode = 'polling';
  readonly normalMs: number;
  readonly stretchedMs: number;
  readonly quietMs: number;

  constructor(options: CadenceOptions) {
    this.normalMs = options.normalMs;
    this.quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
    const stretched = Math.min(options.normalMs * (options.factor ?? DEFAULT_STRETCH_FACTOR), options.capMs ?? DEFAULT_STRETCH_CAP_MS);
    this.stretchedMs = Math.max(options.normalMs, stretched);
  }

  /** A verified, new delivery arrived at `now`. */
  delivered(now: number): void {
    this.lastDeliveryAt = now;
  }

  /** 'webhooks' while a delivery came within quietMs, else 'polling'. */
  mode(now: number): CadenceMode {
    return this.lastDeliveryAt !== null && now - this.lastDeliveryAt < this.quietMs ? 'webhooks' : 'polling';
  }

  /**
   * The wait before the next poll.
   * @example new WebhookCadence({ normalMs: 30_000 }).intervalMs(now, false) // 30_000, or 120_000 right after a delivery
   */
  intervalMs(now: number, inProduction: boolean): number {
    return this.mode(now) === 'webhooks' && !inProduction ? this.stretchedMs : this.normalMs;
  }

  /** The mode at `now` if it differs from the last one reported, else null (each change is reported once). */
  change(now: number): CadenceMode | null {
    const mode = this.mode(now);
    if (mode === this.reported) return null;
    this.reported = mode;
    return mode;
  }
}
