// Lettering for the designs with text: the `font` choice they share, the preload they run
// before validating or building, and the text as a solid in the chosen typeface (outline
// fonts with kerning, see typefaces/). The kernel fills each glyph with the nonzero rule.
import { extrudeShapes, type Solid } from '../mesh/solid.ts';
import { DEFAULT_TYPEFACE, typefaceOptions, typefaceSpec } from './typefaces/faces.ts';
import { layoutLettering, measureLettering } from './typefaces/layout.ts';
import { strokeMessage } from './typefaces/printable.ts';
import { prepareTypefaces, typeface } from './typefaces/registry.ts';
import type { ChoiceParam, NumberParam } from './types.ts';

export interface TextOptions {
  /** Id of the typeface (the design's `font` value); it must have been loaded. */
  font: string;
  /** Cap height of the letters in mm: the height of a capital H on the print. */
  height: number;
}

const lettering = ({ font, height }: TextOptions) => ({ typeface: typeface(font), height });

/** The `font` parameter every design with text offers. */
export const fontParam = (help: string): ChoiceParam => ({
  key: 'font', type: 'choice', unit: 'choice', label: 'Typeface', help, options: typefaceOptions(), default: DEFAULT_TYPEFACE,
});

/** A design's `prepare`: loads the typeface its raw params name, before validation and build. */
export const prepareText = (rawParams: unknown): Promise<void> => prepareTypefaces(rawParams, 'font');

/** The nozzle rule for a letter-height parameter: null when the face's strokes print at `height`. */
export const strokeRule = (font: string, height: number, spec: Pick<NumberParam, 'min' | 'max' | 'step'>): string | null => {
  const face = typefaceSpec(font);
  return face ? strokeMessage(face, height, spec) : null;
};

/** Lays out one line of text centred on the origin: one shape per glyph, and its ink extent in mm. */
export const layoutText = (value: string, options: TextOptions) => layoutLettering(value, lettering(options));

/** Extent in mm [width, height] of the ink `value` takes, for layout rules and sizes. */
export const measureText = (value: string, options: TextOptions): { width: number; height: number } =>
  measureLettering(value, lettering(options));

/** The text as a solid from z = 0 to z = depth, centred on the origin in x and y. */
export const textSolid = (value: string, options: TextOptions & { depth: number }): Solid =>
  extrudeShapes(layoutText(value, options).shapes, options.depth);
