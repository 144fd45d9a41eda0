// One line of lettering in a loaded typeface: glyphs placed by their advances and the font's
// own kerning, scaled so a capital H is exactly the letter height, centred on the origin.
// Each glyph becomes one 2D shape holding all its contours; the kernel fills it with the
// nonzero rule (holes stay open, overlapping contours merge) and unions the glyphs.
import { geometries, type Geom2 } from '../../mesh/jscad.ts';
import type { Contour } from './outline.ts';
import type { Typeface } from './typeface.ts';

const { geom2 } = geometries;

/** Largest distance a flattened curve strays from the true one, mm: a 0.4 mm nozzle cannot show it. */
export const CURVE_TOLERANCE_MM = 0.02;

export interface LetteringOptions {
  typeface: Typeface;
  /** Cap height in mm: the height of a capital H on the print. */
  height: number;
}

export interface Lettering {
  /** One shape per drawn glyph, mm, centred on the origin. */
  shapes: Geom2[];
  /** Extent of the ink, mm. */
  width: number;
  height: number;
}

interface Placed {
  contours: Contour[];
  x: number;
}

/** Glyph outlines in font units at their pen positions, and the ink's bounds. */
const place = (value: string, { typeface: face, height }: LetteringOptions) => {
  const tolerance = (CURVE_TOLERANCE_MM * face.capHeight) / height;
  const placed: Placed[] = [];
  let pen = 0;
  let previous: number | undefined;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const char of value) {
    const { id, advance } = face.glyph(char);
    if (previous !== undefined) pen += face.kern(previous, id, char);
    const contours = face.contours(id, tolerance);
    for (const contour of contours) {
      for (const [x, y] of contour) {
        minX = Math.min(minX, x + pen);
        maxX = Math.max(maxX, x + pen);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
    if (contours.length) placed.push({ contours, x: pen });
    pen += advance;
    previous = id;
  }
  return { placed, bounds: placed.length ? [minX, minY, maxX, maxY] : null, scale: height / face.capHeight };
};

/** The contours of one glyph as a JSCAD 2D shape, scaled and moved (mm). */
const shapeOf = (contours: Contour[], scale: number, dx: number, dy: number): Geom2 =>
  geom2.create(
    contours.flatMap((contour) =>
      contour.map((point, i) => {
        const next = contour[(i + 1) % contour.length];
        return [
          [point[0] * scale + dx, point[1] * scale + dy],
          [next[0] * scale + dx, next[1] * scale + dy],
        ];
      }),
    ) as never,
  );

/**
 * Lays out one line of text centred on the origin.
 * @example layoutText('Łódź', { typeface: typeface('sans'), height: 8 }).width // -> about 20 mm
 */
export const layoutLettering = (value: string, options: LetteringOptions): Lettering => {
  const { placed, bounds, scale } = place(value, options);
  if (!bounds) return { shapes: [], width: 0, height: 0 };
  const [minX, minY, maxX, maxY] = bounds;
  const [cx, cy] = [(minX + maxX) / 2, (minY + maxY) / 2];
  return {
    shapes: placed.map((glyph) => shapeOf(glyph.contours, scale, (glyph.x - cx) * scale, -cy * scale)),
    width: (maxX - minX) * scale,
    height: (maxY - minY) * scale,
  };
};

/** Extent in mm of the ink `value` takes, without building shapes. */
export const measureLettering = (value: string, options: LetteringOptions): { width: number; height: number } => {
  const { bounds, scale } = place(value, options);
  if (!bounds) return { width: 0, height: 0 };
  return { width: (bounds[2] - bounds[0]) * scale, height: (bounds[3] - bounds[1]) * scale };
};
