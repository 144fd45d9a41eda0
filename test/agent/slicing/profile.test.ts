// Profiles: reference ids and paths resolve, a shop's file is checked before the slicer sees it,
// and the committed reference profiles say what Atelier assumes (bed, nozzle, layers, densities).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATERIAL_IDS, MATERIALS } from '../../../functions/domain/materials.ts';
import { ProfileError } from '../../../functions/agent/slicing/errors.ts';
import {
  parseBedShape,
  parseIni,
  PROFILES_DIR,
  readProfile,
  REFERENCE_PROFILES,
  referenceProfileFor,
  resolveProfile,
} from '../../../functions/agent/slicing/profile.ts';

describe('resolveProfile', () => {
  it('finds a reference id in the profiles folder', () => {
    expect(resolveProfile('atelier-pla-0.4n-0.2mm')).toEqual({ path: join(PROFILES_DIR, 'atelier-pla-0.4n-0.2mm.ini'), name: 'atelier-pla-0.4n-0.2mm' });
  });

  it('takes anything with a slash or an .ini extension as a path', () => {
    expect(resolveProfile('/etc/shop/mk4.ini')).toEqual({ path: '/etc/shop/mk4.ini', name: 'mk4' });
    expect(resolveProfile('shop.ini')).toEqual({ path: resolve('shop.ini'), name: 'shop' });
    expect(resolveProfile('./profiles/fast')).toEqual({ path: resolve('profiles/fast'), name: 'fast' });
  });

  it('names the known ids when an id is unknown', () => {
    expect(() => resolveProfile('atelier-nylon-0.4n-0.2mm')).toThrow(/unknown reference profile "atelier-nylon-0.4n-0.2mm"; known: atelier-pla-0.4n-0.2mm/);
    expect(() => resolveProfile(' ')).toThrow(ProfileError);
  });

  it('has one reference profile per material', () => {
    expect(MATERIAL_IDS.map(referenceProfileFor)).toEqual([...REFERENCE_PROFILES]);
    expect(() => referenceProfileFor('NYLON')).toThrow(ProfileError);
  });
});

describe('parseIni and parseBedShape', () => {
  it('reads key = value lines and skips comments', () => {
    expect([...parseIni('# made by hand\nlayer_height = 0.2\n; note\nstart_gcode = G28 ; home\\nG1 Z5\n\nempty =\n')]).toEqual([
      ['layer_height', '0.2'],
      ['start_gcode', 'G28 ; home\\nG1 Z5'],
      ['empty', ''],
    ]);
  });

  it('turns a bed polygon into its box, with the height', () => {
    expect(parseBedShape('0x0,250x0,250x210,0x210', 210)).toEqual({ minX: 0, minY: 0, maxX: 250, maxY: 210, height: 210 });
    expect(parseBedShape('-90x-90,90x-90,90x90,-90x90')).toEqual({ minX: -90, minY: -90, maxX: 90, maxY: 90, height: 0 });
    expect(parseBedShape('round')).toBeUndefined();
  });
});

describe('readProfile', () => {
  let dir: string;
  const write = async (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-profile-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads the bed of a shop config', async () => {
    const path = await write('shop.ini', '# exported\nbed_shape = 0x0,180x0,180x180,0x180\nmax_print_height = 180\nlayer_height = 0.15\n');
    const profile = await readProfile(path);
    expect(profile.name).toBe('shop');
    expect(profile.bed).toEqual({ minX: 0, minY: 0, maxX: 180, maxY: 180, height: 180 });
    expect(profile.settings.get('layer_height')).toBe('0.15');
  });

  it.each([
    ['a missing file', 'nowhere.ini', undefined, /nowhere\.ini: no such file/],
    ['a file that is not .ini', 'shop.3mf', 'layer_height = 0.2\n', /is not a \.ini file/],
    ['binary garbage', 'garbage.ini', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0x10]), /line 1 is not "key = value"/],
    ['prose', 'notes.ini', 'This is my printer.\n', /line 1 is not "key = value": not a PrusaSlicer config/],
    ['a vendor bundle', 'bundle.ini', '[vendor]\nname = X\n[print:fast]\nlayer_height = 0.3\n', /config bundle/],
    ['an SLA config', 'resin.ini', 'printer_technology = SLA\n', /for SLA printers/],
    ['an empty file', 'empty.ini', '# nothing\n', /holds no settings/],
    ['an unreadable bed', 'round.ini', 'bed_shape = round\n', /bed_shape "round"/],
  ])('refuses %s', async (_, name, text, message) => {
    const path = text === undefined ? join(dir, name) : await write(name, text);
    await expect(readProfile(path)).rejects.toThrow(message);
    await expect(readProfile(path)).rejects.toBeInstanceOf(ProfileError);
  });
});

describe('the committed reference profiles', () => {
  it.each(MATERIAL_IDS.map((m) => [m]))('%s: 250×210×210 bed, 0.4 mm nozzle, 0.2 mm layers, 1.75 mm filament at the density Atelier quotes with', async (material) => {
    const id = referenceProfileFor(material);
    const text = await readFile(join(PROFILES_DIR, `${id}.ini`), 'utf8');

    const profile = await readProfile(id);

    expect(text.split('\n')[0]).toMatch(new RegExp(`^# Atelier reference profile ${id}`));
    expect(profile.bed).toEqual({ minX: 0, minY: 0, maxX: 250, maxY: 210, height: 210 });
    expect(profile.settings.get('nozzle_diameter')).toBe('0.4');
    expect(profile.settings.get('layer_height')).toBe('0.2');
    expect(profile.settings.get('filament_diameter')).toBe('1.75');
    expect(Number(profile.settings.get('filament_density'))).toBe(MATERIALS[material].densityGPerCm3);
    expect(profile.settings.get('printer_technology')).toBe('FFF');
  });
});
