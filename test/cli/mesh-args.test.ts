// `npm run mesh` argument parsing and schema-driven conversion of key=value text.
import { describe, expect, it } from 'vitest';
import { paramsFromAssignments, parseMeshArgs } from '../../functions/cli/mesh-args.ts';
import { defineDesign } from '../../functions/designs/types.ts';

const design = defineDesign<{ width: number; label: string; finish: string }>({
  id: 'test-box',
  version: 1,
  name: 'Test box',
  description: 'Only for CLI tests.',
  params: [
    { key: 'width', type: 'number', unit: 'mm', label: 'Width', help: '', min: -10, max: 10, step: 0.5, default: 1 },
    { key: 'label', type: 'text', unit: 'text', label: 'Label', help: '', minLength: 1, maxLength: 9, default: 'A' },
    { key: 'finish', type: 'choice', unit: 'choice', label: 'Finish', help: '', default: 'a', options: [{ value: 'a', label: 'A' }] },
  ],
  rules: [],
  budget: { maxTriangles: 1, maxSegments: 1 },
  size: () => [1, 1, 1],
  build: () => {
    throw new Error('not built in CLI tests');
  },
});

describe('parseMeshArgs', () => {
  it('parses a design, its key=value pairs and --out with the format from the extension', () => {
    // act
    const command = parseMeshArgs(['name-tag', 'text=ADA', 'letterHeight=10', '--out', 'out/tag.3MF']);

    // assert
    expect(command).toEqual({
      kind: 'build',
      designId: 'name-tag',
      assignments: { text: 'ADA', letterHeight: '10' },
      out: { path: 'out/tag.3MF', format: '3mf' },
    });
  });

  it('accepts --out=FILE and -o FILE, options before the design, and a stray --', () => {
    expect(parseMeshArgs(['--out=a.stl', 'planter'])).toEqual({ kind: 'build', designId: 'planter', assignments: {}, out: { path: 'a.stl', format: 'stl' } });
    expect(parseMeshArgs(['--', 'planter', '-o', 'b.stl'])).toMatchObject({ out: { path: 'b.stl', format: 'stl' } });
  });

  it('builds without writing when --out is absent', () => {
    expect(parseMeshArgs(['planter'])).toEqual({ kind: 'build', designId: 'planter', assignments: {} });
  });

  it('splits at the first "=" only and keeps spaces and empty values', () => {
    const command = parseMeshArgs(['name-tag', 'text=A=B C', 'style=']);

    expect(command).toMatchObject({ assignments: { text: 'A=B C', style: '' } });
  });

  it('keeps "__proto__" as an ordinary key (it reaches the validator as unknown)', () => {
    const command = parseMeshArgs(['name-tag', '__proto__=1']);

    expect(command.kind).toBe('build');
    if (command.kind === 'build') expect(Object.keys(command.assignments)).toEqual(['__proto__']);
  });

  it.each([
    [['--help'], { kind: 'help' }],
    [['name-tag', 'text=A', '-h'], { kind: 'help' }],
    [['--list'], { kind: 'list' }],
  ])('%j → %j', (argv, expected) => {
    expect(parseMeshArgs(argv)).toEqual(expected);
  });

  it.each([
    [[], /name a design/],
    [['--list', 'name-tag'], /--list takes no other arguments/],
    [['name-tag', '--out'], /--out needs a file name/],
    [['name-tag', '--out='], /--out needs a file name/],
    [['name-tag', '--out', 'tag.obj'], /must end in \.stl or \.3mf/],
    [['name-tag', '--verbose'], /unknown option --verbose/],
    [['name-tag', 'planter'], /expected key=value after the design, got "planter"/],
    [['name-tag', '=5'], /no parameter name/],
    [['name-tag', 'text=A', 'text=B'], /text is given twice/],
  ] as [string[], RegExp][])('refuses %j', (argv, message) => {
    const command = parseMeshArgs(argv);

    expect(command.kind).toBe('usage-error');
    if (command.kind === 'usage-error') expect(command.message).toMatch(message);
  });
});

describe('paramsFromAssignments', () => {
  it('turns decimal text into numbers for number params only', () => {
    const params = paramsFromAssignments(design, { width: '-2.5', label: '42', finish: 'a' });

    expect(params).toEqual({ width: -2.5, label: '42', finish: 'a' });
  });

  it.each(['1', '+1', '0.5', '.5', '5.', '1e1', '-0', ' 3 '])('reads %j as a number', (text) => {
    expect(typeof paramsFromAssignments(design, { width: text }).width).toBe('number');
    expect(paramsFromAssignments(design, { width: text }).width).toBe(Number(text));
  });

  it.each(['', ' ', 'abc', '12mm', '0x10', 'Infinity', 'NaN', '1,5', '1e', '--1'])('leaves %j as text, so the validator says "type"', (text) => {
    expect(paramsFromAssignments(design, { width: text }).width).toBe(text);
  });

  it('passes unknown keys through as text', () => {
    expect(paramsFromAssignments(design, { depth: '3' })).toEqual({ depth: '3' });
  });
});
