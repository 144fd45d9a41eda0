// How thin a typeface's strokes get: scanlines in four directions cross each glyph, and every
// run inside the outline (nonzero rule) whose two edges are nearly parallel and square to the
// scan is the width of a stroke. Tapering tips (converging edges) and grazing cuts (edges along
// the scan) are not strokes and are skipped. The thinnest of those widths is what a nozzle has
// to draw.
import type { Contour } from './outline.ts';

/** Edges may lean this far from square to the scan (tan 22.5°): four directions cover them all. */
const MAX_LEAN = Math.tan(Math.PI / 8);
/** The two edges of a stroke differ in lean by at most this much: otherwise it is a taper. */
const MAX_SPREAD = 0.12;
const DIRECTIONS = [0, Math.PI / 4, Math.PI / 2, (3 * Math.PI) / 4];

interface Crossing {
  x: number;
  /** +1 or −1: the edge's direction across the scan, for the winding count. */
  winding: number;
  /** dx/dy of the edge: its lean from square to the scan. */
  lean: number;
}

const rotated = (contours: readonly Contour[], angle: number): Contour[] => {
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  return contours.map((contour) => contour.map(([x, y]): [number, number] => [x * c - y * s, x * s + y * c]));
};

const crossingsAt = (contours: readonly Contour[], y: number): Crossing[] => {
  const found: Crossing[] = [];
  for (const contour of contours) {
    for (let i = 0; i < contour.length; i++) {
      const [ax, ay] = contour[i];
      const [bx, by] = contour[(i + 1) % contour.length];
      if (ay === by || y < Math.min(ay, by) || y >= Math.max(ay, by)) continue;
      const lean = (bx - ax) / (by - ay);
      found.push({ x: ax + (y - ay) * lean, winding: by > ay ? 1 : -1, lean });
    }
  }
  return found.sort((a, b) => a.x - b.x);
};

/** Widths of the strokes one horizontal scanline crosses. */
const strokesAt = (contours: readonly Contour[], y: number): number[] => {
  const widths: number[] = [];
  let winding = 0;
  let entry: Crossing | undefined;
  for (const crossing of crossingsAt(contours, y)) {
    const before = winding;
    winding += crossing.winding;
    if (before === 0 && winding !== 0) entry = crossing;
    else if (before !== 0 && winding === 0 && entry) {
      const { lean: a } = entry;
      const { lean: b } = crossing;
      if (Math.abs(a) <= MAX_LEAN && Math.abs(b) <= MAX_LEAN && Math.abs(a - b) <= MAX_SPREAD) {
        const lean = (a + b) / 2;
        widths.push((crossing.x - entry.x) / Math.sqrt(1 + lean * lean));
      }
    }
  }
  return widths;
};

/**
 * The thinnest stroke of a set of glyph outlines, in their units, scanned every `spacing` units.
 * @example thinnestStroke([contoursOf('o')], 4) // -> the 'o' at its thinnest, top and bottom
 */
export const thinnestStroke = (glyphs: readonly Contour[][], spacing: number): number => {
  let thinnest = Infinity;
  for (const glyph of glyphs) {
    for (const angle of DIRECTIONS) {
      const turned = rotated(glyph, angle);
      const ys = turned.flat().map((p) => p[1]);
      const [low, high] = [Math.min(...ys), Math.max(...ys)];
      for (let y = low + spacing / 2; y < high; y += spacing) {
        for (const width of strokesAt(turned, y)) thinnest = Math.min(thinnest, width);
      }
    }
  }
  return thinnest;
};
