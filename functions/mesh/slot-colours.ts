// The colour each filament slot is drawn in until a customer chooses: what the preview shows
// and what a multi-part 3MF names as each part's display colour (slicers show it; the shop
// loads the filament the order names).

/** CSS '#rrggbb' per slot: the house blue, then an off-white for letters, then spares. */
export const SLOT_COLOURS: readonly string[] = ['#2c6fbb', '#f4f1ea', '#d9534f', '#3c9d5d'];

/** The colour of a slot, the first one for a slot past the list. */
export const slotColour = (slot: number): string => SLOT_COLOURS[slot] ?? SLOT_COLOURS[0];
