// The OctoPrint client against the documented behaviour (as the fake follows it): auth by
// X-Api-Key, multipart upload with Content-Length, 415 for 3MF, select only for G-code,
// 409 while printing, and the busy retry's limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OctoPrintError, PrinterBusyError } from '../../functions/agent/errors.ts';
import { whileBusy, type HandOffContext } from '../../functions/agent/handoff.ts';
import { createOctoPrintClient, type OctoPrintClient } from '../../functions/agent/octoprint.ts';
import { instantSleep } from '../support/agent-harness.ts';
import { startFakeOctoPrint, type FakeOctoPrint } from '../support/octoprint-fake.ts';

const stl = new TextEncoder().encode('solid part\nendsolid part\n');

describe('OctoPrint client', () => {
  let octo: FakeOctoPrint;
  let client: OctoPrintClient;
  beforeAll(async () => {
    octo = await startFakeOctoPrint();
    client = createOctoPrintClient({ url: `${octo.url}/`, apiKey: octo.apiKey });
  });
  afterAll(() => octo.close());

  it('uploads to local storage without selecting or printing', async () => {
    const result = await client.upload('part.stl', stl, { userdata: { orderId: 'o1' } });
    expect(result).toEqual({ name: 'part.stl', path: 'part.stl', effectiveSelect: false, effectivePrint: false });
    const upload = octo.uploads.at(-1)!;
    expect(upload.bytes).toEqual(stl);
    expect(upload.fields).toEqual({ userdata: '{"orderId":"o1"}' });
    expect(upload.contentLength).toMatch(/^\d+$/);
    expect(await client.job()).toEqual({ state: 'Operational', file: { name: null, path: null, origin: null } });
  });

  it('surfaces OctoPrint\'s refusals with their status', async () => {
    const wrongKey = createOctoPrintClient({ url: octo.url, apiKey: 'nope' });
    await expect(wrongKey.job()).rejects.toMatchObject({ status: 403, message: 'OctoPrint 403: Invalid API key' });
    // OctoPrint stores G-code and STL; a 3MF is refused unless a plugin adds the type.
    await expect(client.upload('part.3mf', stl)).rejects.toMatchObject({ status: 415 });
    // Only G-code can be selected; an STL has to be sliced first.
    await expect(client.select('part.stl', true)).rejects.toMatchObject({ status: 415 });
  });

  it('answers 409 while printing, and the busy retry gives up after its tries', async () => {
    octo.busyFor(5);
    const error = await client.slice('part.stl', 'part.gcode', true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OctoPrintError);
    expect((error as OctoPrintError).busy).toBe(true);
    expect((await client.job()).state).toBe('Printing');

    const { sleep, waits } = instantSleep();
    const ctx: HandOffContext = { octoprint: client, sleep, random: () => 1, signal: new AbortController().signal, busy: { backoff: { baseMs: 100, capMs: 250 }, maxAttempts: 3 } };
    const attempts: number[] = [];
    const busy = await whileBusy('start', () => client.slice('part.stl', 'part.gcode', true), { ...ctx, onBusy: (_, n) => void attempts.push(n) }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(PrinterBusyError);
    expect((busy as Error).message).toBe('printer still busy after 3 tries to start; trying again next round');
    expect(waits).toEqual([100, 200]); // full jitter with random() → 1: the ceilings themselves
    expect(attempts).toEqual([1, 2]);

    // One 409 left, then that other print finishes and the slice-and-print goes through.
    await whileBusy('start', () => client.slice('part.stl', 'part.gcode', true), ctx);
    expect(await client.job()).toEqual({ state: 'Printing', file: { name: 'part.gcode', path: 'part.gcode', origin: 'local' } });

    // Anything but 409 is not retried.
    let calls = 0;
    await expect(whileBusy('upload', async () => { calls += 1; throw new OctoPrintError(500, 'boom'); }, ctx)).rejects.toMatchObject({ status: 500 });
    expect(calls).toBe(1);
  });

  it('refuses to overwrite the file being printed (409)', async () => {
    await expect(client.upload('part.gcode', stl)).rejects.toMatchObject({ status: 409 });
  });
});
