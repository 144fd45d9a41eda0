// Makes sense of what PrusaSlicer prints: boost log lines ("[time] [thread] [error]   text"),
// progress ("70 => Infilling layers"), and plain messages ("x.3mf: Loading of a model file failed.",
// "what():  Objects could not fit on the bed"). Pure.

export interface SlicerLog {
  /** Warnings, verbatim without the log prefix, in order, without repeats. */
  warnings: string[];
  /** Errors (log lines at error/fatal level and plain messages), in order, without repeats. */
  errors: string[];
}

const LOG_LINE = /^\[[^\]]*\]\s*\[[^\]]*\]\s*\[(\w+)\]\s*(.*)$/;
const PROGRESS = /^(-?\d+) => (.*)$/;
/** Lines that say nothing a shop can use. */
const NOISE = [
  /^terminate called after throwing/,
  /^Slicing result exported to /,
  /Voronoi diagram/, // an internal fallback of the perimeter generator, logged as a warning
];

/** Splits slicer output into warnings and errors; progress, trace and info lines are dropped. */
export const readSlicerLog = (...outputs: string[]): SlicerLog => {
  const warnings = new Set<string>();
  const errors = new Set<string>();
  for (const raw of outputs.join('\n').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line === '…' || NOISE.some((pattern) => pattern.test(line))) continue;
    const log = LOG_LINE.exec(line);
    if (log) {
      const [, level, text] = log;
      if (level === 'warning') warnings.add(text.trim());
      else if (level === 'error' || level === 'fatal') errors.add(text.trim());
      continue;
    }
    const progress = PROGRESS.exec(line);
    if (progress) {
      // The CLI reports the print's own warnings through the progress callback with percent -1.
      if (Number(progress[1]) < 0 && progress[2].trim()) warnings.add(progress[2].trim());
      continue;
    }
    const what = /^what\(\):\s*(.*)$/.exec(line);
    if (what) errors.add(what[1].trim());
    else if (/\bwarning\b/i.test(line)) warnings.add(line);
    else errors.add(line);
  }
  return { warnings: [...warnings], errors: [...errors] };
};

/** The errors as one message for a person, at most `max` characters. */
export const summarizeErrors = (log: SlicerLog, max = 600): string => {
  const text = log.errors.join('; ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};
