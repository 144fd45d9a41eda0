// Text for engraving and embossing: JSCAD's single-stroke vector font, each stroke widened
// into a 2D outline. The outlines overlap; the kernel unions them exactly in 2D.
import { expansions, geometries, primitives, text as jscadText, type Geom2 } from '../mesh/jscad.ts';
import { extrudeShapes, type Solid } from '../mesh/solid.ts';
import { accentedFont } from './accented-font.ts';

const { vectorText: jscadVectorText } = jscadText;
const { path2 } = geometries;

/** JSCAD's vectorText with the font extended by the composed accented letters. */
const vectorText = (options: { height: number; align?: 'left' | 'center' | 'right' }, value: string) =>
  jscadVectorText({ ...options, font: accentedFont } as Parameters<typeof jscadVectorText>[0], value);

/**
 * The Hershey font draws a capital "H" 1.5× the `height` it is given; we speak in real cap
 * heights (what a customer measures on the print), so every call goes through this ratio.
 */
const capitalPerUnit = (() => {
  const ys = vectorText({ height: 1 }, 'H').flat().map((p) => p[1]);
  return Math.max(...ys) - Math.min(...ys);
})();
const fontSize = (capHeight: number): number => capHeight / capitalPerUnit;

export interface TextOptions {
  /** Cap height of the letters in mm (the height of a capital H, stroke excluded). */
  height: number;
  /** Width of a stroke in mm (a nozzle-friendly 0.8-1.2 mm prints cleanly). */
  stroke: number;
  /** Segments per full circle for round stroke ends; keep it a multiple of 4. */
  segments?: number;
}

export interface TextLayout {
  shapes: Geom2[];
  /** Extent of the drawn text including stroke width, mm, centred on the origin. */
  width: number;
  height: number;
}

/** Lays out one line of text centred on the origin as widened stroke outlines. */
export const layoutText = (value: string, { height, stroke, segments = 12 }: TextOptions): TextLayout => {
  const strokes = vectorText({ height: fontSize(height), align: 'center' }, value);
  const points = strokes.flat();
  if (points.length === 0) return { shapes: [], width: 0, height: 0 };
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const radius = stroke / 2;
  const shapes = strokes.map((polyline) => {
    const centred = polyline.map((p) => [p[0] - cx, p[1] - cy] as [number, number]);
    if (centred.length === 1) return primitives.circle({ radius, center: centred[0], segments });
    return expansions.expand({ delta: radius, corners: 'round', segments }, path2.fromPoints({ closed: false }, centred)) as Geom2;
  });
  return {
    shapes,
    width: Math.max(...xs) - Math.min(...xs) + stroke,
    height: Math.max(...ys) - Math.min(...ys) + stroke,
  };
};

/** Extent in mm [width, height] that `value` takes, stroke included, for layout rules and sizes. */
export const measureText = (value: string, options: TextOptions): { width: number; height: number } => {
  const points = vectorText({ height: fontSize(options.height) }, value).flat();
  if (points.length === 0) return { width: 0, height: 0 };
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return {
    width: Math.max(...xs) - Math.min(...xs) + options.stroke,
    height: Math.max(...ys) - Math.min(...ys) + options.stroke,
  };
};

/** The text as a solid from z = 0 to z = depth, centred on the origin in x and y. */
export const textSolid = (value: string, options: TextOptions & { depth: number }): Solid =>
  extrudeShapes(layoutText(value, options).shapes, options.depth);
