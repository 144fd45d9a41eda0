// A way to cut the poll loop's wait short: a webhook saying "a job was offered to you" asks
// for a round now instead of at the end of the interval. A wake that comes while a round
// runs is kept and ends the next wait at once; several wakes before a wait count as one.
import type { Sleep } from './backoff.ts';

export class Wakeup {
  private pending = false;
  private interrupt: (() => void) | null = null;

  /** Asks for a round now. */
  wake(): void {
    this.pending = true;
    this.interrupt?.();
  }

  /**
   * Waits `ms` with `sleep` unless woken first; resolves true when woken. Rejects when
   * `signal` fires (as the sleep does).
   * @example if (await wakeup.sleep(30_000, sleep, signal)) out.line('woken by a webhook')
   */
  async sleep(ms: number, sleep: Sleep, signal: AbortSignal): Promise<boolean> {
    if (this.take()) return true;
    const inner = new AbortController();
    const forward = () => inner.abort(signal.reason);
    if (signal.aborted) forward();
    signal.addEventListener('abort', forward, { once: true });
    this.interrupt = () => inner.abort(new DOMException('woken', 'AbortError'));
    try {
      await sleep(ms, inner.signal);
      return this.take();
    } catch (error) {
      if (signal.aborted || !this.take()) throw error;
      return true;
    } finally {
      this.interrupt = null;
      signal.removeEventListener('abort', forward);
    }
  }

  /** Forgets wakes so far (they came before the round about to start, which covers them). */
  clear(): void {
    this.pending = false;
  }

  private take(): boolean {
    const was = this.pending;
    this.pending = false;
    return was;
  }
}
