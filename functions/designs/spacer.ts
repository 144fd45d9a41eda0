// Spacer or washer for a metric screw, from a JSCAD script (jscad-scripts/spacer.js) run on our
// kernel. The script's five parameters map as they are; this wrapper adds what a script cannot
// say: help lines, the rules (a wall around the hole, room for a countersunk head), the size
// promise and the budget. The screw table below repeats the script's, for the rules' messages.
import type { Vec3 } from '../mesh/types.ts';
import { jscadDesign } from './jscad/jscad-design.ts';
import { spacerScript } from './jscad-scripts/spacer.script.ts';
import type { Params } from './types.ts';

const MIN_WALL = 1.2; // mm of plastic around the hole or the head: three 0.4 mm perimeters
const MIN_UNDER_HEAD = 1; // mm of spacer left under a countersunk head
const STEP = 0.5; // the outside diameter's and thickness's step, mm

/** Clearance holes (ISO 273) and flat-head diameters (ISO 10642), mm, as in spacer.js. */
const SCREWS: Record<string, Record<string, number>> = {
  3: { close: 3.2, medium: 3.4, loose: 3.6, head: 6.7 },
  4: { close: 4.3, medium: 4.5, loose: 4.8, head: 9 },
  5: { close: 5.3, medium: 5.5, loose: 5.8, head: 11.2 },
  6: { close: 6.4, medium: 6.6, loose: 7, head: 13.4 },
  8: { close: 8.4, medium: 9, loose: 10, head: 17.9 },
};

const upToStep = (mm: number): number => Math.ceil(mm / STEP - 1e-9) * STEP;
const holeOf = (p: Params): number => SCREWS[p.screw][p.fit as string];
const headDepth = (p: Params): number => (SCREWS[p.screw].head - holeOf(p)) / 2;

export const spacer = jscadDesign({
  id: 'spacer',
  version: 1,
  name: 'Spacer',
  description: 'A spacer or washer for a metric screw, plain or countersunk for a flat head.',
  script: spacerScript,
  overrides: {
    screw: { help: 'The screw that goes through it' },
    fit: { help: 'Close holds the screw snugly; loose leaves room to line parts up' },
    outside: { help: 'Across the outside of the ring' },
    thickness: { help: 'How far it holds the parts apart' },
    countersink: { label: 'Countersunk', help: 'A cone on top so a flat-head screw sits flush', optionLabels: { yes: 'Countersunk', no: 'Plain hole' } },
  },
  rules: [
    {
      fields: ['outside', 'screw', 'fit'],
      check: (p) => {
        const least = upToStep(holeOf(p) + 2 * MIN_WALL);
        return (p.outside as number) < least
          ? `An M${p.screw} spacer with a ${p.fit} hole (${holeOf(p)} mm) needs an outside diameter of at least ${least} mm: make it wider or choose a smaller screw.`
          : null;
      },
    },
    {
      fields: ['outside', 'countersink', 'screw'],
      check: (p) => {
        const least = upToStep(SCREWS[p.screw].head + 2 * MIN_WALL);
        return p.countersink === 'yes' && (p.outside as number) < least
          ? `A countersunk M${p.screw} spacer needs an outside diameter of at least ${least} mm to hold the screw head: make it wider or choose a plain hole.`
          : null;
      },
    },
    {
      fields: ['thickness', 'countersink', 'screw'],
      check: (p) => {
        const least = upToStep(headDepth(p) + MIN_UNDER_HEAD);
        return p.countersink === 'yes' && (p.thickness as number) < least
          ? `A countersunk M${p.screw} spacer needs to be at least ${least} mm thick so the head sinks in with plastic left under it: make it thicker or choose a plain hole.`
          : null;
      },
    },
  ],
  // Measured: 64 + 32 + 32 segments give at most 512 triangles (countersunk); 10 % over.
  budget: { maxTriangles: 600, maxSegments: 64 },
  // The ring is a 64-gon with a vertex on each axis, so it spans its full diameter both ways.
  size: (p): Vec3 => [p.outside as number, p.outside as number, p.thickness as number],
});
