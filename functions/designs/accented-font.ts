// The Hershey simplex font with composed accented letters: each is its base glyph plus a
// mark drawn with a few strokes, in the font's own units (capitals 0-21, lower case 0-14,
// baseline 0). JSCAD's vectorText accepts the result as its `font` option.
import simplex from '@jscad/modeling/src/text/fonts/single-line/hershey/simplex.js';
import { COMPOSED, type Mark } from './font.ts';

/** A glyph: advance width, then x, y pairs; `undefined` ends one polyline. */
type Glyph = (number | undefined)[];
type Font = { height: number } & Record<number, Glyph>;

const polylinesOf = (glyph: Glyph): [number, number][][] => {
  const lines: [number, number][][] = [[]];
  for (let i = 1; i < glyph.length; i += 2) {
    if (glyph[i] === undefined || glyph[i] === null) {
      lines.push([]);
      i--;
      continue;
    }
    lines[lines.length - 1].push([glyph[i]!, glyph[i + 1]!]);
  }
  return lines.filter((line) => line.length);
};

const glyphOf = (width: number, lines: [number, number][][]): Glyph =>
  lines.reduce<Glyph>((glyph, line, i) => [...glyph, ...(i ? [undefined] : []), ...line.flat()], [width]);

/** The mark's strokes, centred on x = cx, sitting on y = top (or hanging from y = 0 for a cedilla). */
const markStrokes = (mark: Mark, cx: number, top: number): [number, number][][] => {
  const y = top + 2;
  switch (mark) {
    case 'acute':
      return [[[cx - 1, y], [cx + 2, y + 4]]];
    case 'grave':
      return [[[cx + 1, y], [cx - 2, y + 4]]];
    case 'circumflex':
      return [[[cx - 3, y], [cx, y + 3], [cx + 3, y]]];
    case 'diaeresis':
      return [[[cx - 3, y + 1]], [[cx + 3, y + 1]]];
    case 'tilde':
      return [[[cx - 4, y], [cx - 2, y + 2], [cx + 2, y], [cx + 4, y + 2]]];
    case 'ring':
      // Open by a hair: a path ending where it starts is not a valid open path to widen;
      // the stroke width closes the gap.
      return [[[cx - 1.5, y], [cx + 1.5, y], [cx + 1.5, y + 3], [cx - 1.5, y + 3], [cx - 1.5, y + 0.5]]];
    case 'cedilla':
      return [[[cx, 0], [cx, -2], [cx + 2, -3], [cx - 1, -5]]];
  }
};

const compose = (font: Font, base: string, mark: Mark): Glyph => {
  const glyph = font[base.charCodeAt(0)];
  let lines = polylinesOf(glyph);
  // An accented i loses its dot: the mark takes its place.
  if (base === 'i') lines = lines.filter((line) => Math.min(...line.map((p) => p[1])) < 15);
  const xs = lines.flat().map((p) => p[0]);
  const top = Math.max(...lines.flat().map((p) => p[1]));
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  return glyphOf(glyph[0]!, [...lines, ...markStrokes(mark, cx, top)]);
};

const base = simplex as unknown as Font;

export const accentedFont: Font = Object.freeze({
  ...base,
  ...Object.fromEntries(Object.entries(COMPOSED).map(([char, { base: letter, mark }]) => [char.charCodeAt(0), compose(base, letter, mark)])),
}) as Font;
