// The errors slicing raises on purpose. Each says what went wrong in words a shop can act on;
// whenever one is thrown, no G-code file (final or temporary) is left behind.
import { AgentError } from '../errors.ts';

/** Base class of every slicing error. */
export class SlicingError extends AgentError {
  override name = 'SlicingError';
}

/** The slicer binary could not be started. */
export class SlicerMissingError extends SlicingError {
  override name = 'SlicerMissingError';
  constructor(
    readonly binary: string,
    options?: { cause?: unknown },
  ) {
    super(
      `slicer "${binary}" not found: install PrusaSlicer (sudo apt-get install -y prusa-slicer, or ` +
        `https://www.prusa3d.com/prusaslicer/) or set the slicer binary to its full path`,
      options,
    );
  }
}

/** The profile is missing, not a PrusaSlicer config, or the slicer refused it. */
export class ProfileError extends SlicingError {
  override name = 'ProfileError';
  constructor(
    readonly profile: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The part file is missing or not a format the slicer takes (.3mf, .stl). */
export class PartFileError extends SlicingError {
  override name = 'PartFileError';
  constructor(
    readonly input: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The part does not fit the printable volume the profile declares. */
export class PartOutsideBedError extends SlicingError {
  override name = 'PartOutsideBedError';
  constructor(
    /** The part's size in mm [x, y, z], when known. */
    readonly partSize: readonly [number, number, number] | undefined,
    /** The profile's printable size in mm [x, y, z], when known (z 0 = not stated). */
    readonly bedSize: readonly [number, number, number] | undefined,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    const mm = (v: readonly number[]) => v.map((n, k) => (k === 2 && n === 0 ? 'any height' : n.toFixed(1))).join(' × ');
    super(
      partSize && bedSize
        ? `the part (${mm(partSize)} mm) does not fit the profile's printable volume (${mm(bedSize)} mm)`
        : `the part does not fit the profile's printable volume${detail ? `: ${detail}` : ''}`,
      options,
    );
  }
}

/** The slicer ran and failed; `slicerMessage` carries what it said (trimmed). */
export class SlicerFailedError extends SlicingError {
  override name = 'SlicerFailedError';
  /** The signal that ended it (a crash: SIGABRT, SIGSEGV), when one did. */
  readonly signal: NodeJS.Signals | null;
  constructor(
    /** Exit code, or null when a signal ended it. */
    readonly exitCode: number | null,
    /** What the slicer said: its error lines, or the tail of its output. */
    readonly slicerMessage: string,
    options?: { cause?: unknown; signal?: NodeJS.Signals | null },
  ) {
    const how = exitCode !== null ? `exit ${exitCode}` : options?.signal ? `killed by ${options.signal}` : 'killed';
    super(`slicer failed (${how})${slicerMessage ? `: ${slicerMessage}` : ''}`, options);
    this.signal = options?.signal ?? null;
  }
}

/** The slicer did not finish within the time limit; it was killed. */
export class SlicingTimeoutError extends SlicingError {
  override name = 'SlicingTimeoutError';
  constructor(
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(`slicer did not finish within ${timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}; it was stopped and nothing was kept`, options);
  }
}

/** The G-code grew past the size limit; the slicer was killed. */
export class OutputTooLargeError extends SlicingError {
  override name = 'OutputTooLargeError';
  constructor(
    readonly maxOutputBytes: number,
    options?: { cause?: unknown },
  ) {
    super(`G-code grew past the ${maxOutputBytes} byte limit; the slicer was stopped and nothing was kept`, options);
  }
}
