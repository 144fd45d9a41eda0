// Desk cable grommet, from a JSCAD script (jscad-scripts/cable-grommet.js) run on our kernel:
// a tube lining a drilled hole, a flange on the desk top and an optional side slot for cables.
// This wrapper adds the help lines, the size promise and the budget; the script's constants
// the size depends on are repeated below.
import type { Vec3 } from '../mesh/types.ts';
import { jscadDesign } from './jscad/jscad-design.ts';
import { cableGrommetScript } from './jscad-scripts/cable-grommet.script.ts';
import type { Params } from './types.ts';

const FLANGE_THICKNESS = 2.4; // mm, as in cable-grommet.js
const FIT = 0.4; // mm
const SEGMENTS = 96; // the flange's polygon, a vertex at 0°, 90°, 180°, 270°
const SLOTS: Record<string, number> = { none: 0, narrow: 8, wide: 14 };

/** Height of a regular polygon's upper boundary at x (|x| < radius), vertex 0 on +x. */
const boundaryYAt = (radius: number, sides: number, x: number): number => {
  for (let k = 0; k < sides / 2; k++) {
    const [a, b] = [(2 * Math.PI * k) / sides, (2 * Math.PI * (k + 1)) / sides];
    const [x0, y0, x1, y1] = [radius * Math.cos(a), radius * Math.sin(a), radius * Math.cos(b), radius * Math.sin(b)];
    if (x0 >= x && x >= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return 0;
};

export const cableGrommet = jscadDesign({
  id: 'cable-grommet',
  version: 1,
  name: 'Cable grommet',
  description: 'Lines a hole drilled through a desk, with a flange on top and a slot to pass cables in from the side.',
  script: cableGrommetScript,
  overrides: {
    hole: { help: 'The diameter of the hole in the desk; the tube is 0.4 mm narrower' },
    deskThickness: { help: 'The tube reaches through this much desk' },
    flange: { help: 'How far the rim reaches over the desk top around the hole' },
    wall: { help: 'Thicker walls are stiffer; thinner ones leave more room for cables' },
    slot: { help: 'A slot lets you pass cables in with their plugs on' },
  },
  // Measured: at most 1,160 triangles (three 96-gons and a slot); about 10 % over.
  budget: { maxTriangles: 1_300, maxSegments: SEGMENTS },
  size: (p: Params): Vec3 => {
    const radius = ((p.hole as number) - FIT) / 2 + (p.flange as number);
    const slot = SLOTS[p.slot as string];
    // The slot opens the flange towards +y: that side now ends where the slot's edge meets the rim.
    const y = slot > 0 ? radius + boundaryYAt(radius, SEGMENTS, slot / 2) : 2 * radius;
    return [2 * radius, y, FLANGE_THICKNESS + (p.deskThickness as number)];
  },
});
