// Filament colours: the palette a customer picks from, the default per colour slot, and the
// check of a requested colour list against the slots a configuration has. Pure.
import type { FieldError } from './errors.ts';

/** A palette colour id ("white", "black", ...): what the shop loads, by name. */
export type ColourId = string;

export interface FilamentColour {
  id: ColourId;
  /** The customer's and the shop's word for it. */
  name: string;
  /** CSS hex, #rrggbb, for swatches and the preview. */
  hex: string;
}

/** The common filament colours every shop can get; display order. */
export const PALETTE: readonly Readonly<FilamentColour>[] = Object.freeze([
  { id: 'white', name: 'White', hex: '#f4f4f0' },
  { id: 'black', name: 'Black', hex: '#1d1d1f' },
  { id: 'grey', name: 'Grey', hex: '#8a8d91' },
  { id: 'red', name: 'Red', hex: '#c8102e' },
  { id: 'orange', name: 'Orange', hex: '#f28c28' },
  { id: 'yellow', name: 'Yellow', hex: '#f5c400' },
  { id: 'green', name: 'Green', hex: '#2e8b3d' },
  { id: 'blue', name: 'Blue', hex: '#1f5fbf' },
].map((c) => Object.freeze(c)));

/** Default colour per slot: a white base with black letters, then the rest of the palette. */
export const DEFAULT_SLOT_COLOURS: readonly ColourId[] = Object.freeze(['white', 'black', 'red', 'blue']);

/** The palette entry for an id, or undefined. */
export const findColour = (id: unknown): Readonly<FilamentColour> | undefined =>
  typeof id === 'string' ? PALETTE.find((c) => c.id === id) : undefined;

/** The colour's name for people ("White"); the id itself when it is not in the palette (old data). */
export const colourName = (id: ColourId): string => findColour(id)?.name ?? id;

/** The default colours for a configuration with `slots` colour slots. */
export function defaultColours(slots: number): ColourId[] {
  return Array.from({ length: slots }, (_, i) => DEFAULT_SLOT_COLOURS[i % DEFAULT_SLOT_COLOURS.length]);
}

/** How many different filaments a job loads: slots that share a colour print from one spool. */
export const filamentCount = (colours: readonly ColourId[]): number => Math.max(1, new Set(colours).size);

/** The colour slots of an item's parts: one more than the highest slot, at least 1. */
export const slotCount = (parts: readonly { colourSlot: number }[]): number => Math.max(1, ...parts.map((p) => p.colourSlot + 1));

/**
 * What is wrong with a requested colour list for a configuration with `slots` colour slots:
 * none (undefined) takes the defaults; otherwise one palette id per slot. A single-colour
 * design accepts one colour or none. Field names are `colours` and `colours[i]`.
 */
export function colourProblems(colours: readonly unknown[] | undefined, slots: number): FieldError[] {
  if (colours === undefined) return [];
  if (colours.length !== slots) {
    const want = slots === 1 ? 'one colour' : `${slots} colours, one per part colour`;
    return [{ field: 'colours', message: `this configuration takes ${want} (or none for the defaults), got ${colours.length}` }];
  }
  const names = PALETTE.map((c) => c.id).join(', ');
  return colours.flatMap((c, i) =>
    findColour(c) ? [] : [{ field: `colours[${i}]`, message: `not a colour we print in; choose one of ${names}` }],
  );
}

/** The colours a job prints in: the requested ones (already checked) or the slots' defaults. */
export function resolveColours(colours: readonly ColourId[] | undefined, slots: number): ColourId[] {
  return colours === undefined ? defaultColours(slots) : [...colours];
}

/**
 * The colours of a job in words, for a shop and a customer: "White" for one part,
 * "Plate White · Letters Black" for several; "" when the order predates colours.
 */
export function coloursText(job: { colours?: readonly ColourId[]; parts?: readonly { label: string; colourSlot: number }[] }): string {
  const colours = job.colours ?? [];
  const parts = job.parts ?? [];
  if (colours.length === 0) return '';
  if (parts.length <= 1) return colours.map(colourName).join(' + ');
  return parts.map((p) => `${p.label} ${colourName(colours[p.colourSlot] ?? colours[0])}`).join(' · ');
}
