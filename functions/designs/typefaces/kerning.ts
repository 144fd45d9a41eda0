// Pair kerning from a font's GPOS table, as the font's designer set it per script.
// opentype.js lists GPOS scripts and features but leaves Extension lookups (type 9) unparsed,
// which is where Noto keeps its class kerning; this reads the pair-adjustment subtables
// (formats 1 and 2, direct or behind an extension) straight from the font's bytes.
import type { Font } from 'opentype.js/dist/opentype.mjs';

const PAIR_ADJUSTMENT = 2;
const EXTENSION = 9;

/** The OpenType script tag kerning is looked up under for a character. */
export const scriptOf = (char: string): string => {
  const code = char.codePointAt(0) ?? 0;
  if ((code >= 0x370 && code <= 0x3ff) || (code >= 0x1f00 && code <= 0x1fff)) return 'grek';
  if (code >= 0x400 && code <= 0x52f) return 'cyrl';
  return 'latn';
};

interface GposLayout {
  scripts: { tag: string; script: { defaultLangSys?: { featureIndexes: number[] } } }[];
  features: { tag: string; feature: { lookupListIndexes: number[] } }[];
}

/** Offset of a table in the font file, or -1. */
const tableOffset = (view: DataView, tag: string): number => {
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + 16 * i;
    const name = String.fromCharCode(view.getUint8(record), view.getUint8(record + 1), view.getUint8(record + 2), view.getUint8(record + 3));
    if (name === tag) return view.getUint32(record + 8);
  }
  return -1;
};

const bits = (n: number): number => (n ? (n & 1) + bits(n >> 1) : 0);

/** Index of a glyph in a coverage table, or -1. */
const coverageIndex = (view: DataView, at: number, glyph: number): number => {
  const format = view.getUint16(at);
  const count = view.getUint16(at + 2);
  for (let i = 0; i < count; i++) {
    if (format === 1) {
      if (view.getUint16(at + 4 + 2 * i) === glyph) return i;
    } else {
      const range = at + 4 + 6 * i;
      const [start, end] = [view.getUint16(range), view.getUint16(range + 2)];
      if (glyph >= start && glyph <= end) return view.getUint16(range + 4) + glyph - start;
    }
  }
  return -1;
};

/** Class of a glyph in a class definition table (0 when not listed). */
const glyphClass = (view: DataView, at: number, glyph: number): number => {
  const format = view.getUint16(at);
  if (format === 1) {
    const [start, count] = [view.getUint16(at + 2), view.getUint16(at + 4)];
    return glyph >= start && glyph < start + count ? view.getUint16(at + 6 + 2 * (glyph - start)) : 0;
  }
  const count = view.getUint16(at + 2);
  for (let i = 0; i < count; i++) {
    const range = at + 4 + 6 * i;
    if (glyph >= view.getUint16(range) && glyph <= view.getUint16(range + 2)) return view.getUint16(range + 4);
  }
  return 0;
};

/** xAdvance of the first value record of a pair subtable at `at` for (left, right), or null when it does not cover them. */
const pairValue = (view: DataView, at: number, left: number, right: number): number | null => {
  const format = view.getUint16(at);
  const covered = coverageIndex(view, at + view.getUint16(at + 2), left);
  if (covered < 0) return null;
  const [format1, format2] = [view.getUint16(at + 4), view.getUint16(at + 6)];
  const size1 = 2 * bits(format1);
  const size2 = 2 * bits(format2);
  const advance = (record: number): number => (format1 & 4 ? view.getInt16(record + 2 * bits(format1 & 3)) : 0);
  if (format === 1) {
    const set = at + view.getUint16(at + 10 + 2 * covered);
    const count = view.getUint16(set);
    for (let i = 0; i < count; i++) {
      const record = set + 2 + i * (2 + size1 + size2);
      if (view.getUint16(record) === right) return advance(record + 2);
    }
    return null;
  }
  const class1 = glyphClass(view, at + view.getUint16(at + 8), left);
  const class2 = glyphClass(view, at + view.getUint16(at + 10), right);
  const class2Count = view.getUint16(at + 14);
  return advance(at + 16 + (class1 * class2Count + class2) * (size1 + size2));
};

/** Per lookup, absolute offsets of its pair-adjustment subtables, extensions unwrapped. */
const pairSubtables = (view: DataView, gpos: number, lookups: number[]): number[][] => {
  const list = gpos + view.getUint16(gpos + 8);
  return lookups.map((index) => {
    const lookup = list + view.getUint16(list + 2 + 2 * index);
    const type = view.getUint16(lookup);
    const count = view.getUint16(lookup + 4);
    const found: number[] = [];
    for (let i = 0; i < count; i++) {
      const sub = lookup + view.getUint16(lookup + 6 + 2 * i);
      if (type === PAIR_ADJUSTMENT) found.push(sub);
      else if (type === EXTENSION && view.getUint16(sub + 2) === PAIR_ADJUSTMENT) found.push(sub + view.getUint32(sub + 4));
    }
    return found;
  });
};

/** Kerning between two glyph ids in font units (negative pulls them together). */
export type Kerning = (left: number, right: number, script: string) => number;

/**
 * A kerning function for a font and its bytes; lookups are gathered once per script.
 * @example const kern = kerningOf(font, bytes); kern(glyphA, glyphV, 'latn') // -> -40
 */
export const kerningOf = (font: Font, bytes: Uint8Array): Kerning => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const gpos = tableOffset(view, 'GPOS');
  const layout = font.tables.gpos as GposLayout | undefined;
  if (gpos < 0 || !layout) return () => 0;
  const byScript = new Map<string, number[][]>();
  const subtablesFor = (tag: string): number[][] => {
    let found = byScript.get(tag);
    if (!found) {
      const script = layout.scripts.find((s) => s.tag === tag) ?? layout.scripts.find((s) => s.tag === 'DFLT');
      const features = (script?.script.defaultLangSys?.featureIndexes ?? []).map((i) => layout.features[i]).filter((f) => f.tag === 'kern');
      found = pairSubtables(view, gpos, features.flatMap((f) => f.feature.lookupListIndexes).sort((a, b) => a - b));
      byScript.set(tag, found);
    }
    return found;
  };
  // Each lookup applies in turn and their adjustments add up; within one lookup the first
  // subtable that covers the pair is the one that counts.
  return (left, right, script) => {
    let total = 0;
    for (const lookup of subtablesFor(script)) {
      for (const subtable of lookup) {
        const value = pairValue(view, subtable, left, right);
        if (value !== null) {
          total += value;
          break;
        }
      }
    }
    return total;
  };
};
