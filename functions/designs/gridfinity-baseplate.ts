// A Gridfinity baseplate: a grid of sockets that Gridfinity bins (gridfinity-bin.ts) drop into.
//
// Profile from the published Gridfinity specification, as gridfinity-bin.ts cites it
// (kennetek/gridfinity-rebuilt-openscad `src/core/standard.scad`, BASEPLATE_PROFILE): 42 mm
// pitch, plate exactly 42·n mm with r 4 mm corners, each socket from its floor up: 45° chamfer
// 0.7 mm, vertical 1.8 mm, 45° chamfer 2.15 mm (4.65 mm), 42 mm r 4 at the top.
// Simplified on purpose, like the bin's lip: the knife edge between neighbouring sockets is cut
// flat 0.5 mm wide, so the top chamfer stops 0.25 mm short (plate 4.4 mm instead of 4.65 mm).
// A bin's foot (35.6 → 37.2 → 41.5 mm) clears the socket (36.3 → 37.7 → 41.5 mm) by 0.25 mm
// a side at every height; test/designs/gridfinity-baseplate.test.ts measures both meshes.
// Printable as delivered: the sockets only widen going up, so nothing overhangs.
import type { Vec3 } from '../mesh/types.ts';
import { difference } from '../mesh/solid.ts';
import { lofts, roundedRing, type Point3 } from './gridfinity-bin.ts';
import { defineDesign } from './types.ts';

type GridfinityBaseplateParams = { unitsX: number; unitsY: number; bottom: string };

const PITCH = 42; // mm per grid unit
const RADIUS = 4; // mm, corner radius of the plate and of each socket at the top
const PROFILE = { bottomChamfer: 0.7, straight: 1.8, topChamfer: 2.15 };
const FLAT = 0.25; // mm each socket stops short of its cell edge: the ridge between sockets is 0.5 mm flat
const SOCKET_INSET = PROFILE.bottomChamfer + PROFILE.topChamfer; // 2.85 mm, socket floor vs cell edge
const SOCKET_DEPTH = PROFILE.bottomChamfer + PROFILE.straight + PROFILE.topChamfer - FLAT; // 4.4 mm
const FLOOR = 1.2; // mm under the sockets when the bottom is solid
const PAST = 1; // mm the cutters reach past the faces they open

const floorOf = (p: GridfinityBaseplateParams): number => (p.bottom === 'solid' ? FLOOR : 0);
const height = (p: GridfinityBaseplateParams): number => floorOf(p) + SOCKET_DEPTH;

/** One socket's cutter: the spec profile upward from the floor, straight on past the top. */
const socketRings = (centre: [number, number], floor: number, top: number): Point3[][] => {
  const ring = (inset: number, z: number) => roundedRing(centre, PITCH, PITCH, RADIUS, inset, z);
  const { bottomChamfer, straight } = PROFILE;
  const rings = [
    ring(SOCKET_INSET, floor),
    ring(SOCKET_INSET - bottomChamfer, floor + bottomChamfer),
    ring(SOCKET_INSET - bottomChamfer, floor + bottomChamfer + straight),
    ring(FLAT, top),
    ring(FLAT, top + PAST),
  ];
  // An open bottom: the cutter starts below the bed with the floor's ring.
  return floor > 0 ? rings : [ring(SOCKET_INSET, -PAST), ...rings];
};

export const gridfinityBaseplate = defineDesign<GridfinityBaseplateParams>({
  id: 'gridfinity-baseplate',
  version: 1,
  name: 'Gridfinity baseplate',
  description: 'A Gridfinity grid for a drawer or desk: every Gridfinity bin drops into its sockets and stays put.',
  params: [
    { key: 'unitsX', type: 'number', unit: 'count', label: 'Width', help: 'Grid units across; one unit is 42 mm', min: 1, max: 5, step: 1, default: 3 },
    { key: 'unitsY', type: 'number', unit: 'count', label: 'Depth', help: 'Grid units front to back; one unit is 42 mm', min: 1, max: 5, step: 1, default: 2 },
    {
      key: 'bottom', type: 'choice', unit: 'choice', label: 'Bottom', help: 'An open frame is light and quick to print; a solid bottom is stiffer and slides less',
      options: [{ value: 'open', label: 'Open frame' }, { value: 'solid', label: 'Solid bottom' }], default: 'open',
    },
  ],
  rules: [],
  // Every combination measured at most 4 076 triangles (5 × 5 with a solid bottom).
  budget: { maxTriangles: 4_500, maxSegments: 16 },
  size: (p): Vec3 => [PITCH * p.unitsX, PITCH * p.unitsY, height(p)],
  build: (p) => {
    const [width, depth, top] = [PITCH * p.unitsX, PITCH * p.unitsY, height(p)];
    const plate = lofts([roundedRing([0, 0], width, depth, RADIUS, 0, 0), roundedRing([0, 0], width, depth, RADIUS, 0, top)]);
    const sockets: Point3[][][] = [];
    for (let i = 0; i < p.unitsX; i++) {
      for (let j = 0; j < p.unitsY; j++) sockets.push(socketRings([(i - (p.unitsX - 1) / 2) * PITCH, (j - (p.unitsY - 1) / 2) * PITCH], floorOf(p), top));
    }
    return difference(plate, lofts(...sockets));
  },
});
