// Options and config file: precedence, the key from the environment, the printer and slicer
// settings (the old OctoPrint spelling included), and messages that say what to write instead.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAgentArgs } from '../../functions/agent/args.ts';
import { parseBuildVolume, readConfigFile, resolveConfig } from '../../functions/agent/config.ts';
import { main } from '../../functions/agent/main.ts';
import { captureSink } from '../support/agent-harness.ts';

describe('agent config', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-config-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const write = async (name: string, data: unknown, mode = 0o600) => {
    const path = join(dir, name);
    await writeFile(path, typeof data === 'string' ? data : JSON.stringify(data));
    await chmod(path, mode);
    return path;
  };

  it('merges defaults, file, environment and flags, later ones winning', async () => {
    const file = await readConfigFile(
      await write('agent.json', {
        apiUrl: 'https://atelier.example/',
        materials: ['pla', 'PETG'],
        buildVolume: { x: 250, y: 210, z: 210 },
        pollSeconds: 60,
        downloadDir: 'jobs',
        printer: { kind: 'moonraker', url: 'http://klipper.local' },
        slicer: { profile: 'profiles/mk3s.ini' },
      }),
    );
    const { flags } = parseAgentArgs(['--material', 'TPU,PLA', '--poll', '15', '--start', '--slicer', 'superslicer', '--storage-origin', 'https://files.example/']);
    const config = resolveConfig({ file, flags, env: { ATELIER_SHOP_KEY: 'ak_from_env', PRINTER_API_KEY: 'moon' }, cwd: '/srv/shop' }, true);
    expect(config).toEqual({
      apiUrl: 'https://atelier.example',
      shopKey: 'ak_from_env',
      materials: ['TPU', 'PLA'],
      buildVolume: { x: 250, y: 210, z: 210 },
      pollSeconds: 15,
      autoClaim: true,
      maxOpenJobs: 1,
      downloadDir: '/srv/shop/jobs',
      printer: { kind: 'moonraker', url: 'http://klipper.local', apiKey: 'moon' },
      slicer: { profile: '/srv/shop/profiles/mk3s.ini', binary: 'superslicer' },
      storageOrigin: 'https://files.example',
      start: true,
      once: false,
      insecureOk: false,
    });
  });

  it('takes a two-colour profile from the flag or the file, checked like the main one', async () => {
    const file = await readConfigFile(await write('two.json', { apiUrl: 'https://atelier.example/', slicer: { profile: 'atelier-pla-0.4n-0.2mm', twoColourProfile: 'mmu.ini' } }));
    const env = { ATELIER_SHOP_KEY: 'ak_x' };
    expect(resolveConfig({ file, env, cwd: '/srv/shop' }, false).slicer).toEqual({ profile: 'atelier-pla-0.4n-0.2mm', twoColourProfile: '/srv/shop/mmu.ini', binary: 'prusa-slicer' });
    const { flags } = parseAgentArgs(['--profile', 'atelier-petg-0.4n-0.2mm', '--two-colour-profile', 'atelier-petg-0.4n-0.2mm-2c']);
    expect(resolveConfig({ file, flags, env }, false).slicer).toMatchObject({ twoColourProfile: 'atelier-petg-0.4n-0.2mm-2c' });
    expect(() => resolveConfig({ file, flags: { ...flags, twoColourProfile: 'two colours!' }, env }, false)).toThrow('must be a reference profile (atelier-pla-0.4n-0.2mm-2c, ');
  });

  it('takes the key from a flag over the environment over the file', () => {
    const base = { file: { apiUrl: 'http://localhost:3000', shopKey: 'ak_file' } };
    expect(resolveConfig(base, false).shopKey).toBe('ak_file');
    expect(resolveConfig({ ...base, env: { ATELIER_SHOP_KEY: 'ak_env' } }, false).shopKey).toBe('ak_env');
    expect(resolveConfig({ ...base, env: { ATELIER_SHOP_KEY: 'ak_env' }, flags: { shopKey: 'ak_flag' } }, false).shopKey).toBe('ak_flag');
  });

  it('says exactly what is missing or wrong', async () => {
    const env = { ATELIER_SHOP_KEY: 'ak' };
    const api = { apiUrl: 'http://localhost:3000' };
    expect(() => resolveConfig({ env }, false)).toThrow('the Atelier API URL is missing: pass --api-url');
    expect(() => resolveConfig({ flags: api }, false)).toThrow('set ATELIER_SHOP_KEY in the environment');
    expect(() => resolveConfig({ flags: api, env }, true)).toThrow('say which filament is loaded: --material PLA');
    expect(() => resolveConfig({ flags: { ...api, materials: ['PLA'] }, env }, true)).toThrow("give this printer's build volume: --build-volume 250x210x210");
    expect(resolveConfig({ flags: { ...api, autoClaim: false }, env }, true).autoClaim).toBe(false); // then neither is needed
    expect(() => resolveConfig({ flags: { ...api, materials: ['NYLON'] }, env }, false)).toThrow('--material: unknown material "NYLON"; use PLA, PETG, ASA, TPU');
    expect(() => resolveConfig({ flags: { ...api, pollSeconds: '2' }, env }, false)).toThrow('--poll must be a whole number from 5 to 300, not "2"');
    expect(() => resolveConfig({ flags: { apiUrl: 'localhost:3000' }, env }, false)).toThrow('must use http or https');
    const profile = 'atelier-pla-0.4n-0.2mm';
    expect(() => resolveConfig({ flags: { ...api, octoprintUrl: 'http://octopi.local', profile }, env }, false)).toThrow('OctoPrint needs an API key: set PRINTER_API_KEY (or OCTOPRINT_API_KEY)');
    expect(() => resolveConfig({ flags: { ...api, octoprintUrl: 'http://octopi.local' }, env: { ...env, OCTOPRINT_API_KEY: 'k' } }, false)).toThrow('a printer prints G-code, so the agent slices each job: give a slicer profile');
    expect(() => resolveConfig({ flags: { ...api, printerUrl: 'http://k.local', profile }, env }, false)).toThrow('say which kind of printer http://k.local is: --printer-kind octoprint|moonraker|prusalink');
    expect(() => resolveConfig({ flags: { ...api, printerUrl: 'http://k.local', printerKind: 'bambu', profile }, env }, false)).toThrow('--printer-kind must be one of octoprint, moonraker, prusalink, not "bambu"');
    expect(() => resolveConfig({ flags: { ...api, printerKind: 'prusalink', printerUrl: 'http://mk4.local', profile }, env }, false)).toThrow('PrusaLink needs an API key in PRINTER_API_KEY or a password in PRINTER_PASSWORD');
    expect(() => resolveConfig({ flags: { ...api, profile: 'my profile!' }, env }, false)).toThrow('must be a reference profile (atelier-pla-0.4n-0.2mm, ');
    expect(() => resolveConfig({ flags: { ...api, storageOrigin: 'https://files.example/bucket' }, env }, false)).toThrow('--storage-origin must be an origin such as https://files.example, without a path');
    expect(() => resolveConfig({ flags: { ...api, start: true }, env }, false)).toThrow('--start needs a printer');
    expect(() => resolveConfig({ file: { ...api, buildVolume: { x: 250, y: 210 } as never }, env }, false)).toThrow('buildVolume must be an object with x, y and z in mm');
    await expect(readConfigFile(await write('typo.json', { apiUrl: 'x', pollSecond: 5 }))).rejects.toThrow('unknown key "pollSecond"');
    await expect(readConfigFile(await write('typo2.json', { printer: { kind: 'moonraker', adress: 'x' } }))).rejects.toThrow('unknown key "printer.adress"');
    await expect(readConfigFile(await write('both.json', { printer: {}, octoprint: {} }))).rejects.toThrow('has both "printer" and the old "octoprint"');
    await expect(readConfigFile(await write('broken.json', '{ "apiUrl": '))).rejects.toThrow('is not valid JSON');
    await expect(readConfigFile(join(dir, 'missing.json'))).rejects.toThrow('cannot read config file');
  });

  it('keeps the old OctoPrint spelling working: "octoprint" / --octoprint-url and OCTOPRINT_API_KEY mean kind octoprint', async () => {
    const env = { ATELIER_SHOP_KEY: 'ak', OCTOPRINT_API_KEY: 'octo' };
    const slicer = { profile: 'atelier-pla-0.4n-0.2mm' };
    const file = { apiUrl: 'http://localhost:3000', octoprint: { url: 'http://octopi.local' }, slicer };
    expect(resolveConfig({ file, env }, false)).toMatchObject({ printer: { kind: 'octoprint', url: 'http://octopi.local', apiKey: 'octo' }, slicer: { ...slicer, binary: 'prusa-slicer' } });
    const flags = parseAgentArgs(['--octoprint-url', 'http://octopi.local', '--profile', 'atelier-pla-0.4n-0.2mm']).flags;
    expect(resolveConfig({ file: { apiUrl: 'http://localhost:3000' }, flags, env }, false).printer).toEqual({ kind: 'octoprint', url: 'http://octopi.local', apiKey: 'octo' });
    // PRINTER_API_KEY wins; OCTOPRINT_API_KEY is not given to another kind of printer.
    expect(resolveConfig({ file, env: { ...env, PRINTER_API_KEY: 'new' } }, false).printer?.apiKey).toBe('new');
    const moon = { apiUrl: 'http://localhost:3000', printer: { kind: 'moonraker', url: 'http://klipper.local' }, slicer };
    expect(resolveConfig({ file: moon, env }, false).printer).toEqual({ kind: 'moonraker', url: 'http://klipper.local', apiKey: null });
  });

  it('checks the slicer and the profile on start, before any claim: exit 2 with how to fix it', async () => {
    const run = async (extra: string[]) => {
      const stderr = captureSink();
      const code = await main({
        argv: ['--once', '--api-url', 'http://127.0.0.1:9', '--material', 'PLA', '--build-volume', '250x210x210', '--download-dir', dir, ...extra],
        env: { ATELIER_SHOP_KEY: 'ak' }, stdout: captureSink(), stderr, signal: new AbortController().signal,
        fetch: async () => { throw new Error('no API call expected'); },
      });
      return { code, err: stderr.text() };
    };
    expect(await run(['--profile', 'atelier-pla-0.4n-0.2mm', '--slicer', join(dir, 'no-such-slicer')])).toEqual({
      code: 2,
      err: `agent: slicer "${join(dir, 'no-such-slicer')}" not found: install PrusaSlicer (sudo apt-get install -y prusa-slicer, or https://www.prusa3d.com/prusaslicer/) or set the slicer binary to its full path\n`,
    });
    const missing = await run(['--profile', join(dir, 'nope.ini')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.ini');
  });

  it('warns when a config file holding a key is readable by others', async () => {
    const warnings: string[] = [];
    await readConfigFile(await write('open.json', { shopKey: 'ak_secret' }, 0o644), (w) => warnings.push(w));
    await readConfigFile(await write('closed.json', { shopKey: 'ak_secret' }, 0o600), (w) => warnings.push(w));
    expect(warnings).toEqual([expect.stringContaining('chmod 600')]);
  });

  it('parses build volumes and commands', () => {
    expect(parseBuildVolume('250x210x210')).toEqual({ x: 250, y: 210, z: 210 });
    expect(parseBuildVolume('180×180×180')).toEqual({ x: 180, y: 180, z: 180 });
    expect(() => parseBuildVolume('250x210')).toThrow('three sizes in mm as XxYxZ');
    expect(parseAgentArgs([]).command).toEqual({ name: 'run' });
    expect(parseAgentArgs(['status', 'abc', 'shipped', '--tracking', 'DHL 1']).command).toEqual({ name: 'status', id: 'abc', status: 'shipped', tracking: 'DHL 1' });
    expect(parseAgentArgs(['reject', 'abc', '--reason', 'printer_busy']).command).toEqual({ name: 'reject', id: 'abc', reason: 'printer_busy', note: undefined });
    expect(parseAgentArgs(['jobs', '--json']).command).toEqual({ name: 'jobs', json: true });
    expect(parseAgentArgs(['retry', 'abc']).command).toEqual({ name: 'retry', id: 'abc' });
    expect(parseAgentArgs(['jobs', '-h']).command).toEqual({ name: 'help' });
    expect(() => parseAgentArgs(['claim'])).toThrow('usage: agent claim ID');
    expect(parseAgentArgs(['claim', '--', '-x3Fq']).command).toEqual({ name: 'claim', id: '-x3Fq' }); // "--" still ends the options
    expect(() => parseAgentArgs(['print', 'abc'])).toThrow('unknown command "print"');
    expect(() => parseAgentArgs(['--colour', 'red'])).toThrow("Unknown option '--colour'");
    expect(() => parseAgentArgs(['--auto-claim', '--no-auto-claim'])).toThrow('contradict');
  });
});
