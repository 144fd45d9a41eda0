// The Printer interface's promises, checked the same way for every kind against its fake:
// upload + start → printing with progress → finished, never a second start; a cancel or an
// error on the printer; a busy printer refuses with busy; the host without its printer is
// offline; an unreachable host, one that never answers, and one that redirects are
// PrinterErrors (status 0, status 0, 3xx) and the redirect is not followed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrinter } from '../../../functions/agent/printers/create-printer.ts';
import { PRINTER_KINDS, PrinterError, type Printer, type PrinterSettings } from '../../../functions/agent/printers/printer.ts';
import { startFakeServer } from '../../support/printers/fake-server.ts';
import type { PrinterFake } from '../../support/printers/printer-fake.ts';
import { startPrinterFake } from '../../support/printers/start-printer-fake.ts';

const gcode = (minutes: number) => new TextEncoder().encode(`G28\nG1 X10 Y10\n; estimated printing time (normal mode) = ${minutes}m 0s\n`);

const kinds = PRINTER_KINDS.map((kind) => ({ kind }));

const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe.each(kinds)('$kind adapter against its fake', ({ kind }) => {
  let fake: PrinterFake;
  let settings: PrinterSettings;
  let printer: Printer;
  beforeAll(async () => {
    ({ fake, settings } = await startPrinterFake(kind));
    printer = createPrinter(settings, { timeoutMs: 2000 });
  });
  afterAll(() => fake.close());

  it('uploads and starts in one call, reports progress, then finished, and never starts it twice', async () => {
    expect((await printer.status()).phase).toBe('idle');

    const uploaded = await printer.upload('job-1.gcode', gcode(50), { start: true });

    expect(uploaded).toEqual({ name: 'job-1.gcode', started: true });
    expect(fake.uploads.map((u) => u.name)).toEqual(['job-1.gcode']);
    expect(fake.uploads[0].bytes).toEqual(gcode(50));
    expect(await printer.status()).toMatchObject({ phase: 'printing', file: 'job-1.gcode', percent: 0, secondsLeft: 3000 });

    fake.sim.advance(40);
    const halfway = await printer.status();
    expect(halfway).toMatchObject({ phase: 'printing', file: 'job-1.gcode', percent: 40, secondsLeft: 1800 });

    // A start while printing is refused as busy, and the printer does not start anything.
    const refused = await errorOf(printer.start('job-1.gcode'));
    expect(refused).toBeInstanceOf(PrinterError);
    expect(refused).toMatchObject({ kind, busy: true });

    fake.sim.advanceTime(1800);
    expect(await printer.status()).toMatchObject({ phase: 'finished', file: 'job-1.gcode', percent: 100, secondsLeft: 0 });
    expect(fake.sim.started).toEqual(['job-1.gcode']);
  });

  it('uploads without starting, then starts the stored file by its name', async () => {
    const uploaded = await printer.upload('job-2.gcode', gcode(10), { start: false });
    expect(uploaded).toEqual({ name: 'job-2.gcode', started: false });
    expect(fake.sim.started).toEqual(['job-1.gcode']);

    await printer.start(uploaded.name);

    expect(fake.sim.started).toEqual(['job-1.gcode', 'job-2.gcode']);
    expect(await printer.status()).toMatchObject({ phase: 'printing', file: 'job-2.gcode' });
  });

  it('reports a pause, and a cancel on the printer as cancelled', async () => {
    fake.sim.advance(10);
    fake.sim.pause();
    expect(await printer.status()).toMatchObject({ phase: 'paused', file: 'job-2.gcode', percent: 10 });
    fake.sim.resume();
    fake.sim.cancel();
    expect(await printer.status()).toMatchObject({ phase: 'cancelled', file: 'job-2.gcode' });
  });

  it('reports a printer error with the printer\'s words', async () => {
    await printer.upload('job-3.gcode', gcode(10), { start: true });
    fake.sim.fail('Thermal runaway on heater_bed');
    const status = await printer.status();
    expect(status.phase).toBe('error');
    expect(status.message).toContain('Thermal runaway');
  });

  it('while someone else\'s job runs: an upload asking to start stores the file but does not start it, and start says busy', async () => {
    fake.sim.clear();
    fake.sim.busyWith('someone-elses-part.gcode');

    const uploaded = await printer.upload('job-4.gcode', gcode(10), { start: true });
    expect(uploaded).toEqual({ name: 'job-4.gcode', started: false });
    const busy = await errorOf(printer.start('job-4.gcode'));
    expect(busy).toMatchObject({ kind, busy: true });
    expect(await printer.status()).toMatchObject({ phase: 'printing', file: 'someone-elses-part.gcode' });
    expect(fake.sim.started).not.toContain('job-4.gcode');

    fake.sim.finish();
    await printer.start('job-4.gcode');
    expect(fake.sim.started.filter((f) => f === 'job-4.gcode')).toHaveLength(1);
  });

  it('a fresh adapter (the agent restarted mid-print) reads the same print and how it ended, without memory of its own', async () => {
    fake.sim.finish(); // job-4 from the test before
    expect(await printer.upload('job-5.gcode', gcode(10), { start: true })).toMatchObject({ started: true });
    fake.sim.advance(60);
    const restarted = createPrinter(settings);
    expect(await restarted.status()).toMatchObject({ phase: 'printing', file: 'job-5.gcode', percent: 60 });
    fake.sim.cancel();
    expect(await createPrinter(settings).status()).toMatchObject({ phase: 'cancelled', file: 'job-5.gcode' });
    expect(fake.sim.started.filter((f) => f === 'job-5.gcode')).toHaveLength(1);
  });

  it('reports offline when the host answers but the printer is not connected', async () => {
    fake.setOffline(true);
    try {
      expect((await printer.status()).phase).toBe('offline');
    } finally {
      fake.setOffline(false);
    }
  });

  it('refuses a redirect instead of following it', async () => {
    const elsewhere = await startFakeServer(() => ({ status: 200, body: {} }));
    fake.redirect(`${elsewhere.url}/api/job`);
    try {
      const error = await errorOf(printer.status());
      expect(error).toBeInstanceOf(PrinterError);
      expect(error).toMatchObject({ kind, status: 302 });
      expect((error as Error).message).toContain('redirects are not followed');
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      fake.behave();
      await elsewhere.close();
    }
  });

  it('gives up on a printer that never answers (status 0)', async () => {
    const quick = createPrinter(settings, { timeoutMs: 150 });
    fake.hang();
    try {
      const error = await errorOf(quick.status());
      expect(error).toMatchObject({ kind, status: 0 });
      expect((error as Error).message).toContain('no answer within 150 ms');
    } finally {
      fake.behave();
    }
  });

  it('reports an unreachable host as status 0', async () => {
    const closed = await startFakeServer(() => ({ status: 200 }));
    await closed.close();
    const error = await errorOf(createPrinter({ ...settings, url: closed.url }).status());
    expect(error).toBeInstanceOf(PrinterError);
    expect(error).toMatchObject({ kind, status: 0 });
    expect((error as Error).message).toMatch(/unreachable.*ECONNREFUSED/);
  });

  it('surfaces a refused key with the printer\'s status', async () => {
    const wrong = createPrinter({ ...settings, apiKey: 'wrong', password: settings.password === undefined ? undefined : 'wrong' });
    const error = await errorOf(wrong.status());
    expect(error).toBeInstanceOf(PrinterError);
    expect((error as PrinterError).status).toBe(kind === 'octoprint' ? 403 : 401);
    expect((error as PrinterError).busy).toBe(false);
  });
});
