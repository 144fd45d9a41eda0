// JSCAD parameter definitions → our schema: every type jscad.app offers, mapped or reported as
// a finding naming the parameter; values go back to main() in the types the script expects.
import { describe, expect, it } from 'vitest';
import { guessUnit, mapParameters } from '../../../functions/designs/jscad/param-map.ts';

describe('mapParameters', () => {
  it('maps int, float, number and slider to numbers with their range, step and initial', () => {
    const { params, findings } = mapParameters([
      { name: 'count', type: 'int', caption: 'Number of holes:', min: 1, max: 9, initial: 3 },
      { name: 'width', type: 'float', caption: 'Width (mm):', min: 10, max: 50, step: 0.5, initial: 20 },
      { name: 'angle', type: 'number', caption: 'Tilt angle:', min: 0, max: 45, step: 5, initial: 15 },
      { name: 'height', type: 'slider', caption: 'Height', min: 5, max: 30, initial: 10 },
    ]);

    expect(findings).toEqual([]);
    expect(params).toEqual([
      { key: 'count', label: 'Number of holes', help: '', type: 'number', unit: 'count', min: 1, max: 9, step: 1, default: 3 },
      { key: 'width', label: 'Width', help: '', type: 'number', unit: 'mm', min: 10, max: 50, step: 0.5, default: 20 },
      { key: 'angle', label: 'Tilt angle', help: '', type: 'number', unit: 'deg', min: 0, max: 45, step: 5, default: 15 },
      { key: 'height', label: 'Height', help: '', type: 'number', unit: 'mm', min: 5, max: 30, step: 1, default: 10 },
    ]);
  });

  it('maps choice and radio to choices, giving main() back the original values, numbers included', () => {
    const mapping = mapParameters([
      { name: 'screw', type: 'choice', caption: 'Screw:', values: [3, 4, 5], captions: ['M3', 'M4', 'M5'], initial: 4 },
      { name: 'shape', type: 'radio', values: ['round', 'square'], initial: 'square' },
    ]);

    expect(mapping.findings).toEqual([]);
    expect(mapping.params[0]).toMatchObject({ type: 'choice', unit: 'choice', options: [{ value: '3', label: 'M3' }, { value: '4', label: 'M4' }, { value: '5', label: 'M5' }], default: '4' });
    expect(mapping.params[1]).toMatchObject({ type: 'choice', options: [{ value: 'round', label: 'round' }, { value: 'square', label: 'square' }], default: 'square' });
    expect(mapping.toScript({ screw: '5', shape: 'round' })).toEqual({ screw: 5, shape: 'round' });
  });

  it('maps a checkbox to a Yes/No choice and gives main() a boolean', () => {
    const mapping = mapParameters([{ name: 'lid', type: 'checkbox', caption: 'With lid:', checked: true }]);

    expect(mapping.params).toEqual([{ key: 'lid', label: 'With lid', help: '', type: 'choice', unit: 'choice', options: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }], default: 'yes' }]);
    expect(mapping.toScript({ lid: 'no' })).toEqual({ lid: false });
    expect(mapping.toScript({ lid: 'yes' })).toEqual({ lid: true });
  });

  it('maps text only when the wrapper says how much room there is', () => {
    const definition = { name: 'label', type: 'text', caption: 'Label:', initial: 'HI', maxLength: 40 };

    const without = mapParameters([definition]);
    const withRoom = mapParameters([definition], { label: { maxLength: 12, minLength: 1 } });

    expect(without.params).toEqual([]);
    expect(without.findings).toEqual([expect.objectContaining({ kind: 'jscad-param', param: 'label', message: expect.stringContaining('maxLength') })]);
    expect(withRoom.findings).toEqual([]);
    expect(withRoom.params).toEqual([{ key: 'label', label: 'Label', help: '', type: 'text', unit: 'text', minLength: 1, maxLength: 12, default: 'HI' }]);
  });

  it('applies overrides: label, help, unit, a narrower range, option labels', () => {
    const { params, findings } = mapParameters(
      [
        { name: 'teeth', type: 'int', caption: 'Teeth', min: 6, max: 100, initial: 12 },
        { name: 'style', type: 'choice', values: ['a', 'b'], captions: ['A', 'B'] },
      ],
      { teeth: { label: 'Gear teeth', help: 'More teeth, finer mesh', max: 40, unit: 'count' }, style: { optionLabels: { b: 'Bold' } } },
    );

    expect(findings).toEqual([]);
    expect(params[0]).toMatchObject({ label: 'Gear teeth', help: 'More teeth, finer mesh', min: 6, max: 40, unit: 'count', default: 12 });
    expect(params[1]).toMatchObject({ options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'Bold' }], default: 'a' });
  });

  it('reports every definition it cannot map, naming the parameter and what to do', () => {
    const mapping = mapParameters(
      [
        { name: 'g', type: 'group', caption: 'Sizes' },
        { name: 'colour', type: 'color', initial: '#ff0000' },
        { name: 'when', type: 'date', initial: '2020-01-01' },
        { name: 'mail', type: 'email', initial: '' },
        { name: 'site', type: 'url', initial: '' },
        { name: 'secret', type: 'password', initial: '' },
        { name: 'open', type: 'float', initial: 2 },
        { name: 'nostep', type: 'float', min: 0, max: 1, initial: 0.5 },
        { name: 'mixed', type: 'choice', values: [1, { x: 1 }] },
        { name: 'twice', type: 'choice', values: [1, '1'] },
        { name: 'stray', type: 'radio', values: ['a', 'b'], initial: 'c' },
        { type: 'int', min: 0, max: 3 },
      ],
      { nothere: { label: 'X' } },
      { alsonot: 1 },
    );

    const byParam = Object.fromEntries(mapping.findings.map((f) => [f.param, f.message]));
    expect(mapping.params).toEqual([]);
    expect(mapping.findings.every((f) => f.kind === 'jscad-param')).toBe(true);
    expect(byParam.g).toMatch(/group "g" cannot be offered.*fixed: \{ g: null \}/);
    for (const [name, type] of [['colour', 'color'], ['when', 'date'], ['mail', 'email'], ['site', 'url'], ['secret', 'password']])
      expect(byParam[name]).toContain(`${type} "${name}" cannot be offered`);
    expect(byParam.open).toMatch(/needs both min and max/);
    expect(byParam.nostep).toMatch(/has no step/);
    expect(byParam.mixed).toMatch(/each text or a number/);
    expect(byParam.twice).toMatch(/distinct values/);
    expect(byParam.stray).toMatch(/not one of its values/);
    expect(byParam['#12']).toMatch(/has no name/);
    expect(byParam.nothere).toMatch(/overrides "nothere", which the script does not define/);
    expect(byParam.alsonot).toMatch(/pins "alsonot", which the script does not define/);
    // main() still gets a value for each: the initial one.
    expect(mapping.toScript({})).toMatchObject({ colour: '#ff0000', when: '2020-01-01', open: 2, nostep: 0.5 });
  });

  it('lets the wrapper pin a parameter it cannot map, and main() gets the pinned value', () => {
    const mapping = mapParameters([{ name: 'g', type: 'group' }, { name: 'colour', type: 'color', initial: '#ff0000' }, { name: 'size', type: 'int', min: 1, max: 3, initial: 2 }], {}, { g: null, colour: '#00ff00' });

    expect(mapping.findings).toEqual([]);
    expect(mapping.params.map((p) => p.key)).toEqual(['size']);
    expect(mapping.toScript({ size: 3 })).toEqual({ colour: '#00ff00', size: 3 });
  });
});

describe('guessUnit', () => {
  it('reads mm, angles and counts from the name or caption, and falls back to mm', () => {
    expect(guessUnit('wallThickness', 'Wall')).toBe('mm');
    expect(guessUnit('rotation', 'Angle:')).toBe('deg');
    expect(guessUnit('numHoles', '')).toBe('count');
    expect(guessUnit('segments', 'Segments')).toBe('count');
    expect(guessUnit('teeth', 'Number of teeth (mm)')).toBe('mm');
  });
});
