// The PrusaLink adapter: every printer.state of the OpenAPI document mapped to a phase, the
// long file name from /api/v1/job (not the 8.3 one), 204 as "no job", the PUT headers
// (Print-After-Upload, Overwrite, Content-Length), 409 told apart (name taken vs not in state
// to print), 503, the storage setting, and auth: digest in both forms the printers use (one
// challenge, then the nonce is reused; a stale nonce answered once), X-Api-Key, and a key
// used as the digest password when the printer asks for digest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Printer } from '../../../functions/agent/printers/printer.ts';
import { createPrusaLink } from '../../../functions/agent/printers/prusalink.ts';
import { startPrusaLinkFake, type PrusaLinkFake } from '../../support/printers/prusalink-fake.ts';

const gcode = new TextEncoder().encode('G28\n; estimated printing time (normal mode) = 20m 0s\n');

describe('PrusaLink adapter (digest, Buddy firmware)', () => {
  let fake: PrusaLinkFake;
  let printer: Printer;
  beforeAll(async () => {
    fake = await startPrusaLinkFake({ auth: { kind: 'digest', password: 'pw-123' } });
    printer = createPrusaLink({ url: fake.url, apiKey: null, password: 'pw-123' });
  });
  afterAll(() => fake.close());

  it('answers the digest challenge once and reuses the nonce', async () => {
    expect(await printer.status()).toEqual({ phase: 'idle', file: null, percent: null, secondsLeft: null, message: 'IDLE' });
    await printer.status();
    expect(fake.requests.map((r) => r.status)).toEqual([401, 200, 204, 200, 204]);
    expect(fake.requests[1].headers.authorization).toMatch(/^Digest username="maker", realm="Printer API", nonce="[0-9a-f]+", uri="\/api\/v1\/status", algorithm=MD5, response="[0-9a-f]{32}"$/);
  });

  it('answers a stale nonce once, with the new one', async () => {
    fake.expireNonce();
    const before = fake.requests.length;
    await printer.status();
    expect(fake.requests.slice(before).map((r) => r.status)).toEqual([401, 200, 204]);
  });

  it('PUTs the raw G-code with Print-After-Upload, Overwrite ?0 and its length', async () => {
    expect(await printer.upload('part one.gcode', gcode, { start: true })).toEqual({ name: 'part one.gcode', started: true });
    const put = fake.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/api/v1/files/usb/part%20one.gcode');
    expect(fake.uploads[0]).toMatchObject({ name: 'part one.gcode', bytes: gcode });
    expect(fake.uploads[0].fields).toEqual({ 'content-length': String(gcode.length), 'content-type': 'application/octet-stream', 'print-after-upload': '?1', overwrite: '?0' });
  });

  it('maps every printer.state and names the file by its long name', async () => {
    fake.sim.advance(50);
    expect(await printer.status()).toEqual({ phase: 'printing', file: 'part one.gcode', percent: 50, secondsLeft: 600, message: 'PRINTING' });
    fake.sim.pause();
    expect(await printer.status()).toMatchObject({ phase: 'paused', message: 'PAUSED', secondsLeft: 600 });
    fake.overrideState('ATTENTION');
    expect(await printer.status()).toMatchObject({ phase: 'busy', message: 'ATTENTION', file: 'part one.gcode' });
    fake.overrideState(null);
    fake.sim.resume();
    fake.sim.cancel();
    expect(await printer.status()).toMatchObject({ phase: 'cancelled', message: 'STOPPED' });
    await printer.start('part one.gcode');
    fake.sim.finish();
    expect(await printer.status()).toMatchObject({ phase: 'finished', message: 'FINISHED', percent: 100, secondsLeft: 0 });
    fake.sim.fail('Heater bed thermal runaway');
    expect(await printer.status()).toMatchObject({ phase: 'error', message: 'ERROR: Heater bed thermal runaway' });
    fake.sim.clear();
    for (const [state, phase] of [['IDLE', 'idle'], ['READY', 'idle'], ['BUSY', 'busy']] as const) {
      fake.overrideState(state);
      expect(await printer.status()).toMatchObject({ phase, message: state, file: null });
    }
    fake.overrideState(null);
  });

  it('tells a taken name (409, not busy) from a printer not in state to print (stored, not started; start busy)', async () => {
    await expect(printer.upload('part one.gcode', gcode, { start: false })).rejects.toMatchObject({ status: 409, busy: false, message: 'prusalink 409: File already exists.' });
    fake.overrideState('BUSY');
    expect(await printer.upload('second.gcode', gcode, { start: true })).toEqual({ name: 'second.gcode', started: false });
    await expect(printer.start('second.gcode')).rejects.toMatchObject({ status: 409, busy: true });
    fake.overrideState(null);
    await printer.start('second.gcode');
    expect(fake.sim.started).toEqual(['part one.gcode', 'part one.gcode', 'second.gcode']);
    fake.sim.cancel();
  });

  it('is offline on 503, and a start then is busy', async () => {
    fake.setOffline(true);
    expect(await printer.status()).toMatchObject({ phase: 'offline', message: 'Printer Unavailable: PrusaLink not finished initializing or Printer not connected.' });
    await expect(printer.start('second.gcode')).rejects.toMatchObject({ status: 503, busy: true });
    fake.setOffline(false);
  });
});

describe('PrusaLink adapter auth variants', () => {
  it('digest with qop="auth" (Prusa-Link on a Raspberry Pi) and storage "local"', async () => {
    const fake = await startPrusaLinkFake({ auth: { kind: 'digest', username: 'admin', password: 'pw', qop: true }, storage: 'local' });
    try {
      const printer = createPrusaLink({ url: fake.url, apiKey: null, username: 'admin', password: 'pw', storage: 'local' });
      await printer.upload('a.gcode', gcode, { start: false });
      await printer.start('a.gcode');
      expect(fake.sim.started).toEqual(['a.gcode']);
      // The challenge came from a small GET, not from sending the file twice.
      expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 401', 'GET 200', 'PUT 201', 'POST 204']);
      expect(fake.requests[3].headers.authorization).toMatch(/qop=auth, nc=00000003, cnonce="[0-9a-f]+"/);
    } finally {
      await fake.close();
    }
  });

  it('X-Api-Key: sent as is; a wrong key is 403 "Bad X-Api-Key."', async () => {
    const fake = await startPrusaLinkFake({ auth: { kind: 'key', key: 'KEY123' } });
    try {
      expect((await createPrusaLink({ url: fake.url, apiKey: 'KEY123' }).status()).phase).toBe('idle');
      expect(fake.requests[0].headers['x-api-key']).toBe('KEY123');
      await expect(createPrusaLink({ url: fake.url, apiKey: 'nope' }).status()).rejects.toMatchObject({ status: 403, message: 'prusalink 403: Bad X-Api-Key.' });
    } finally {
      await fake.close();
    }
  });

  it('a key alone, against a printer that asks for digest, becomes the digest password', async () => {
    const fake = await startPrusaLinkFake({ auth: { kind: 'digest', password: 'KEY123' } });
    try {
      const printer = createPrusaLink({ url: fake.url, apiKey: 'KEY123' });
      expect((await printer.status()).phase).toBe('idle');
      expect(fake.requests.map((r) => r.status)).toEqual([401, 200, 204]);
      expect(fake.requests[0].headers['x-api-key']).toBe('KEY123');
      expect(fake.requests[1].headers['x-api-key']).toBeUndefined();
    } finally {
      await fake.close();
    }
  });
});
