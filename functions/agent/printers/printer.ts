// One small interface over every printer host the agent can drive (OctoPrint, Moonraker,
// PrusaLink): upload a G-code file (optionally starting it), start an uploaded file, and
// read what the printer is doing. Each adapter follows its printer's documented API.

export type PrinterKind = 'octoprint' | 'moonraker' | 'prusalink';

export const PRINTER_KINDS: readonly PrinterKind[] = Object.freeze(['octoprint', 'moonraker', 'prusalink']);

/**
 * What the printer is doing, in one vocabulary for every kind:
 * - idle: ready for a new print (a finished or cancelled last job may still be shown in `file`);
 * - busy: cannot take a print now for a reason other than printing (heating, attention needed, …);
 * - printing / paused: a job is running or paused;
 * - finished: the last job completed (the printer has not been cleared since);
 * - cancelled: the last job was cancelled on the printer;
 * - error: the printer reports an error (the message says which);
 * - offline: the host answers but the printer is not connected.
 */
export type PrinterPhase = 'idle' | 'busy' | 'printing' | 'paused' | 'finished' | 'cancelled' | 'error' | 'offline';

export interface PrinterStatus {
  phase: PrinterPhase;
  /** The file of the current or last job as the printer names it (no folder), or null. */
  file: string | null;
  /** 0–100, or null when the printer does not say. */
  percent: number | null;
  /** Seconds left, or null when the printer does not say. */
  secondsLeft: number | null;
  /** The printer's own words (state text, error message), ≤ 200 characters, or null. */
  message: string | null;
}

export interface UploadedFile {
  /** The name the printer stored it under (it may sanitize the one sent); use it to start and to recognise the job. */
  name: string;
  /** Whether the upload itself started the print (Moonraker print=true, PrusaLink Print-After-Upload, OctoPrint print=true). */
  started: boolean;
}

export interface Printer {
  readonly kind: PrinterKind;
  /** Base URL, for messages. */
  readonly url: string;
  /** Stores `gcode` as `name`; with start: true, asks the printer to print it right away. */
  upload(name: string, gcode: Uint8Array, options: { start: boolean; signal?: AbortSignal }): Promise<UploadedFile>;
  /** Starts an uploaded file. Throws PrinterError with busy = true when the printer is printing or not ready. */
  start(name: string, signal?: AbortSignal): Promise<void>;
  status(signal?: AbortSignal): Promise<PrinterStatus>;
}

/** The printer host refused (HTTP status) or could not be reached (status 0). */
export class PrinterError extends Error {
  override name = 'PrinterError';
  constructor(
    readonly kind: PrinterKind,
    readonly status: number,
    message: string,
    /** The printer said it cannot take this now (printing, heating, not ready): wait, never retry a start blindly. */
    readonly busy: boolean = false,
    options?: { cause?: unknown },
  ) {
    super(`${kind} ${status === 0 ? 'unreachable' : status}: ${message}`, options);
  }
}

export interface PrinterSettings {
  kind: PrinterKind;
  url: string;
  /** OctoPrint X-Api-Key, Moonraker X-Api-Key (optional), PrusaLink X-Api-Key or digest password. */
  apiKey: string | null;
  /** PrusaLink digest auth user (default "maker") when apiKey is not set. */
  username?: string;
  password?: string;
  /** PrusaLink storage: "usb" (default; Buddy firmware: MK4, XL, MINI) or "local" (Prusa-Link on a Raspberry Pi). */
  storage?: string;
}
