// A loaded typeface: its parsed font and what lettering needs from it, in font units: cap
// height, advances, kerning, glyph outlines (cached per tolerance) and its thinnest stroke.
import type { Font, parse as Parse } from 'opentype.js/dist/opentype.mjs';
import type { TypefaceSpec } from './faces.ts';
import { kerningOf, scriptOf, type Kerning } from './kerning.ts';
import { contoursBounds, glyphContours, type Contour } from './outline.ts';
import { thinnestStroke } from './stroke-width.ts';

/** Letters and digits whose strokes stand for the face when its thinnest stroke is measured. */
const STROKE_SAMPLE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const MAX_CACHED = 4000;

export interface Typeface {
  spec: TypefaceSpec;
  /** Height of a capital H in font units: a letter height of h mm scales the font by h / capHeight. */
  capHeight: number;
  /** The thinnest stroke of its letters and digits, font units (measured once, kept in faces.ts). */
  thinnestStroke: number;
  /** Whether the font's character map has the character. */
  hasGlyph(char: string): boolean;
  /** Glyph id, advance width (font units) of a character. */
  glyph(char: string): { id: number; advance: number };
  /** Kerning between two glyph ids, font units, under the script of the right-hand character. */
  kern(left: number, right: number, rightChar: string): number;
  /** The outline of a glyph id flattened to within `tolerance` font units. */
  contours(id: number, tolerance: number): Contour[];
}

/**
 * Measures the thinnest stroke of the face's letters and digits, font units: seconds of work,
 * so it is done once (a test checks the figure kept in faces.ts against it).
 */
export const measureThinnestStroke = (face: Typeface): number => {
  const sample = [...STROKE_SAMPLE].filter((c) => face.hasGlyph(c)).map((c) => face.contours(face.glyph(c).id, face.capHeight / 500));
  return thinnestStroke(sample, face.capHeight / 400);
};

/**
 * Parses font bytes into a Typeface with opentype.js's `parse` (passed in, so the parser is
 * loaded only where a face is: the page's main thread never carries it). Throws when the
 * bytes are not a font with an H.
 */
export const createTypeface = (spec: TypefaceSpec, bytes: Uint8Array, parse: typeof Parse): Typeface => {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const font: Font = parse(buffer, { lowMemory: true });
  const kerning: Kerning = kerningOf(font, bytes);
  const cache = new Map<string, Contour[]>();
  const glyphOf = (char: string) => font.charToGlyph(char);
  const contours = (id: number, tolerance: number): Contour[] => {
    const key = `${id}@${tolerance.toPrecision(3)}`;
    let found = cache.get(key);
    if (!found) {
      if (cache.size >= MAX_CACHED) cache.clear();
      found = glyphContours(font.glyphs.get(id).path.commands, tolerance);
      cache.set(key, found);
    }
    return found;
  };
  const h = contoursBounds(contours(glyphOf('H').index, 0.5));
  if (!h) throw new Error(`typeface "${spec.id}": the font has no capital H to take its cap height from`);
  const capHeight = h[3] - h[1];
  return {
    spec,
    capHeight,
    thinnestStroke: spec.thinnestStroke,
    hasGlyph: (char) => font.hasChar(char),
    glyph: (char) => {
      const glyph = glyphOf(char);
      return { id: glyph.index, advance: glyph.advanceWidth ?? 0 };
    },
    kern: (left, right, rightChar) => kerning(left, right, scriptOf(rightChar)),
    contours,
  };
};
