// A bounded memory of webhook delivery ids already handled, each kept for a fixed time (the
// replay window), so a delivery repeated within that time is recognised and has no effect.
// Oldest entries go first when the bound is reached; memory never grows past `max` ids.

export interface SeenIdsOptions {
  /** How long an id is remembered, ms. */
  ttlMs: number;
  /** Most ids kept at once. */
  max: number;
}

export class SeenIds {
  /** id → first seen (ms); Map keeps insertion order, so the first entry is the oldest. */
  private readonly ids = new Map<string, number>();

  constructor(private readonly options: SeenIdsOptions) {}

  get size(): number {
    return this.ids.size;
  }

  /**
   * Records `id` at `now`; false when it was already recorded within the time to live.
   * @example const seen = new SeenIds({ ttlMs: 600_000, max: 10_000 }); seen.add('a', 0); seen.add('a', 1) // false
   */
  add(id: string, now: number): boolean {
    this.expire(now);
    if (this.ids.has(id)) return false;
    if (this.ids.size >= this.options.max) this.ids.delete(this.ids.keys().next().value!);
    this.ids.set(id, now);
    return true;
  }

  /** True when `id` was recorded within the time to live. */
  has(id: string, now: number): boolean {
    this.expire(now);
    return this.ids.has(id);
  }

  private expire(now: number): void {
    for (const [id, at] of this.ids) {
      if (now - at < this.options.ttlMs) break;
      this.ids.delete(id);
    }
  }
}
