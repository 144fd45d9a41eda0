// What the agent prints: finished lines, and progress bars that redraw in place on a
// terminal and become two plain lines (start, end) anywhere else, such as a systemd journal.

/** Where output goes: process.stdout or a test buffer. */
export interface Sink {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBar {
  update(received: number): void;
  /** Ends the bar with a final message (the line stays). */
  done(message: string): void;
}

export interface Output {
  /** A finished line; a bar being drawn is ended first. */
  line(text: string): void;
  progress(label: string, total: number): ProgressBar;
  /** Ends a half-drawn bar line (on Ctrl-C), so the shell prompt starts on a fresh line. */
  finish(): void;
}

const UNITS = ['B', 'KB', 'MB', 'GB'];

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 80;

export function createOutput(sink: Sink, now: () => number = Date.now): Output {
  const tty = sink.isTTY === true;
  let open = false; // a bar line is drawn and not yet ended

  const endOpenLine = () => {
    if (open) sink.write('\n');
    open = false;
  };

  const bar = (label: string, received: number, total: number) => {
    const fraction = total > 0 ? Math.min(1, received / total) : 0;
    const filled = Math.round(fraction * BAR_WIDTH);
    const text = `  ${label} [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${formatBytes(received)}/${formatBytes(total)}`;
    const max = (sink.columns ?? 100) - 1;
    return text.length > max ? text.slice(0, max) : text;
  };

  return {
    line(text) {
      endOpenLine();
      sink.write(`${text}\n`);
    },
    progress(label, total) {
      if (!tty) {
        endOpenLine();
        sink.write(`  ${label}: downloading ${formatBytes(total)}\n`);
        return { update() {}, done: (message) => void sink.write(`  ${label}: ${message}\n`) };
      }
      let drawnAt = -Infinity;
      const draw = (received: number) => {
        sink.write(`\r\x1b[2K${bar(label, received, total)}`);
        open = true;
        drawnAt = now();
      };
      endOpenLine();
      draw(0);
      return {
        update(received) {
          if (received >= total || now() - drawnAt >= REDRAW_MS) draw(received);
        },
        done(message) {
          sink.write(`\r\x1b[2K  ${label}: ${message}\n`);
          open = false;
        },
      };
    },
    finish: endOpenLine,
  };
}
