// The colour a multi-part 3MF names for each filament slot: the palette's default per slot
// (a white base with black letters), so a slicer opening the file shows what an order gets
// unless the customer chose otherwise (the job names the chosen colours; the shop loads those).
import { DEFAULT_SLOT_COLOURS, findColour } from '../domain/colours.ts';

/** CSS '#rrggbb' of the default colour of `slot` (0 = first filament). */
export const slotColour = (slot: number): string =>
  findColour(DEFAULT_SLOT_COLOURS[slot % DEFAULT_SLOT_COLOURS.length])?.hex ?? '#808080';
