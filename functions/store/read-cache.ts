// A small time-boxed cache for index reads that many requests repeat, such as the open
// orders of a cell that every shop polling there asks for: one query per key per TTL however
// many requests ask, concurrent misses share that one query, and writes made by this process
// drop the keys they make stale. TTLs run on the monotonic clock, not the domain clock: this
// is about load, while order state (offers, leases) is still judged at read time.

export class ReadCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; until: number }>();

  /**
   * @param ttlMs how long a read is reused; 0 turns the cache off.
   * @param maxKeys past this many keys the cache starts over (a bound, not an LRU).
   */
  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The cached value of `key`, or the result of `load()`, which is then cached. A failed load is not kept. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (this.entries.size >= this.maxKeys) this.entries.clear();
    const entry = { value: load(), until: now + this.ttlMs };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
