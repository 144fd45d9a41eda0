// The Moonraker adapter: every print_stats state and every Klippy state mapped to a phase, 503
// as offline, the guarded start (never over a paused job, busy while Klippy is not ready),
// the documented upload fields (root, print, checksum), the time left from the file's
// estimated_time or, without one, from print_duration and progress, and printer text clipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createMoonraker } from '../../../functions/agent/printers/moonraker.ts';
import type { Printer } from '../../../functions/agent/printers/printer.ts';
import { startMoonrakerFake, type MoonrakerFake } from '../../support/printers/moonraker-fake.ts';

const gcode = new TextEncoder().encode('G28\n; estimated printing time (normal mode) = 1h 40m 0s\n');

describe('Moonraker adapter', () => {
  let fake: MoonrakerFake;
  let printer: Printer;
  beforeAll(async () => {
    fake = await startMoonrakerFake();
    printer = createMoonraker({ url: fake.url, apiKey: null });
  });
  afterAll(() => fake.close());

  it('uploads to the gcodes root with print and a sha256 checksum, and no key when none is set', async () => {
    expect(await printer.upload('a.gcode', gcode, { start: false })).toEqual({ name: 'a.gcode', started: false });
    expect(fake.uploads[0].fields).toEqual({ root: 'gcodes', print: 'false', checksum: createHash('sha256').update(gcode).digest('hex') });
    expect(fake.requests[0].headers['x-api-key']).toBeUndefined();
    expect(await printer.status()).toEqual({ phase: 'idle', file: null, percent: null, secondsLeft: null, message: 'standby' });
  });

  it('maps every print_stats state', async () => {
    await printer.start('a.gcode');
    fake.sim.advance(25);
    // estimated_time 6000 s from the file's metadata: 6000 − 0.25 × 6000
    expect(await printer.status()).toEqual({ phase: 'printing', file: 'a.gcode', percent: 25, secondsLeft: 4500, message: 'printing' });
    fake.sim.pause();
    expect(await printer.status()).toMatchObject({ phase: 'paused', file: 'a.gcode', percent: 25 });
    fake.sim.resume();
    fake.sim.cancel();
    expect(await printer.status()).toMatchObject({ phase: 'cancelled', file: 'a.gcode', secondsLeft: null });
    await printer.start('a.gcode');
    fake.sim.finish();
    expect(await printer.status()).toMatchObject({ phase: 'finished', file: 'a.gcode', percent: 100, secondsLeft: 0 });
    fake.sim.fail('Move out of range: 260.000 10.000 0.300 [0.000]');
    expect(await printer.status()).toMatchObject({ phase: 'error', message: 'Move out of range: 260.000 10.000 0.300 [0.000]' });
    fake.sim.clear();
    expect((await printer.status()).phase).toBe('idle');
  });

  it('maps Klippy not ready: startup → busy, error → offline, shutdown → error, not connected (503) → offline', async () => {
    const starts = () => fake.requests.filter((r) => r.path.startsWith('/printer/print/start')).length;
    const startsBefore = starts();
    fake.setKlippy('startup');
    expect(await printer.status()).toMatchObject({ phase: 'busy', message: expect.stringContaining('attempting to connect') });
    await expect(printer.start('a.gcode')).rejects.toMatchObject({ busy: true });
    fake.setKlippy('error');
    expect(await printer.status()).toMatchObject({ phase: 'offline', message: "mcu 'mcu': Unable to connect" });
    fake.setKlippy('shutdown');
    expect(await printer.status()).toMatchObject({ phase: 'error', message: 'Emergency stop triggered' });
    await expect(printer.start('a.gcode')).rejects.toMatchObject({ busy: true, message: 'moonraker 409: not starting a.gcode: Emergency stop triggered' });
    fake.setKlippy('ready');
    fake.setOffline(true);
    expect(await printer.status()).toEqual({ phase: 'offline', file: null, percent: null, secondsLeft: null, message: 'Klippy Host not connected' });
    await expect(printer.start('a.gcode')).rejects.toMatchObject({ status: 503, busy: true });
    fake.setOffline(false);
    expect(starts()).toBe(startsBefore); // refused before asking Klipper
  });

  it('never starts over a paused job (Klipper would replace it)', async () => {
    await printer.start('a.gcode');
    fake.sim.pause();
    const before = fake.requests.length;
    await expect(printer.start('b.gcode')).rejects.toMatchObject({ busy: true, message: expect.stringContaining('paused a.gcode') });
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual(['/printer/objects/query?webhooks&print_stats&virtual_sdcard']);
    expect(fake.sim.file).toBe('a.gcode');
    fake.sim.resume();
    fake.sim.finish();
  });

  it('refuses the upload of the file being printed (403), not as busy', async () => {
    await printer.start('a.gcode');
    await expect(printer.upload('a.gcode', gcode, { start: false })).rejects.toMatchObject({ status: 403, busy: false, message: 'moonraker 403: File is loaded, upload not permitted' });
    fake.sim.cancel();
  });

  it('estimates time left from print_duration and progress when the file has no estimate', async () => {
    const bare = await startMoonrakerFake({ estimates: false, apiKey: 'k' });
    try {
      const p = createMoonraker({ url: bare.url, apiKey: 'k' });
      await p.upload('x.gcode', gcode, { start: true });
      bare.sim.advance(20); // 1200 s of 6000 s: total ≈ 1200 / 0.2 = 6000, left 4800
      expect(await p.status()).toMatchObject({ phase: 'printing', percent: 20, secondsLeft: 4800 });
      expect(bare.requests.every((r) => r.headers['x-api-key'] === 'k')).toBe(true);
    } finally {
      await bare.close();
    }
  });

  it('clips printer text to 200 characters', async () => {
    await printer.start('a.gcode');
    fake.sim.fail(`MCU 'mcu' shutdown: ${'Timer too close '.repeat(40)}`);
    const status = await printer.status();
    expect(status.message!.length).toBeLessThanOrEqual(200);
    expect(status.message).toMatch(/^MCU 'mcu' shutdown: Timer too close.*…$/);
  });
});
