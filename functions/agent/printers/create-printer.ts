// Picks the adapter for the configured printer kind. Every adapter shares the same limits:
// `timeoutMs` per call (default 15 s) and `uploadTimeoutMs` plus 1 s per 100 KB per upload
// (default 30 s); `fetch` is injectable for tests.
import { createMoonraker } from './moonraker.ts';
import { createOctoPrint } from './octoprint.ts';
import type { Printer, PrinterSettings } from './printer.ts';
import { createPrusaLink } from './prusalink.ts';

export interface CreatePrinterOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  uploadTimeoutMs?: number;
}

/**
 * @example const printer = createPrinter({ kind: 'moonraker', url: 'http://voron.local', apiKey: null });
 */
export function createPrinter(settings: PrinterSettings, opts: CreatePrinterOptions = {}): Printer {
  switch (settings.kind) {
    case 'octoprint':
      return createOctoPrint(settings, opts);
    case 'moonraker':
      return createMoonraker(settings, opts);
    case 'prusalink':
      return createPrusaLink(settings, opts);
    default: {
      const kind: never = settings.kind;
      throw new Error(`unknown printer kind ${String(kind)}`);
    }
  }
}
