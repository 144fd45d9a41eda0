// Letters in a second colour, shared by the designs that offer it: the `colours` parameter and
// the two bodies a two-colour build returns, a base (slot 0) and its letters (slot 1). Raised
// letters stand on the base's top face; engraved ones are an inlay filling the engraving flush
// with the top. The bodies touch and never overlap, so each prints as its own part.
import { withWhole, type Bodies } from '../mesh/bodies.ts';
import { difference, union, type Solid } from '../mesh/solid.ts';
import type { Body, ChoiceParam } from './types.ts';

export const COLOURS_PARAM: ChoiceParam = {
  key: 'colours', type: 'choice', unit: 'choice', label: 'Colours',
  help: 'Two colours print the letters in a second filament (shops with a multi-material printer)',
  options: [{ value: 'one', label: 'One colour' }, { value: 'two', label: 'Letters in a second colour' }],
  default: 'one',
};

/**
 * Places the letters on the base's face: from `offset` to `offset + depth` mm along the face's
 * outward normal (0 is the face itself, negative goes into the base).
 */
export type LettersAt = (offset: number, depth: number) => Solid;

/**
 * The base and letters bodies for letters of relief `depth`.
 * @example twoColourBodies(plate, (o, d) => translate([0, 0, 3 + o], textSolid('ANNA', { height: 8, stroke: 1.1, depth: d })), 'raised', 1)
 */
export const twoColourBodies = (base: Solid, lettersAt: LettersAt, style: string, depth: number): Bodies => {
  if (style === 'raised') {
    const bodies: Body[] = [
      { role: 'base', label: 'Base', colourSlot: 0, solid: base },
      { role: 'letters', label: 'Letters', colourSlot: 1, solid: lettersAt(0, depth) },
    ];
    // The whole, as the one-colour sign builds it: letters sunk 0.01 mm into the face.
    return withWhole(bodies, union(base, lettersAt(-0.01, depth + 0.01)));
  }
  // The cutter pokes out of the face so no skin is left over the engraving; the inlay fills
  // the engraving exactly, flush with the face.
  const bodies: Body[] = [
    { role: 'base', label: 'Base', colourSlot: 0, solid: difference(base, lettersAt(-depth, depth + 0.5)) },
    { role: 'letters', label: 'Letters', colourSlot: 1, solid: lettersAt(-depth, depth) },
  ];
  // Filled flush, the whole is the base before engraving.
  return withWhole(bodies, base);
};
