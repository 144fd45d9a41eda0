// The shared HTTP rules of the printer adapters: a non-2xx answer becomes a PrinterError with
// the printer's words (JSON error shapes read, HTML dropped, cut to 200 characters), a 2xx
// that is not JSON or is over 1 MB is reported as such, and the caller's own abort is passed through untouched
// rather than dressed up as an unreachable printer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrinterError } from '../../../functions/agent/printers/printer.ts';
import { clipText, createPrinterHttp, errorText, parseJson } from '../../../functions/agent/printers/printer-http.ts';
import { startFakeServer, type FakeServer } from '../../support/printers/fake-server.ts';

describe('printer HTTP', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeServer((_req, url) => {
      if (url.pathname === '/long') return { status: 500, body: `<html><body><h1>Internal error</h1><p>${'x'.repeat(1000)}</p></body></html>` };
      if (url.pathname === '/html-ok') return { status: 200, body: '<html>login page</html>' };
      if (url.pathname === '/huge') return { status: 200, body: 'y'.repeat(3_000_000) };
      return { status: 200, body: { ok: true } };
    });
  });
  afterAll(() => server.close());

  it('turns a non-2xx answer into a PrinterError with the trimmed text', async () => {
    const http = createPrinterHttp({ kind: 'octoprint', url: server.url });
    const error = await http.send({ method: 'GET', path: '/long' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrinterError);
    expect(error).toMatchObject({ status: 500, busy: false });
    const text = (error as Error).message.replace(/^octoprint 500: /, '');
    expect(text.length).toBe(200);
    expect(text.startsWith('Internal error xxx')).toBe(true);
  });

  it('reports a 2xx that is not JSON', async () => {
    const http = createPrinterHttp({ kind: 'moonraker', url: server.url });
    const answer = await http.send({ method: 'GET', path: '/html-ok' });
    expect(() => parseJson('moonraker', answer)).toThrow('moonraker 200: expected JSON, got: login page');
  });

  it('refuses an answer over 1 MB (not a printer API)', async () => {
    const http = createPrinterHttp({ kind: 'moonraker', url: server.url });
    await expect(http.send({ method: 'GET', path: '/huge' })).rejects.toMatchObject({ status: 200, message: expect.stringContaining('over 1000000 bytes') });
  });

  it('passes the caller\'s abort through', async () => {
    const http = createPrinterHttp({ kind: 'prusalink', url: server.url });
    const controller = new AbortController();
    controller.abort(new Error('agent stopping'));
    await expect(http.send({ method: 'GET', path: '/', signal: controller.signal })).rejects.toThrow('agent stopping');
  });

  it('reads the error shapes of the three printers', () => {
    expect(errorText('{"error":{"code":400,"message":"SD busy"}}')).toBe('SD busy');
    expect(errorText('{"error":"Printer is not operational"}')).toBe('Printer is not operational');
    expect(errorText('{"title":"Not in state to print","text":"Printer is not in state to print."}')).toBe('Not in state to print: Printer is not in state to print.');
    expect(errorText('  plain\n text ')).toBe('plain text');
    expect(clipText('')).toBeNull();
    expect(clipText(42)).toBeNull();
  });
});
