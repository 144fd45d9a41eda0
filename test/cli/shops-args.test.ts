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
    [['rotate-key'], /rotate-key needs a shop id/],
    [['suspend', 'a', 'b'], /takes one shop id/],
    [['explode'], /unknown command/],
    [['list', '--bogus'], /Unknown option '--bogus'/],
    [['add', '--name'], /--name/],
    [['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100x100', '--setup-fee', '1e14'], /--setup-fee must be at most 1000 EUR/],
    [['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100x100', '--setup-fee', '1000.01'], /--setup-fee must be at most 1000 EUR/],
    [['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100x100', '--setup-fee=-1'], /--setup-fee must be zero or more/],
    [['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100x100', '--rates', 'PLA=100000000000000:1'], /PLA per kg must be at most 1000 EUR/],
    [['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100x100', '--rates', 'PLA=60:101'], /PLA per hour must be at most 100 EUR/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseShopsArgs(argv)).toThrow(UsageError);
    expect(() => parseShopsArgs(argv)).toThrow(message);
  });

  it('accepts the largest fees and rates', () => {
    const command = parseShopsArgs(['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100x100', '--rates', 'PLA=1000:100', '--setup-fee', '1000']);
    expect(command.kind === 'add' && command.shop).toMatchObject({ setupFeeCents: 100_000, rates: { PLA: { perKgCents: 100_000, perHourCents: 10_000 } } });
  });

  it.each(['rotate-key', 'suspend', 'unsuspend', 'disable', 'enable'] as const)('parses %s SHOP_ID', (kind) => {
    expect(parseShopsArgs([kind, 'shop_abc'])).toEqual({ kind, id: 'shop_abc' });
  });

  it('parses a speed factor on add and as its own command', () => {
    const add = parseShopsArgs(['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100x100', '--speed-factor', '1.3']);

    expect(add.kind === 'add' && add.shop.speedFactor).toBe(1.3);
    expect(parseShopsArgs(['speed-factor', 'shop_abc', '0.8'])).toEqual({ kind: 'speed-factor', id: 'shop_abc', speedFactor: 0.8 });
  });

  it.each([
    [['speed-factor', 'shop_abc'], /needs a shop id and a factor/],
    [['speed-factor', 'shop_abc', '1', '2'], /takes a shop id and a factor/],
    [['speed-factor', 'shop_abc', 'fast'], /speed factor must be a number from 0.25 to 4 .* got "fast"/],
    [['speed-factor', 'shop_abc', '4.5'], /from 0.25 to 4/],
    [['speed-factor', 'shop_abc', '0.2'], /from 0.25 to 4/],
    [['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100x100', '--speed-factor', '0'], /from 0.25 to 4/],
  ])('refuses the speed factor in %j', (argv, message) => {
    expect(() => parseShopsArgs(argv)).toThrow(UsageError);
    expect(() => parseShopsArgs(argv)).toThrow(message);
  });

  it('parses webhook SHOP_ID URL, webhook SHOP_ID --remove and webhook SHOP_ID', () => {
    expect(parseShopsArgs(['webhook', 'shop_abc', 'https://shop.example/hook'])).toEqual({ kind: 'webhook', id: 'shop_abc', url: 'https://shop.example/hook', remove: false });
    expect(parseShopsArgs(['webhook', 'shop_abc', '--remove'])).toEqual({ kind: 'webhook', id: 'shop_abc', url: undefined, remove: true });
    expect(parseShopsArgs(['webhook', 'shop_abc'])).toEqual({ kind: 'webhook', id: 'shop_abc', url: undefined, remove: false });
  });

  it.each([
    [['webhook'], /webhook needs a shop id/],
    [['webhook', 'shop_abc', 'https://a.example', 'https://b.example'], /takes a shop id and a URL/],
    [['webhook', 'shop_abc', 'https://a.example', '--remove'], /either a URL or --remove/],
  ])('refuses the webhook command %j', (argv, message) => {
    expect(() => parseShopsArgs(argv)).toThrow(UsageError);
    expect(() => parseShopsArgs(argv)).toThrow(message);
  });

  it('treats no command as a request for help', () => {
    expect(parseShopsArgs([])).toEqual({ kind: 'help' });
  });
});

describe('shop colours', () => {
  it('takes --colours on add and a colours setter', () => {
    const add = parseShopsArgs(['add', '--name', 'x', '--lat', '1', '--lon', '1', '--materials', 'PLA', '--build-volume', '100x100x100', '--colours', '2']);

    expect(add.kind === 'add' && add.shop.colours).toBe(2);
    expect(parseShopsArgs(['colours', 'shop_abc', '4'])).toEqual({ kind: 'colours', id: 'shop_abc', colours: 4 });
  });

  it.each([
    [['colours', 'shop_abc'], /needs a shop id and a number of filaments/],
    [['colours', 'shop_abc', '2', '3'], /takes a shop id and a number/],
    [['colours', 'shop_abc', 'two'], /colours must be a whole number from 1 to 8 .* got "two"/],
    [['colours', 'shop_abc', '1.5'], /colours must be a whole number from 1 to 8/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseShopsArgs(argv)).toThrow(UsageError);
    expect(() => parseShopsArgs(argv)).toThrow(message);
  });
});
