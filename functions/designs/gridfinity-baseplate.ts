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
// Built as one closed surface, not as a plate minus 25 socket cutters: the faces of a grid of
// sockets are simple to list (each cell's top and bottom in four pieces around its socket, the
// socket's walls and floor, the plate's outer wall), and leaving out the boolean made the 5 × 5
// plate about three times cheaper to build.
import type { Vec3 } from '../mesh/types.ts';
import { geometries } from '../mesh/jscad.ts';
import { fromGeom3 } from '../mesh/solid.ts';
import { roundedRing, type Point3 } from './gridfinity-bin.ts';
import { defineDesign } from './types.ts';

type GridfinityBaseplateParams = { unitsX: number; unitsY: number; bottom: string };

const PITCH = 42; // mm per grid unit
const RADIUS = 4; // mm, corner radius of the plate and of each socket at the top
const PROFILE = { bottomChamfer: 0.7, straight: 1.8, topChamfer: 2.15 };
const FLAT = 0.25; // mm each socket stops short of its cell edge: the ridge between sockets is 0.5 mm flat
const SOCKET_INSET = PROFILE.bottomChamfer + PROFILE.topChamfer; // 2.85 mm, socket floor vs cell edge
const SOCKET_DEPTH = PROFILE.bottomChamfer + PROFILE.straight + PROFILE.topChamfer - FLAT; // 4.4 mm
const FLOOR = 1.2; // mm under the sockets when the bottom is solid

const floorOf = (p: GridfinityBaseplateParams): number => (p.bottom === 'solid' ? FLOOR : 0);
const height = (p: GridfinityBaseplateParams): number => floorOf(p) + SOCKET_DEPTH;

/** One socket's outline at each height where its profile bends, floor to top. */
const socketRings = (centre: [number, number], floor: number, top: number): Point3[][] => {
  const ring = (inset: number, z: number) => roundedRing(centre, PITCH, PITCH, RADIUS, inset, z);
  const { bottomChamfer, straight } = PROFILE;
  return [
    ring(SOCKET_INSET, floor),
    ring(SOCKET_INSET - bottomChamfer, floor + bottomChamfer),
    ring(SOCKET_INSET - bottomChamfer, floor + bottomChamfer + straight),
    ring(FLAT, top),
  ];
};

type Polygon = Point3[];

/**
 * The faces of the whole plate, outward-facing (counter-clockwise seen from outside). Cell
 * corners and ring points are computed by the same expressions wherever two faces share them,
 * so the surface closes exactly.
 */
const plateFaces = (p: GridfinityBaseplateParams): Polygon[] => {
  const [nx, ny] = [p.unitsX, p.unitsY];
  const [width, depth, top, floor] = [PITCH * nx, PITCH * ny, height(p), floorOf(p)];
  const xAt = (i: number) => -width / 2 + PITCH * i;
  const yAt = (j: number) => -depth / 2 + PITCH * j;
  const outline = (z: number) => roundedRing([0, 0], width, depth, RADIUS, 0, z); // the plate's edge, 4 corner arcs
  const per = outline(0).length / 4; // points per corner arc
  const mid = (per - 1) / 2; // the arc's 45° point
  const arcAt = (q: number, z: number) => outline(z).slice(q * per, (q + 1) * per);
  const faces: Polygon[] = [];

  /** Corner q of cell (i, j) at height z, counter-clockwise from (+x, +y): a point, or the plate's arc at an outer corner. */
  const corner = (i: number, j: number, q: number, z: number): Point3[] => {
    const [right, up] = [q === 0 || q === 3, q < 2];
    const outer = (right ? i === nx - 1 : i === 0) && (up ? j === ny - 1 : j === 0);
    return outer ? arcAt(q, z) : [[xAt(right ? i + 1 : i), yAt(up ? j + 1 : j), z]];
  };

  /** The cell's face at height z around `ring` (its socket's outline there), in four pieces. */
  const annulus = (i: number, j: number, ring: Point3[], z: number, up: boolean) => {
    for (let k = 0; k < 4; k++) {
      const from = corner(i, j, k, z);
      const to = corner(i, j, (k + 1) % 4, z);
      const inner = Array.from({ length: per + 1 }, (_, s) => ring[(((k + 1) * per + mid - s) % ring.length + ring.length) % ring.length]);
      const piece = [...from.slice(from.length > 1 ? mid : 0), ...to.slice(0, to.length > 1 ? mid + 1 : 1), ...inner];
      faces.push(up ? piece : piece.reverse());
    }
  };

  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const rings = socketRings([xAt(i) + PITCH / 2, yAt(j) + PITCH / 2], floor, top);
      annulus(i, j, rings[rings.length - 1], top, true);
      if (floor > 0) {
        faces.push(rings[0]); // the socket's floor, facing up
        faces.push([0, 1, 2, 3].flatMap((q) => corner(i, j, q, 0)).reverse()); // the cell's underside
      } else annulus(i, j, rings[0], 0, false);
      for (let r = 0; r + 1 < rings.length; r++) {
        const [low, high] = [rings[r], rings[r + 1]];
        for (let a = 0; a < low.length; a++) {
          const b = (a + 1) % low.length;
          faces.push([high[b], low[b], low[a]], [high[a], high[b], low[a]]); // facing into the socket
        }
      }
    }
  }

  // The plate's outer wall through every point on its edge: the corner arcs and the cell corners between them.
  const edge = (z: number): Point3[] => [
    ...arcAt(0, z), ...Array.from({ length: nx - 1 }, (_, s) => [xAt(nx - 1 - s), depth / 2, z] as Point3),
    ...arcAt(1, z), ...Array.from({ length: ny - 1 }, (_, s) => [-width / 2, yAt(ny - 1 - s), z] as Point3),
    ...arcAt(2, z), ...Array.from({ length: nx - 1 }, (_, s) => [xAt(s + 1), -depth / 2, z] as Point3),
    ...arcAt(3, z), ...Array.from({ length: ny - 1 }, (_, s) => [width / 2, yAt(s + 1), z] as Point3),
  ];
  const [low, high] = [edge(0), edge(top)];
  for (let a = 0; a < low.length; a++) {
    const b = (a + 1) % low.length;
    faces.push([low[a], low[b], high[b], high[a]]);
  }
  return faces;
};

export const gridfinityBaseplate = defineDesign<GridfinityBaseplateParams>({
  id: 'gridfinity-baseplate',
  version: 2,
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
  // Every combination measured at most 4 140 triangles (5 × 5 with a solid bottom).
  budget: { maxTriangles: 4_500, maxSegments: 16 },
  size: (p): Vec3 => [PITCH * p.unitsX, PITCH * p.unitsY, height(p)],
  build: (p) => fromGeom3(geometries.geom3.fromPoints(plateFaces(p))),
});
