// Lettering laid out in a real face: cap height exact, kerning applied, holes kept open and
// overlapping contours merged when the kernel fills the glyphs.
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutLettering, measureLettering } from '../../../functions/designs/typefaces/layout.ts';
import { glyphContours } from '../../../functions/designs/typefaces/outline.ts';
import { loadTypeface } from '../../../functions/designs/typefaces/registry.ts';
import type { Typeface } from '../../../functions/designs/typefaces/typeface.ts';
import { evaluateSolid } from '../../../functions/mesh/evaluate.ts';
import { measureMesh } from '../../../functions/mesh/measure.ts';
import { extrudeShapes } from '../../../functions/mesh/solid.ts';
import { verifyMesh } from '../../../functions/mesh/verify.ts';

let sans: Typeface;
let serif: Typeface;

beforeAll(async () => {
  [sans, serif] = await Promise.all([loadTypeface('sans'), loadTypeface('serif')]);
}, 60_000);

const extruded = async (text: string, face: Typeface, height: number) => {
  const mesh = await evaluateSolid(extrudeShapes(layoutLettering(text, { typeface: face, height }).shapes, 1));
  return { mesh, measured: measureMesh(mesh), report: verifyMesh(mesh) };
};

describe('flattening', () => {
  it('keeps every point of a quadratic within the tolerance of the polygon', () => {
    const [contour] = glyphContours([{ type: 'M', x: 0, y: 0 }, { type: 'Q', x1: 50, y1: 100, x: 100, y: 0 }, { type: 'Z' }], 0.5);
    // the curve's apex is at (50, 50); the polygon must pass within 0.5 of it
    const nearest = Math.min(...contour.map(([x, y]) => Math.hypot(x - 50, y - 50)));
    expect(nearest).toBeLessThanOrEqual(0.5 + 1e-9);
    expect(contour.length).toBeGreaterThan(8);
  });
});

describe('layoutLettering', () => {
  it.each([5, 8, 12])('draws a capital H exactly %s mm tall', async (height) => {
    for (const face of [sans, serif]) {
      const { measured, report } = await extruded('H', face, height);
      expect(report.ok).toBe(true);
      expect(Math.abs(measured.size[1] - height)).toBeLessThan(0.1);
    }
  });

  it('kerns: "AV" is narrower than "A" and "V" side by side', () => {
    const options = { typeface: sans, height: 10 };
    const a = sans.glyph('A').advance;
    const pair = measureLettering('AV', options).width;
    const unkerned = measureLettering('A', options).width + (a * 10) / sans.capHeight;
    expect(pair).toBeLessThan(unkerned - 0.1);
  });

  it('keeps the holes of o, e and A open: their area is below the filled outline', async () => {
    for (const letter of ['o', 'e', 'A', 'Ø', 'Ф']) {
      const { measured, report } = await extruded(letter, sans, 20);
      expect(report.ok).toBe(true);
      const [w, h] = measured.size;
      // a ring: volume (area × 1 mm) well under the box it fills, and genus shows as a hole
      expect(measured.volume).toBeLessThan(w * h * 0.6);
    }
  });

  it('builds Latin-Extended, Greek and Cyrillic names watertight', async () => {
    for (const face of [sans, serif]) {
      for (const name of ['Łódź', 'Ωμέγα', 'Мир', 'Øre Ærø', 'Ĳsselmeer', 'Şişli']) {
        const { report } = await extruded(name, face, 6);
        expect(report.defects).toEqual([]);
      }
    }
  });

  it('centres the ink on the origin and measures what it lays out', () => {
    const options = { typeface: serif, height: 7 };
    const laid = layoutLettering('Zofia', options);
    expect(measureLettering('Zofia', options)).toEqual({ width: laid.width, height: laid.height });
    expect(laid.shapes).toHaveLength(5);
    expect(layoutLettering('   ', options).shapes).toEqual([]);
  });
});
