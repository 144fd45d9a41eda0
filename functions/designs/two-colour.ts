// Letters in a second colour, shared by the designs that offer it: the `colours` parameter and
// the two bodies a two-colour build returns, a base (slot 0) and its letters (slot 1). Raised
// letters stand on the base's top face; engraved ones are an inlay filling the engraving flush
// with the top. The bodies touch and never overlap, so each prints as its own part.
import { difference, translate, type Solid } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';
import type { Body, ChoiceParam } from './types.ts';

export const COLOURS_PARAM: ChoiceParam = {
  key: 'colours', type: 'choice', unit: 'choice', label: 'Colours',
  help: 'Two colours print the letters in a second filament (shops with a multi-material printer)',
  options: [{ value: 'one', label: 'One colour' }, { value: 'two', label: 'Letters in a second colour' }],
  default: 'one',
};

/**
 * The base and letters bodies. `letters(h)` gives the letters from z = 0 to z = h; `at` is where
 * their origin goes on the base's top face (x, y, top z); `depth` is the relief.
 * @example twoColourBodies(plate, (h) => textSolid('ANNA', { height: 8, stroke: 1.1, depth: h }), [0, 0, 3], 'raised', 1)
 */
export const twoColourBodies = (base: Solid, letters: (height: number) => Solid, at: Vec3, style: string, depth: number): Body[] => {
  if (style === 'raised') {
    return [
      { role: 'base', label: 'Base', colourSlot: 0, solid: base },
      { role: 'letters', label: 'Letters', colourSlot: 1, solid: translate(at, letters(depth)) },
    ];
  }
  // The cutter pokes 0.01 mm out of the top so no skin is left over the engraving; the inlay
  // fills it exactly, its top flush with the base's.
  const below = [at[0], at[1], at[2] - depth] as Vec3;
  const inlay = translate(below, letters(depth));
  return [
    { role: 'base', label: 'Base', colourSlot: 0, solid: difference(base, translate(below, letters(depth + 0.01))) },
    { role: 'letters', label: 'Letters', colourSlot: 1, solid: inlay },
  ];
};
