// Which characters a face can letter, from its own character map. A character is drawable
// when the font maps it to a glyph with an outline, or it is a space. Combining marks left
// after NFC are refused: nothing here places a mark on its letter. Control characters too.
import type { Typeface } from './typeface.ts';

const SPACE = /^\p{Zs}$/u;
const NEVER = /^[\p{C}\p{M}]$/u;

/** Whether `char` (one code point) is lettered by `face`. */
export const isDrawable = (face: Typeface, char: string): boolean => {
  if (SPACE.test(char)) return face.hasGlyph(char) || char === ' ';
  if (NEVER.test(char) || !face.hasGlyph(char)) return false;
  return face.contours(face.glyph(char).id, face.capHeight / 50).length > 0;
};

/** Characters of `text` the face cannot draw, each once, in order. */
export const undrawableCharacters = (face: Typeface, text: string): string[] =>
  [...new Set([...text])].filter((char) => !isDrawable(face, char));
