// A glyph's outline as closed polygons: TrueType quadratic and CFF cubic curves flattened so
// no point of the curve is further than `tolerance` from the polygon. Contour direction is
// kept: filled with the nonzero rule, holes (o, e, A) stay open and overlapping contours merge.
import type { PathCommand } from 'opentype.js/dist/opentype.mjs';

export type Point = [number, number];
export type Contour = Point[];

/** Segments a quadratic needs: the chord error of n equal steps is |p0 − 2p1 + p2| / (4n²). */
const quadSteps = (x0: number, y0: number, x1: number, y1: number, x2: number, y2: number, tolerance: number): number =>
  Math.max(1, Math.ceil(Math.sqrt(Math.hypot(x0 - 2 * x1 + x2, y0 - 2 * y1 + y2) / (4 * tolerance))));

/** Segments a cubic needs, from the bound on its second derivative (6 × the larger second difference). */
const cubicSteps = (p: number[], tolerance: number): number => {
  const d1 = Math.hypot(p[0] - 2 * p[2] + p[4], p[1] - 2 * p[3] + p[5]);
  const d2 = Math.hypot(p[2] - 2 * p[4] + p[6], p[3] - 2 * p[5] + p[7]);
  return Math.max(1, Math.ceil(Math.sqrt((6 * Math.max(d1, d2)) / (8 * tolerance))));
};

const push = (contour: Contour, x: number, y: number): void => {
  const last = contour[contour.length - 1];
  if (!last || last[0] !== x || last[1] !== y) contour.push([x, y]);
};

/** Drops the closing point that repeats the first, and contours with no area. */
const closeContour = (contour: Contour): Contour | null => {
  const first = contour[0];
  const last = contour[contour.length - 1];
  if (contour.length > 1 && first[0] === last[0] && first[1] === last[1]) contour.pop();
  return contour.length >= 3 ? contour : null;
};

/**
 * Flattens path commands (font units, y up) into closed contours.
 * @example glyphContours(font.charToGlyph('o').path.commands, 2) // -> [outer, hole]
 */
export const glyphContours = (commands: readonly PathCommand[], tolerance: number): Contour[] => {
  const contours: Contour[] = [];
  let current: Contour = [];
  let x = 0;
  let y = 0;
  const finish = (): void => {
    const closed = closeContour(current);
    if (closed) contours.push(closed);
    current = [];
  };
  for (const c of commands) {
    switch (c.type) {
      case 'M':
        finish();
        push(current, (x = c.x), (y = c.y));
        break;
      case 'L':
        push(current, (x = c.x), (y = c.y));
        break;
      case 'Q': {
        const n = quadSteps(x, y, c.x1, c.y1, c.x, c.y, tolerance);
        for (let i = 1; i <= n; i++) {
          const t = i / n;
          const u = 1 - t;
          push(current, u * u * x + 2 * u * t * c.x1 + t * t * c.x, u * u * y + 2 * u * t * c.y1 + t * t * c.y);
        }
        [x, y] = [c.x, c.y];
        break;
      }
      case 'C': {
        const n = cubicSteps([x, y, c.x1, c.y1, c.x2, c.y2, c.x, c.y], tolerance);
        for (let i = 1; i <= n; i++) {
          const t = i / n;
          const u = 1 - t;
          const [a, b, d, e] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
          push(current, a * x + b * c.x1 + d * c.x2 + e * c.x, a * y + b * c.y1 + d * c.y2 + e * c.y);
        }
        [x, y] = [c.x, c.y];
        break;
      }
      case 'Z':
        finish();
        break;
    }
  }
  finish();
  return contours;
};

/** Bounding box [minX, minY, maxX, maxY] of contours, or null when there are none. */
export const contoursBounds = (contours: readonly Contour[]): [number, number, number, number] | null => {
  if (contours.length === 0) return null;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const contour of contours) {
    for (const [px, py] of contour) {
      if (px < minX) minX = px;
      if (px > maxX) maxX = px;
      if (py < minY) minY = py;
      if (py > maxY) maxY = py;
    }
  }
  return [minX, minY, maxX, maxY];
};
