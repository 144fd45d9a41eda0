// Per-request time limits, so one hung connection cannot stall a whole round (undici's own
// limits are 300 s). A Deadline is an AbortSignal that fires when the caller's signal fires
// (Ctrl-C) or when its timer runs out; `touch` restarts the timer, which makes it an idle
// limit for downloads. `timedOut` tells the two apart afterwards.

export interface Timeouts {
  /** Each Atelier API call, answer and body included. */
  apiMs: number;
  /** A file download may go this long without receiving a byte (no limit on the total). */
  downloadIdleMs: number;
  /** Each printer call other than an upload. */
  printerMs: number;
  /** A printer upload: this much plus a second per 100 KB (it cannot be watched for progress). */
  printerUploadMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  apiMs: 15_000,
  downloadIdleMs: 30_000,
  printerMs: 15_000,
  printerUploadMs: 30_000,
};

export interface Deadline {
  /** Pass this to fetch instead of the caller's signal. */
  readonly signal: AbortSignal;
  /** True once the timer fired (not the caller's signal). */
  readonly timedOut: boolean;
  /** Restarts the timer: call it whenever data arrives to make the limit an idle limit. */
  touch(): void;
  /** Stops the timer and lets go of the caller's signal; call it when the request is over. */
  clear(): void;
}

/** "15 s", "250 ms". */
export const formatLimit = (ms: number): string => (ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/** A signal that aborts when `parent` does, or `ms` after the last touch (or the start). */
export function deadline(ms: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`no answer within ${formatLimit(ms)}`, 'TimeoutError'));
    }, ms);
  };
  const follow = () => {
    clearTimeout(timer);
    controller.abort(parent?.reason);
  };
  if (parent?.aborted) {
    controller.abort(parent.reason);
  } else {
    parent?.addEventListener('abort', follow, { once: true });
    arm();
  }
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    touch() {
      if (!controller.signal.aborted) arm();
    },
    clear() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', follow);
    },
  };
}
