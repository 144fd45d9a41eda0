// The OctoPrint adapter: every state text OctoPrint 1.x and 2.x report mapped to a phase (and
// the language-free flags when the text is unknown), the finished-vs-cancelled rule from the
// job's progress and the file's print history, the documented requests (multipart upload with
// select + print, select command with print: true, X-Api-Key) and 409 → busy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOctoPrint, phaseOfFlags, phaseOfStateText } from '../../../functions/agent/printers/octoprint.ts';
import type { Printer } from '../../../functions/agent/printers/printer.ts';
import { startOctoPrintFake, type OctoPrintFake } from '../../support/printers/octoprint-fake.ts';

const gcode = new TextEncoder().encode('G28\n; estimated printing time (normal mode) = 1h 0m 0s\n');

describe('OctoPrint state texts', () => {
  it.each([
    ['Operational', 'operational'],
    ['Printing', 'printing'],
    ['Printing from SD', 'printing'],
    ['Starting', 'printing'],
    ['Starting print from SD', 'printing'],
    ['Resuming', 'printing'],
    ['Finishing', 'printing'],
    ['Pausing', 'paused'],
    ['Paused', 'paused'],
    ['Cancelling', 'cancelled'],
    ['Error', 'error'],
    ['Error: Thermal Runaway', 'error'],
    ['Offline after error', 'error'],
    ['Offline', 'offline'],
    ['Opening serial connection', 'offline'],
    ['Detecting serial connection', 'offline'],
    ['Detecting', 'offline'],
    ['Connecting', 'offline'],
    ['Sending file to SD', 'busy'],
    ['Starting to send file to SD', 'busy'],
    ['Transferring file to SD', 'busy'],
    ['Transferring file to printer', 'busy'],
    ['Druckt', null],
  ])('%s → %s', (text, phase) => {
    expect(phaseOfStateText(text)).toBe(phase);
  });

  it('falls back on the flags', () => {
    expect(phaseOfFlags({ operational: true, printing: true })).toBe('printing');
    expect(phaseOfFlags({ operational: true, printing: true, cancelling: true })).toBe('cancelled');
    expect(phaseOfFlags({ operational: true, paused: true })).toBe('paused');
    expect(phaseOfFlags({ operational: false, error: true, closedOrError: true })).toBe('error');
    expect(phaseOfFlags({ operational: false, closedOrError: true })).toBe('offline');
    expect(phaseOfFlags({ operational: true, ready: true })).toBe('operational');
    expect(phaseOfFlags({ operational: true, ready: false })).toBe('busy');
  });
});

describe('OctoPrint adapter', () => {
  let fake: OctoPrintFake;
  let printer: Printer;
  beforeAll(async () => {
    fake = await startOctoPrintFake();
    printer = createOctoPrint({ url: `${fake.url}/`, apiKey: fake.apiKey });
  });
  afterAll(() => fake.close());

  it('uploads with select and print, with its key, and starts with the select command', async () => {
    await printer.upload('a.gcode', gcode, { start: true });
    expect(fake.uploads[0].fields).toMatchObject({ select: 'true', print: 'true' });
    fake.sim.finish();

    await printer.upload('b.gcode', gcode, { start: false });
    expect(fake.uploads[1].fields).not.toHaveProperty('print');
    await printer.start('b.gcode');

    const starts = fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/files/local/b.gcode');
    expect(starts).toHaveLength(1);
    expect(starts[0].headers['x-api-key']).toBe(fake.apiKey);
    expect(starts[0].headers['content-type']).toBe('application/json');
    expect(fake.sim.started).toEqual(['a.gcode', 'b.gcode']);
    expect(await printer.status()).toMatchObject({ phase: 'printing', file: 'b.gcode', percent: 0, secondsLeft: 3600, message: 'Printing' });
  });

  it('maps 409 to busy: a select while printing, an upload over the file being printed', async () => {
    await expect(printer.start('a.gcode')).rejects.toMatchObject({ status: 409, busy: true, message: expect.stringContaining('already printing') });
    await expect(printer.upload('b.gcode', gcode, { start: false })).rejects.toMatchObject({ status: 409, busy: true });
    expect(fake.sim.started).toEqual(['a.gcode', 'b.gcode']);
  });

  it('tells finished from cancelled after OctoPrint returns to Operational', async () => {
    fake.sim.finish();
    // Done: completion 100, the file still selected.
    expect(await printer.status()).toEqual({ phase: 'finished', file: 'b.gcode', percent: 100, secondsLeft: 0, message: 'Operational' });

    await printer.start('a.gcode');
    fake.sim.advance(30);
    fake.sim.cancel();
    // Cancelled: progress cleared, the print history says it did not succeed.
    expect(await printer.status()).toEqual({ phase: 'cancelled', file: 'a.gcode', percent: null, secondsLeft: null, message: 'Operational' });
    const lookups = fake.requests.filter((r) => r.method === 'GET' && r.path === '/api/files/local/a.gcode');
    expect(lookups.length).toBeGreaterThan(0);
  });

  it('reads an unknown (translated) state text through /api/printer flags', async () => {
    await printer.start('b.gcode');
    fake.overrideState('Druckt', { operational: true, printing: true, paused: false, error: false, ready: false, closedOrError: false });
    try {
      expect(await printer.status()).toMatchObject({ phase: 'printing', file: 'b.gcode', message: 'Druckt' });
      expect(fake.requests.at(-1)?.path).toBe('/api/printer?exclude=temperature,sd');
      fake.overrideState('Finishing');
      expect((await printer.status()).phase).toBe('printing');
      fake.overrideState('Cancelling');
      expect((await printer.status()).phase).toBe('cancelled');
    } finally {
      fake.overrideState(null);
    }
  });

  it('reports an error with OctoPrint\'s error text, and offline', async () => {
    fake.sim.fail('Thermal Runaway, system stopped! Heater_ID: bed');
    expect(await printer.status()).toMatchObject({ phase: 'error', message: 'Thermal Runaway, system stopped! Heater_ID: bed' });
    fake.sim.clear();
    fake.setOffline(true);
    expect(await printer.status()).toMatchObject({ phase: 'offline', message: 'Offline' });
    fake.setOffline(false);
  });
});
