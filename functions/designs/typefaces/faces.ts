// The typefaces lettering can be cut in: OFL outline fonts from the npm registry
// (@expo-google-fonts ships Google Fonts' whole static TTFs: one file per face, full kerning).
// One weight per family, chosen heavy enough that its strokes print at small sizes.

export interface TypefaceSpec {
  /** The value of a design's `font` choice. */
  id: string;
  /** What a customer reads in the choice. */
  label: string;
  /** How a message names it: "the serif's hairlines". */
  noun: string;
  /** What its thinnest strokes are called in a message. */
  thinnest: string;
  /** npm package and path inside it of the TTF. */
  module: string;
  /** The file's own name: shipped beside the Lambda bundle under this name. */
  file: string;
  /** Height of its capital H, font units (a test checks it against the font). */
  capHeight: number;
  /** Its thinnest stroke in font units, as measureThinnestStroke finds it (a test keeps it true). */
  thinnestStroke: number;
}

export const TYPEFACES: readonly TypefaceSpec[] = Object.freeze([
  {
    id: 'sans', label: 'Sans (Noto Sans)', noun: 'the sans', thinnest: 'thinnest strokes',
    module: '@expo-google-fonts/noto-sans/600SemiBold/NotoSans_600SemiBold.ttf', file: 'NotoSans_600SemiBold.ttf', capHeight: 714, thinnestStroke: 61.9,
  },
  {
    id: 'serif', label: 'Serif (Noto Serif)', noun: 'the serif', thinnest: 'hairlines',
    module: '@expo-google-fonts/noto-serif/600SemiBold/NotoSerif_600SemiBold.ttf', file: 'NotoSerif_600SemiBold.ttf', capHeight: 714, thinnestStroke: 37.0,
  },
  {
    id: 'rounded', label: 'Rounded (Comfortaa)', noun: 'the rounded face', thinnest: 'thinnest strokes',
    module: '@expo-google-fonts/comfortaa/700Bold/Comfortaa_700Bold.ttf', file: 'Comfortaa_700Bold.ttf', capHeight: 781, thinnestStroke: 51.9,
  },
]);

export const DEFAULT_TYPEFACE = 'sans';

/** The spec of a typeface id, or undefined for an id no face has. */
export const typefaceSpec = (id: string): TypefaceSpec | undefined => TYPEFACES.find((face) => face.id === id);

/** The `options` of a design's `font` choice. */
export const typefaceOptions = (): { value: string; label: string }[] => TYPEFACES.map(({ id, label }) => ({ value: id, label }));
