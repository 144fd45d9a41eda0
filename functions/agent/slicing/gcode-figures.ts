// The figures a slicer writes into its own G-code: the closing comments PrusaSlicer (and
// SuperSlicer) put after the last move ("; filament used [g] = 2.71", "; estimated printing
// time (normal mode) = 13m 54s") and the layer changes (";LAYER_CHANGE"). The closing comments
// are read from the file's tail; layers, byte count and sha256 in one streaming pass.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { GcodeFigures } from './types.ts';

/** The closing figures without the layer count (which needs the whole file). */
export type ClosingFigures = Omit<GcodeFigures, 'layers'>;

/**
 * "1d 2h 3m 4s" → 93784; also "13m 54s", "45s". NaN when the text is not such a duration.
 * @example parseDuration('1h 2m 3s') // 3723
 */
export const parseDuration = (text: string): number => {
  const units: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };
  let seconds = 0;
  for (const part of text.trim().split(/\s+/)) {
    const m = /^(\d+(?:\.\d+)?)([dhms])$/.exec(part);
    if (!m) return Number.NaN;
    seconds += Number(m[1]) * units[m[2]];
  }
  return seconds;
};

/** "907.48" or, with several extruders, "907.48, 12.5" → their sum; NaN when not numbers. */
const sumList = (text: string): number => text.split(',').reduce((sum, part) => sum + (part.trim() === '' ? Number.NaN : Number(part)), 0);

const FIGURES = {
  printSeconds: /^; estimated printing time(?: \(normal mode\))? = (.+)$/m,
  filamentMm: /^; filament used \[mm\] = (.+)$/m,
  filamentCm3: /^; filament used \[cm3\] = (.+)$/m,
  filamentGrams: /^; (?:total )?filament used \[g\] = (.+)$/m,
} as const;

/**
 * The closing figures found in G-code text (the whole file or its tail); undefined unless both the
 * print time and the filament length are there, which is how a complete PrusaSlicer G-code ends.
 * A missing [cm3] or [g] line reads as 0 (older slicers, or no filament_density in the profile).
 */
export const parseClosingFigures = (text: string): ClosingFigures | undefined => {
  const read = (pattern: RegExp, parse: (value: string) => number): number | undefined => {
    const value = pattern.exec(text)?.[1];
    if (value === undefined) return undefined;
    const n = parse(value.trim());
    return Number.isFinite(n) ? n : undefined;
  };
  const printSeconds = read(FIGURES.printSeconds, parseDuration);
  const filamentMm = read(FIGURES.filamentMm, sumList);
  if (printSeconds === undefined || filamentMm === undefined) return undefined;
  return {
    printSeconds,
    filamentMm,
    filamentCm3: read(FIGURES.filamentCm3, sumList) ?? 0,
    filamentGrams: read(FIGURES.filamentGrams, sumList) ?? 0,
  };
};

/** The last `bytes` bytes of a file as text (the whole file when shorter), and whether that is the whole file. */
export const readTail = async (path: string, bytes: number): Promise<{ text: string; whole: boolean }> => {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    await file.read(buffer, 0, length, size - length);
    return { text: buffer.toString('utf8'), whole: length === size };
  } finally {
    await file.close();
  }
};

/** Where the closing figures sit: before the config dump PrusaSlicer appends (~10 KB, more with long custom G-code). */
const TAIL_STEPS = [64 * 1024, 1024 * 1024, 16 * 1024 * 1024];

/** The closing figures of a G-code file, read from its tail; undefined when it has none (incomplete). */
export const readClosingFigures = async (path: string): Promise<ClosingFigures | undefined> => {
  for (const step of TAIL_STEPS) {
    const tail = await readTail(path, step);
    const figures = parseClosingFigures(tail.text);
    if (figures) return figures;
    if (tail.whole) return undefined;
  }
  return undefined;
};

/** Counts ";LAYER_CHANGE" lines in a stream of G-code chunks (a line may span chunks). */
export class LayerCounter {
  #layers = 0;
  #carry = '';

  push(chunk: string): void {
    const text = this.#carry + chunk;
    const lines = text.split('\n');
    this.#carry = lines.pop() ?? '';
    for (const line of lines) if (line.trimEnd() === ';LAYER_CHANGE') this.#layers++;
  }

  /** The count, the last unterminated line included. */
  get layers(): number {
    return this.#layers + (this.#carry.trimEnd() === ';LAYER_CHANGE' ? 1 : 0);
  }
}

/** Layer count, byte count and sha256 of a G-code file, in one pass. */
export const scanGcode = async (path: string): Promise<{ layers: number; bytes: number; sha256: string }> => {
  const hash = createHash('sha256');
  const counter = new LayerCounter();
  let bytes = 0;
  const stream = createReadStream(path);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    counter.push(chunk.toString('latin1'));
  }
  return { layers: counter.layers, bytes, sha256: hash.digest('hex') };
};

/** Every figure of a finished G-code file; undefined when its closing figures are missing. */
export const readGcodeFigures = async (path: string): Promise<(GcodeFigures & { bytes: number; sha256: string }) | undefined> => {
  const closing = await readClosingFigures(path);
  if (!closing) return undefined;
  return { ...closing, ...(await scanGcode(path)) };
};
