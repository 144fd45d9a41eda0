// What the agent prints: finished lines, and progress bars that redraw in place on a
// terminal and become two plain lines (start, end) anywhere else, such as a systemd journal.
// Every line passes through cleanText first: text from the server or a printer (job ids,
// design ids, problem details, printer messages) cannot move the cursor, recolour or
// reorder the terminal.

/**
 * C0 controls but newline (ESC included), DEL, C1 controls (CSI U+009B included) and the bidi
 * marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–E, U+2066–9).
 */
const UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text safe to print: control characters and bidi overrides removed; newlines kept only with
 * `multiline` (otherwise each becomes a space).
 * @example cleanText('job\u001b[2J\u202Eid') // 'job[2Jid'
 */
export function cleanText(text: string, multiline = false): string {
  const cleaned = text.replace(UNSAFE, '');
  return multiline ? cleaned : cleaned.replace(/\n/g, ' ');
}

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
      sink.write(`${cleanText(text, true)}\n`);
    },
    progress(rawLabel, total) {
      const label = cleanText(rawLabel);
      if (!tty) {
        endOpenLine();
        sink.write(`  ${label}: downloading ${formatBytes(total)}\n`);
        return { update() {}, done: (message) => void sink.write(`  ${label}: ${cleanText(message)}\n`) };
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
          sink.write(`\r\x1b[2K  ${label}: ${cleanText(message)}\n`);
          open = false;
        },
      };
    },
    finish: endOpenLine,
  };
}
