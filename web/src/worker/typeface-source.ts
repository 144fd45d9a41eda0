// Where the mesh worker gets typefaces: Vite emits each TTF as its own hashed file, and the
// worker fetches only the face a customer chooses, the first time a build needs it.
// Bytes per face (TTF as served; gzip/brotli on the wire is less): see README "Typefaces".
import comfortaa from '@expo-google-fonts/comfortaa/700Bold/Comfortaa_700Bold.ttf?url';
import notoSans from '@expo-google-fonts/noto-sans/600SemiBold/NotoSans_600SemiBold.ttf?url';
import notoSerif from '@expo-google-fonts/noto-serif/600SemiBold/NotoSerif_600SemiBold.ttf?url';
import type { FontSource } from '../../../functions/designs/typefaces/font-source.ts';

const URLS: Record<string, string> = { sans: notoSans, serif: notoSerif, rounded: comfortaa };

/** Fetches a face's TTF from the site; fails with the status when the file is missing. */
export const fetchTypeface: FontSource = async (face) => {
  const url = URLS[face.id];
  if (!url) throw new Error(`no font file for typeface "${face.id}"`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`typeface "${face.id}": ${url} answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
};
