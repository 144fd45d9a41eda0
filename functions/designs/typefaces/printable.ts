// Whether a typeface's strokes print at a letter height: its thinnest stroke scaled to the
// letters must be at least as wide as the line a nozzle draws. Read from the figures kept in
// faces.ts, so the rule needs no font loaded.
import { TYPEFACES, type TypefaceSpec } from './faces.ts';

/** Width of the line a standard 0.4 mm nozzle lays down, mm: thinner strokes vanish or smear. */
export const NOZZLE_MM = 0.4;

/** Width in mm of the face's thinnest stroke at cap height `height` mm. */
export const thinnestAt = (face: TypefaceSpec, height: number): number => (face.thinnestStroke * height) / face.capHeight;

/** Smallest letter height on a grid (min + k × step) at which the face's strokes print. */
export const smallestPrintableHeight = (face: TypefaceSpec, min: number, step: number): number => {
  const exact = (NOZZLE_MM * face.capHeight) / face.thinnestStroke;
  return Math.max(min, Number((min + Math.ceil((exact - min) / step - 1e-9) * step).toFixed(3)));
};

const mm = (value: number): string => `${Number(value.toFixed(2))} mm`;

/**
 * The customer's message when the face's strokes are too thin at this height, else null.
 * @example strokeMessage(serif, 5, { min: 5, max: 12, step: 0.5 })
 * // -> "At 5 mm the serif's hairlines are 0.26 mm, thinner than a 0.4 mm nozzle can print: choose 8 mm letters or the sans."
 */
export const strokeMessage = (face: TypefaceSpec, height: number, range: { min: number; max: number; step: number }): string | null => {
  const thinnest = thinnestAt(face, height);
  if (thinnest >= NOZZLE_MM) return null;
  const larger = smallestPrintableHeight(face, range.min, range.step);
  const others = TYPEFACES.filter((other) => other.id !== face.id && thinnestAt(other, height) >= NOZZLE_MM).map((other) => other.noun);
  const remedies = [...(larger <= range.max ? [`${mm(larger)} letters`] : []), ...others];
  const remedy = remedies.length > 1 ? `${remedies.slice(0, -1).join(', ')} or ${remedies.at(-1)}` : remedies[0] ?? 'another typeface';
  return `At ${mm(height)} ${face.noun}'s ${face.thinnest} are ${mm(thinnest)}, thinner than a ${NOZZLE_MM} mm nozzle can print: choose ${remedy}.`;
};
