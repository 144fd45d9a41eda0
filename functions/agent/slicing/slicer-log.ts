// Makes sense of what PrusaSlicer prints: boost log lines ("[time] [thread] [error]   text"),
// progress ("70 => Infilling layers"), the print's warnings ("print warning: Empty layer between
// 2 and 6.2." and the lines after it), and plain messages ("x.3mf: Loading of a model file
// failed.", "what():  Objects could not fit on the bed"). Pure.

export interface SlicerLog {
  /** Warnings, verbatim without the log prefix, in order, without repeats. */
  warnings: string[];
  /** Errors (log lines at error/fatal level and plain messages), in order, without repeats. */
  errors: string[];
}

const LOG_LINE = /^\[[^\]]*\]\s*\[[^\]]*\]\s*\[(\w+)\]\s*(.*)$/;
const PROGRESS = /^-?\d+ => /;
const PRINT_WARNING = /^(?:print|print_object|object) warning:\s*(.*)$/i;
/** Lines that say nothing a shop can use. */
const NOISE = [
  /^terminate called after throwing/,
  /^Slicing result exported to /,
  /Voronoi diagram/, // an internal fallback of the perimeter generator, logged as a warning
];

/**
 * Splits slicer output into warnings and errors; progress, trace and info lines are dropped.
 * The print's own warnings come as "print warning: <text>" followed by more lines of the same
 * message (object name, advice); those lines are joined into one warning.
 */
export const readSlicerLog = (...outputs: string[]): SlicerLog => {
  const warnings = new Set<string>();
  const errors = new Set<string>();
  let block: string[] | undefined;
  const flush = () => {
    if (block) warnings.add(block.join(' ').replace(/\s+/g, ' ').trim());
    block = undefined;
  };
  for (const raw of outputs.join('\n').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line === '…') continue;
    const log = LOG_LINE.exec(line);
    if (log) {
      flush();
      const [, level, text] = log;
      if (NOISE.some((pattern) => pattern.test(text))) continue;
      if (level === 'warning') warnings.add(text.trim());
      else if (level === 'error' || level === 'fatal') errors.add(text.trim());
      continue;
    }
    const printWarning = PRINT_WARNING.exec(line);
    if (printWarning) {
      flush();
      block = [printWarning[1]];
      continue;
    }
    if (PROGRESS.test(line) || NOISE.some((pattern) => pattern.test(line))) {
      flush();
      continue;
    }
    if (block) {
      block.push(line);
      continue;
    }
    const what = /^what\(\):\s*(.*)$/.exec(line);
    if (what) errors.add(what[1].trim());
    else if (/\bwarning\b/i.test(line)) warnings.add(line);
    else errors.add(line);
  }
  flush();
  return { warnings: [...warnings], errors: [...errors] };
};

/** The errors as one message for a person, at most `max` characters. */
export const summarizeErrors = (log: SlicerLog, max = 600): string => {
  const text = log.errors.join('; ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};
