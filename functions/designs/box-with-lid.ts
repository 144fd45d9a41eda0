// A box with a lid that fits: two parts laid out side by side on one plate, one mesh of two
// disjoint bodies. The lid is printed top down with a lip that drops into the box; the lip is
// the box's inside less a clearance per side (snug or easy). Nothing overhangs as laid out.
import { extrusions, primitives } from '../mesh/jscad.ts';
import { difference, fromGeom3, translate, union, type Solid } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';
import { defineDesign } from './types.ts';

type BoxWithLidParams = { width: number; depth: number; height: number; wall: number; fit: string };

const GAP = 5; // mm between box and lid on the plate
const LIP = 1.2; // mm thickness of the lid's lip
const LIP_HEIGHT = 4; // mm the lip reaches into the box
const CAVITY_RADIUS = 1; // mm, inside corners; the outside is this plus the wall
const CLEARANCE: Record<string, number> = { snug: 0.15, easy: 0.3 }; // mm per side
const SEGMENTS = 16;
const PAST = 1; // mm cutters reach past the faces they open

const outer = (p: BoxWithLidParams): [number, number] => [p.width + 2 * p.wall, p.depth + 2 * p.wall];

/** A rounded-rectangle slab centred on x = y = 0, from z0 to z1. */
const slab = (width: number, depth: number, radius: number, z0: number, z1: number): Solid =>
  translate(
    [0, 0, z0],
    fromGeom3(extrusions.extrudeLinear({ height: z1 - z0 }, primitives.roundedRectangle({ size: [width, depth], roundRadius: radius, segments: SEGMENTS }))),
  );

const box = (p: BoxWithLidParams): Solid => {
  const [w, d] = outer(p);
  return difference(slab(w, d, CAVITY_RADIUS + p.wall, 0, p.wall + p.height), slab(p.width, p.depth, CAVITY_RADIUS, p.wall, p.wall + p.height + PAST));
};

const lid = (p: BoxWithLidParams): Solid => {
  const [w, d] = outer(p);
  const c = CLEARANCE[p.fit];
  const [lw, ld] = [p.width - 2 * c, p.depth - 2 * c];
  const plate = slab(w, d, CAVITY_RADIUS + p.wall, 0, p.wall);
  // The lip starts inside the plate so the union shares no face with it.
  const lip = difference(slab(lw, ld, CAVITY_RADIUS - c, p.wall - 0.5, p.wall + LIP_HEIGHT), slab(lw - 2 * LIP, ld - 2 * LIP, 0.2, p.wall, p.wall + LIP_HEIGHT + PAST));
  return union(plate, lip);
};

export const boxWithLid = defineDesign<BoxWithLidParams>({
  id: 'box-with-lid',
  version: 1,
  name: 'Box with lid',
  description: 'A box made to the inside size you need, with a lid that fits, printed together side by side.',
  params: [
    { key: 'width', type: 'number', unit: 'mm', label: 'Inside width', help: 'Room inside, left to right', min: 30, max: 115, step: 1, default: 60 },
    { key: 'depth', type: 'number', unit: 'mm', label: 'Inside depth', help: 'Room inside, front to back', min: 30, max: 150, step: 1, default: 40 },
    { key: 'height', type: 'number', unit: 'mm', label: 'Inside height', help: 'Room inside, floor to the rim', min: 15, max: 100, step: 1, default: 30 },
    { key: 'wall', type: 'number', unit: 'mm', label: 'Wall', help: 'Thickness of walls, floor and lid', min: 1.2, max: 3.2, step: 0.4, default: 2 },
    {
      key: 'fit', type: 'choice', unit: 'choice', label: 'Lid fit', help: 'Snug stays on when carried; easy lifts off with one finger',
      options: [{ value: 'snug', label: 'Snug (0.15 mm)' }, { value: 'easy', label: 'Easy (0.3 mm)' }], default: 'snug',
    },
  ],
  rules: [],
  // The range ends measured at most about 400 triangles; text-free, so the count hardly varies.
  budget: { maxTriangles: 1_000, maxSegments: SEGMENTS },
  size: (p): Vec3 => [2 * outer(p)[0] + GAP, outer(p)[1], p.wall + p.height],
  build: (p) => {
    const shift = (outer(p)[0] + GAP) / 2;
    return union(translate([-shift, 0, 0], box(p)), translate([shift, 0, 0], lid(p)));
  },
});
