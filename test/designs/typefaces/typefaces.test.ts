// The typefaces as loaded from their npm packages: cap height and thinnest stroke as kept in
// faces.ts, kerning read from GPOS (extension lookups too), coverage from the character map.
import { beforeAll, describe, expect, it } from 'vitest';
import { undrawableCharacters } from '../../../functions/designs/typefaces/coverage.ts';
import { TYPEFACES } from '../../../functions/designs/typefaces/faces.ts';
import { loadTypeface, typeface, TypefaceNotLoadedError } from '../../../functions/designs/typefaces/registry.ts';
import { measureThinnestStroke, type Typeface } from '../../../functions/designs/typefaces/typeface.ts';

const faces: Record<string, Typeface> = {};

beforeAll(async () => {
  for (const spec of TYPEFACES) faces[spec.id] = await loadTypeface(spec.id);
}, 60_000);

describe('typefaces', () => {
  it.each(TYPEFACES.map((spec) => spec.id))('%s: cap height and thinnest stroke in faces.ts are what the font measures', (id) => {
    const face = faces[id];
    expect(face.capHeight).toBeCloseTo(face.spec.capHeight, 6);
    expect(measureThinnestStroke(face)).toBeCloseTo(face.spec.thinnestStroke, 0);
  });

  it('the serif has thinner strokes than the sans (its hairlines)', () => {
    expect(faces.serif.spec.thinnestStroke / faces.serif.capHeight).toBeLessThan(faces.sans.spec.thinnestStroke / faces.sans.capHeight);
  });

  it.each(TYPEFACES.map((spec) => spec.id))('%s: kerns "AV" and "To" tighter than their advances', (id) => {
    const face = faces[id];
    const [a, v, t, o] = ['A', 'V', 'T', 'o'].map((c) => face.glyph(c).id);
    expect(face.kern(a, v, 'V')).toBeLessThan(0);
    expect(face.kern(t, o, 'o')).toBeLessThan(0);
    expect(face.kern(face.glyph('H').id, face.glyph('H').id, 'H')).toBe(0);
  });

  it('the Noto faces kern Greek pairs, the sans Cyrillic ones too (the serif has no Cyrillic kerning)', () => {
    for (const id of ['sans', 'serif']) {
      const face = faces[id];
      expect(face.kern(face.glyph('Γ').id, face.glyph('Α').id, 'Α')).toBeLessThan(0);
    }
    expect(faces.sans.kern(faces.sans.glyph('Г').id, faces.sans.glyph('А').id, 'А')).toBeLessThan(0);
  });

  it('names exactly the characters a face cannot draw', () => {
    const text = 'Łódź Øre Ωμέγα Мир 中\u0301\t★';
    expect(undrawableCharacters(faces.sans, text)).toEqual(['中', '\u0301', '\t', '★']);
    expect(undrawableCharacters(faces.serif, 'Ωμέγα Мир Łódź')).toEqual([]);
  });

  it('refuses to hand out a face no one loaded', () => {
    expect(() => typeface('no-such-face')).toThrow(TypefaceNotLoadedError);
    expect(typeface('sans')).toBe(faces.sans);
  });
});
