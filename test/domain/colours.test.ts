// The palette, the defaults per slot, and the check of a requested colour list (fields colours[i]).
import { describe, expect, it } from 'vitest';
import { colourProblems, coloursText, defaultColours, filamentCount, PALETTE, resolveColours } from '../../functions/domain/colours.ts';

describe('the palette', () => {
  it('has about eight common colours with unique ids and CSS hex', () => {
    expect(PALETTE.length).toBeGreaterThanOrEqual(6);
    expect(new Set(PALETTE.map((c) => c.id)).size).toBe(PALETTE.length);
    for (const c of PALETTE) expect(c.hex).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('colourProblems', () => {
  it('accepts none (the defaults) or one palette colour per slot', () => {
    expect(colourProblems(undefined, 2)).toEqual([]);
    expect(colourProblems(['red', 'white'], 2)).toEqual([]);
    expect(colourProblems(['blue'], 1)).toEqual([]);
  });

  it('names the slot whose colour is not in the palette', () => {
    const errors = colourProblems(['white', 'mauve'], 2);

    expect(errors.map((e) => e.field)).toEqual(['colours[1]']);
    expect(errors[0].message).toMatch(/white, black/);
  });

  it('refuses a list of the wrong length, in words that say how many', () => {
    expect(colourProblems(['white'], 2)).toEqual([{ field: 'colours', message: expect.stringMatching(/takes 2 colours, one per part colour/) }]);
    expect(colourProblems(['white', 'black'], 1)).toEqual([{ field: 'colours', message: expect.stringMatching(/takes one colour/) }]);
  });
});

describe('defaults and counting', () => {
  it('gives a white base and black letters', () => {
    expect(defaultColours(2)).toEqual(['white', 'black']);
    expect(resolveColours(undefined, 1)).toEqual(['white']);
    expect(resolveColours(['red', 'red'], 2)).toEqual(['red', 'red']);
  });

  it('counts filaments, not slots: two slots in one colour load one spool', () => {
    expect(filamentCount(['red', 'red'])).toBe(1);
    expect(filamentCount(['red', 'black'])).toBe(2);
    expect(filamentCount([])).toBe(1);
  });

  it('says the colours per part in words', () => {
    const parts = [{ label: 'Plate', colourSlot: 0 }, { label: 'Letters', colourSlot: 1 }];

    expect(coloursText({ colours: ['white', 'black'], parts })).toBe('Plate White · Letters Black');
    expect(coloursText({ colours: ['blue'], parts: [{ label: 'Planter', colourSlot: 0 }] })).toBe('Blue');
    expect(coloursText({})).toBe('');
  });
});
