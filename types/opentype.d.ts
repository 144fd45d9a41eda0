// opentype.js 2.0 ships no type declarations; these cover the part the typefaces module reads.
// Its ES module build is imported by path: the package's `main` is a CommonJS bundle whose
// named exports Node cannot see, and it has no `exports` map.
declare module 'opentype.js/dist/opentype.mjs' {
  export type PathCommand =
    | { type: 'M' | 'L'; x: number; y: number }
    | { type: 'Q'; x1: number; y1: number; x: number; y: number }
    | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
    | { type: 'Z' };

  export interface Glyph {
    index: number;
    name?: string;
    unicode?: number;
    advanceWidth?: number;
    path: { commands: PathCommand[] };
  }

  export interface ValueRecord {
    xAdvance?: number;
  }

  export interface PairSubtable {
    posFormat: 1 | 2;
    coverage: unknown;
    pairSets?: { secondGlyph: number; value1?: ValueRecord }[][];
    classDef1?: unknown;
    classDef2?: unknown;
    classRecords?: { value1?: ValueRecord }[][];
  }

  export interface Lookup {
    lookupType: number;
    subtables: (PairSubtable | { lookupType: number; extension: PairSubtable })[];
  }

  export interface Font {
    unitsPerEm: number;
    numGlyphs: number;
    glyphs: { get(index: number): Glyph };
    names: Record<string, Record<string, string>>;
    tables: { os2?: { sCapHeight?: number }; gpos?: unknown; [name: string]: unknown };
    charToGlyph(char: string): Glyph;
    charToGlyphIndex(char: string): number;
    hasChar(char: string): boolean;
    position: {
      getLookupTables(script: string, language: string | undefined, feature: string, lookupType: number): Lookup[];
      getCoverageIndex(coverage: unknown, glyphIndex: number): number;
      getGlyphClass(classDef: unknown, glyphIndex: number): number;
    };
  }

  export function parse(buffer: ArrayBuffer, options?: { lowMemory?: boolean }): Font;
}
