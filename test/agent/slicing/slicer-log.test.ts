// What PrusaSlicer prints, sorted into warnings and errors (lines as 2.5 prints them).
import { describe, expect, it } from 'vitest';
import { readSlicerLog, summarizeErrors } from '../../../functions/agent/slicing/slicer-log.ts';

describe('readSlicerLog', () => {
  it('keeps nothing from a clean run', () => {
    const stdout = '10 => Processing triangulated mesh\n70 => Infilling layers\n90 => Exporting G-code to x.gcode\nSlicing result exported to x.gcode\n';
    const stderr = '[2026-12-05 14:14:21.286324] [0x00007fe1f2f38d80] [trace]   Initializing StaticPrintConfigs\n';
    expect(readSlicerLog(stdout, stderr)).toEqual({ warnings: [], errors: [] });
  });

  it('takes warnings from log lines, once each, without the internal noise', () => {
    const out = [
      '[2026-12-05 14:16:17.4] [0x7f] [warning] Detected non-planar Voronoi diagram, input polygons will be rotated back and forth.',
      '[2026-12-05 14:16:17.5] [0x7f] [warning] Filament cooling: layer time below the minimum',
      '[2026-12-05 14:16:17.6] [0x7f] [warning] Filament cooling: layer time below the minimum',
    ].join('\n');
    expect(readSlicerLog(out).warnings).toEqual(['Filament cooling: layer time below the minimum']);
  });

  it("joins a print warning's lines into one (as PrusaSlicer 2.5 prints it)", () => {
    const stdout = [
      '90 => Exporting G-code to gap.gcode',
      'print warning: Empty layer between 2 and 6.2.',
      '',
      'Object name: gap.stl',
      '',
      'Make sure the object is printable. This is usually caused by negligibly small extrusions or by a faulty model.',
      'Slicing result exported to gap.gcode',
    ].join('\n');
    expect(readSlicerLog(stdout)).toEqual({
      warnings: [
        'Empty layer between 2 and 6.2. Object name: gap.stl Make sure the object is printable. This is usually caused by negligibly small extrusions or by a faulty model.',
      ],
      errors: [],
    });
  });

  it('reads errors from log lines, plain messages and uncaught exceptions', () => {
    const stderr = [
      '[2026-12-05 14:14:53.079398] [0x00007fb869011d80] [error]   Unable to open the file',
      'bad.3mf: Loading of a model file failed.',
      "terminate called after throwing an instance of 'Slic3r::RuntimeError'",
      '  what():  Objects could not fit on the bed',
    ].join('\n');
    const log = readSlicerLog('', stderr);
    expect(log.errors).toEqual(['Unable to open the file', 'bad.3mf: Loading of a model file failed.', 'Objects could not fit on the bed']);
    expect(summarizeErrors(log)).toBe('Unable to open the file; bad.3mf: Loading of a model file failed.; Objects could not fit on the bed');
    expect(summarizeErrors(log, 21)).toBe('Unable to open the f…');
  });
});
