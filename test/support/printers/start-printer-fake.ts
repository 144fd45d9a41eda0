// Test fixture: one call to get a running fake of any printer kind, with auth switched on, and
// the PrinterSettings an agent config would carry to drive it (for tests that run the same
// story once per kind).
import type { PrinterKind, PrinterSettings } from '../../../functions/agent/printers/printer.ts';
import { startMoonrakerFake } from './moonraker-fake.ts';
import { startOctoPrintFake } from './octoprint-fake.ts';
import type { PrinterFake } from './printer-fake.ts';
import { startPrusaLinkFake } from './prusalink-fake.ts';

export interface RunningPrinterFake {
  fake: PrinterFake;
  settings: PrinterSettings;
}

export async function startPrinterFake(kind: PrinterKind): Promise<RunningPrinterFake> {
  switch (kind) {
    case 'octoprint': {
      const fake = await startOctoPrintFake({ apiKey: 'octo-key' });
      return { fake, settings: { kind, url: fake.url, apiKey: 'octo-key' } };
    }
    case 'moonraker': {
      const fake = await startMoonrakerFake({ apiKey: 'moon-key' });
      return { fake, settings: { kind, url: fake.url, apiKey: 'moon-key' } };
    }
    case 'prusalink': {
      const fake = await startPrusaLinkFake({ auth: { kind: 'digest', password: 'link-pass' } });
      return { fake, settings: { kind, url: fake.url, apiKey: null, password: 'link-pass' } };
    }
  }
}
