// Test fixture: the print a printer fake runs, in one vocabulary the three fakes translate
// into their printer's own (OctoPrint state text, Klipper print_stats, PrusaLink printer.state).
// A test drives it: advance(percent) or advanceTime(seconds) moves the print on, finish(),
// cancel() (someone pressed stop on the printer), fail(message), pause()/resume(),
// busyWith(file) (someone else's job is running), clear() (the shop acknowledged the last job).
// Every print that actually started is recorded in `started`, so a test can assert that the
// same file was never started twice.

export type SimState = 'idle' | 'printing' | 'paused' | 'finished' | 'cancelled' | 'error';

/** PrusaSlicer's own estimate in the G-code ("; estimated printing time (normal mode) = 1h 2m 3s"), or 600 s. */
export function estimatedSeconds(gcode: Uint8Array): number {
  const text = new TextDecoder().decode(gcode.subarray(Math.max(0, gcode.length - 64_000)));
  const head = new TextDecoder().decode(gcode.subarray(0, 64_000));
  const match = /estimated printing time(?: \(normal mode\))?\s*=\s*((?:\d+d\s*)?(?:\d+h\s*)?(?:\d+m\s*)?(?:\d+s)?)/.exec(text) ?? /estimated printing time(?: \(normal mode\))?\s*=\s*((?:\d+d\s*)?(?:\d+h\s*)?(?:\d+m\s*)?(?:\d+s)?)/.exec(head);
  if (!match) return 600;
  const unit = { d: 86_400, h: 3600, m: 60, s: 1 } as const;
  let seconds = 0;
  for (const [, n, u] of match[1].matchAll(/(\d+)([dhms])/g)) seconds += Number(n) * unit[u as keyof typeof unit];
  return seconds > 0 ? seconds : 600;
}

export class PrintSim {
  state: SimState = 'idle';
  /** The current or last job's file (null when the printer has nothing loaded). */
  file: string | null = null;
  /** 0–100 */
  percent = 0;
  /** Seconds spent printing (pauses excluded). */
  elapsed = 0;
  /** The job's expected duration in seconds. */
  total = 600;
  message: string | null = null;
  /** Counts jobs (ours and others'): tells one job's end from the next. */
  job = 0;
  /** Files whose print actually started, in order. */
  readonly started: string[] = [];

  get active(): boolean {
    return this.state === 'printing' || this.state === 'paused';
  }

  get secondsLeft(): number {
    return Math.max(0, Math.round(this.total - this.elapsed));
  }

  /** Starts `file` (callers check first whether the printer may start). */
  start(file: string, totalSeconds = 600): void {
    this.state = 'printing';
    this.file = file;
    this.percent = 0;
    this.elapsed = 0;
    this.total = totalSeconds;
    this.message = null;
    this.job += 1;
    this.started.push(file);
  }

  /** Someone else's job is running (started on the printer itself, not through the API). */
  busyWith(file = 'someone-elses-part.gcode', totalSeconds = 3600): void {
    this.start(file, totalSeconds);
    this.started.pop();
  }

  /** Moves the print on by `percent` points (and its clock with it); reaching 100 finishes it. */
  advance(percent: number): void {
    this.requireRunning('advance');
    if (this.state !== 'printing') return;
    const next = Math.min(100, this.percent + percent);
    this.elapsed += ((next - this.percent) / 100) * this.total;
    this.percent = next;
    if (this.percent >= 100) this.finish();
  }

  /** Virtual time: `seconds` of printing at the expected pace. */
  advanceTime(seconds: number): void {
    this.advance((seconds / this.total) * 100);
  }

  finish(): void {
    this.requireRunning('finish');
    this.state = 'finished';
    this.percent = 100;
    this.elapsed = Math.max(this.elapsed, this.total);
  }

  cancel(): void {
    this.requireRunning('cancel');
    this.state = 'cancelled';
  }

  pause(): void {
    this.requireRunning('pause');
    this.state = 'paused';
  }

  resume(): void {
    if (this.state !== 'paused') throw new Error(`cannot resume: the print is ${this.state}`);
    this.state = 'printing';
  }

  fail(message = 'Thermal runaway on heater_bed'): void {
    this.state = 'error';
    this.message = message;
  }

  /** The shop cleared the printer: back to idle, nothing loaded. */
  clear(): void {
    this.state = 'idle';
    this.file = null;
    this.percent = 0;
    this.elapsed = 0;
    this.message = null;
  }

  private requireRunning(action: string): void {
    if (!this.active) throw new Error(`cannot ${action}: the print is ${this.state}`);
  }
}
