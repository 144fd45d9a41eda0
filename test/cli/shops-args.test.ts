// Argument parsing of `npm run shops`: good input becomes a shop, bad input a clear UsageError.
import { describe, expect, it } from 'vitest';
import { parseShopsArgs, UsageError } from '../../functions/cli/shops-args.ts';

describe('parseShopsArgs', () => {
  it('parses an add with rates in EUR into integer cents', () => {
    const command = parseShopsArgs(['add', '--name', 'Lab', '--lat', '52.5', '--lon', '13.4', '--materials', 'pla,PETG', '--build-volume', '250x210x210', '--rates', 'PLA=60:2.5', '--setup-fee', '3.5']);
    expect(command).toEqual({
      kind: 'add',
      shop: {
        name: 'Lab', lat: 52.5, lon: 13.4, materials: ['PLA', 'PETG'], buildVolume: { x: 250, y: 210, z: 210 },
        rates: { PLA: { perKgCents: 6000, perHourCents: 250 } }, setupFeeCents: 350,
      },
    });
  });

  it.each([
    [['add', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '1x1x1'], /--name/],
    [['add', '--name', 'x', '--lat', 'north', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100x100'], /--lat must be a number/],
    [['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'WOOD', '--build-volume', '100x100x100'], /WOOD/],
    [['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100'], /250x210x210/],
    [['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100x100', '--rates', 'TPU=1:1'], /TPU, which is not in --materials/],
    [['disable'], /needs a shop id/],
    [['explode'], /unknown command/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseShopsArgs(argv)).toThrow(UsageError);
    expect(() => parseShopsArgs(argv)).toThrow(message);
  });

  it('treats no command as a request for help', () => {
    expect(parseShopsArgs([])).toEqual({ kind: 'help' });
  });
});
