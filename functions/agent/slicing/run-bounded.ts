// Runs one slicer process with hard bounds: an argument array (no shell), its own process group
// (killed whole on time-out, abort or oversize output), a size watch on the file it writes, and
// capped stdout/stderr capture. Resolves only once the process has exited, so the caller can
// delete what it wrote without racing it.
import { spawn } from 'node:child_process';
import { OutputTooLargeError, SlicerMissingError, SlicingTimeoutError } from './errors.ts';

export interface BoundedRun {
  binary: string;
  args: readonly string[];
  timeoutMs: number;
  /** Largest size `outputBytes()` may report before the process is killed. */
  maxOutputBytes: number;
  /** The current size of what the process writes (polled). */
  outputBytes: () => Promise<number>;
  signal?: AbortSignal;
  /** Bytes of stdout and of stderr kept (the tail: errors come last). Default 256 KB each. */
  captureBytes?: number;
  /** How often the output size is checked, ms. Default 100. */
  pollMs?: number;
}

export interface BoundedOutcome {
  /** Exit code, or null when a signal ended the process. */
  code: number | null;
  signalName: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

/** Keeps the last `limit` bytes written to it. */
class TailCapture {
  #chunks: Buffer[] = [];
  #bytes = 0;
  truncated = false;
  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
    while (this.#bytes > this.limit && this.#chunks.length > 1) {
      this.#bytes -= this.#chunks.shift()!.length;
      this.truncated = true;
    }
    if (this.#bytes > this.limit) {
      this.#chunks[0] = this.#chunks[0].subarray(this.#bytes - this.limit);
      this.#bytes = this.limit;
      this.truncated = true;
    }
  }

  toString(): string {
    return (this.truncated ? '…\n' : '') + Buffer.concat(this.#chunks).toString('utf8');
  }
}

/**
 * Runs the process to its end or until a bound is hit. Throws SlicerMissingError when it cannot
 * start, SlicingTimeoutError, OutputTooLargeError, or the signal's reason on abort — each only
 * after the whole process group has exited.
 */
export const runBounded = (run: BoundedRun): Promise<BoundedOutcome> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    if (run.signal?.aborted) return reject(run.signal.reason);
    const child = spawn(run.binary, run.args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const stdout = new TailCapture(run.captureBytes ?? 256 * 1024);
    const stderr = new TailCapture(run.captureBytes ?? 256 * 1024);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

    let failure: unknown;
    const stop = (error: unknown) => {
      if (failure !== undefined) return;
      failure = error;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };

    const timer = setTimeout(() => stop(new SlicingTimeoutError(run.timeoutMs)), run.timeoutMs);
    let polling = false;
    const poll = setInterval(() => {
      if (polling) return;
      polling = true;
      run
        .outputBytes()
        .then((bytes) => {
          if (bytes > run.maxOutputBytes) stop(new OutputTooLargeError(run.maxOutputBytes));
        })
        .catch(() => undefined)
        .finally(() => {
          polling = false;
        });
    }, run.pollMs ?? 100);
    const onAbort = () => stop(run.signal?.reason);
    run.signal?.addEventListener('abort', onAbort, { once: true });

    const finish = () => {
      clearTimeout(timer);
      clearInterval(poll);
      run.signal?.removeEventListener('abort', onAbort);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      // spawn failed: nothing runs, 'close' may never come.
      if (child.pid !== undefined) return stop(error);
      finish();
      reject(error.code === 'ENOENT' || error.code === 'EACCES' ? new SlicerMissingError(run.binary, { cause: error }) : error);
    });
    child.once('close', (code, signalName) => {
      finish();
      if (failure !== undefined) return reject(failure);
      resolve({ code, signalName, stdout: stdout.toString(), stderr: stderr.toString(), elapsedMs: Math.round(performance.now() - started) });
    });
  });
