// The benchmark's largest configurations of a lettered design, one set per typeface: the
// longest accepted text at the largest sizes, filled with the face's widest glyph (what the
// length rules allow least of), and with its busiest glyph (the most outline points per mm of
// line: what costs the kernel most for a given length). Typefaces must be loaded first.
import { isDrawable } from '../../functions/designs/typefaces/coverage.ts';
import { CURVE_TOLERANCE_MM } from '../../functions/designs/typefaces/layout.ts';
import { typeface } from '../../functions/designs/typefaces/registry.ts';
import { largestParams } from '../../functions/designs/kit/largest-params.ts';
import { NAME_CHARACTERS } from '../../functions/designs/kit/name-characters.ts';
import type { AnyDesign, ChoiceParam, Params } from '../../functions/designs/types.ts';

export interface LetteringConfig {
  /** e.g. "largest serif W": the face and the glyph the text is made of. */
  label: string;
  params: Params;
  backedOff: string[];
}

/** Flattened at the tolerance a 10 mm letter gets: relative cost between glyphs, not exact. */
const REFERENCE_HEIGHT_MM = 10;

/** The choice a design's text is lettered in, if it has one. */
export const fontChoice = (design: AnyDesign): ChoiceParam | undefined => {
  const text = design.params.find((spec) => spec.type === 'text' && spec.letteredIn);
  const key = text?.type === 'text' ? text.letteredIn : undefined;
  const choice = design.params.find((spec) => spec.key === key);
  return choice?.type === 'choice' ? choice : undefined;
};

/** The face's widest and busiest glyph among the characters names are drawn from. */
export const extremeGlyphs = (font: string): { widest: string; busiest: string } => {
  const face = typeface(font);
  const tolerance = (CURVE_TOLERANCE_MM * face.capHeight) / REFERENCE_HEIGHT_MM;
  const glyphs = NAME_CHARACTERS.filter((char) => char.trim() && isDrawable(face, char)).map((char) => {
    const { id, advance } = face.glyph(char);
    const points = face.contours(id, tolerance).reduce((sum, contour) => sum + contour.length, 0);
    return { char, advance, density: points / advance };
  });
  const top = (score: (g: (typeof glyphs)[number]) => number) => glyphs.reduce((best, g) => (score(g) > score(best) ? g : best)).char;
  return { widest: top((g) => g.advance), busiest: top((g) => g.density) };
};

/** Largest params per face of the design's font choice, widest and busiest text; [] without one. */
export const letteringConfigurations = (design: AnyDesign): LetteringConfig[] => {
  const choice = fontChoice(design);
  if (!choice) return [];
  return choice.options.flatMap(({ value: font }) => {
    const { widest, busiest } = extremeGlyphs(font);
    return [...new Set([widest, busiest])].map((fill) => ({ label: `largest ${font} ${fill}`, ...largestParams(design, { fixed: { [choice.key]: font }, fill }) }));
  });
};
