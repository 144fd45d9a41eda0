// A Gridfinity storage bin: stepped feet that drop into any Gridfinity baseplate, an open
// box on top with optional dividers and the stacking lip that lets another bin sit on it.
//
// Dimensions follow the published Gridfinity specification (https://gridfinity.xyz/specification/,
// as collected in kennetek/gridfinity-rebuilt-openscad `src/core/standard.scad` and the
// Printables "Gridfinity Specification" aggregation, model 417152):
// - grid pitch 42 mm; a bin is 42·n − 0.5 mm across (0.5 mm gap to its neighbour);
// - height unit 7 mm, counted from the underside of the feet to the top of the wall; the
//   stacking lip stands on top of that;
// - each cell's foot, from the bottom up: 45° chamfer 0.8 mm, vertical 1.8 mm, 45° chamfer
//   2.15 mm (4.75 mm tall); 35.6 mm square with r 0.8 at the bottom, 37.2 mm r 1.6 above the
//   first chamfer, 41.5 mm r 3.75 at the top;
// - stacking lip, from its inner tip up: 45° out 0.7 mm, vertical 1.8 mm, 45° out 1.9 mm,
//   on a support that rises 1.2 mm straight and then 45° from the wall.
// Simplified on purpose: feet are solid (no magnet or screw holes); the lip's knife edge is cut
// flat 0.6 mm wide, 0.6 mm below the nominal 4.4 mm (reference designs round it instead with a
// 0.6 mm fillet, which sits lower still); the floor is flat 1.25 mm above the feet; no label tab
// or scoop. Every surface that touches a baseplate or another bin follows the spec.
import { geometries } from '../mesh/jscad.ts';
import { difference, fromGeom3, union, type Solid } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';
import { defineDesign } from './types.ts';

type GridfinityBinParams = { unitsX: number; unitsY: number; heightUnits: number; dividers: number; lip: string };

const PITCH = 42; // mm per grid unit
const GAP = 0.5; // mm between neighbouring bins
const HEIGHT_UNIT = 7; // mm
const OUTER_RADIUS = 3.75; // mm, corner radius of the bin and of the top of each foot
const FOOT_STEPS = { bottomChamfer: 0.8, straight: 1.8, topChamfer: 2.15 };
const FOOT_HEIGHT = FOOT_STEPS.bottomChamfer + FOOT_STEPS.straight + FOOT_STEPS.topChamfer; // 4.75
const FOOT_INSET = FOOT_STEPS.bottomChamfer + FOOT_STEPS.topChamfer; // 2.95 mm, bottom vs top
const FLOOR_TOP = FOOT_HEIGHT + 1.25; // mm, inside floor
const WALL = 1.2; // mm
const DIVIDER = 1.2; // mm
/** Dividers stop this far below the wall top, so their tops share no plane with the rim or the lip's steps. */
const DIVIDER_DROP = 0.6;
const MIN_COMPARTMENT = 8; // mm, narrowest compartment a finger gets into
const LIP = { tipInset: 2.6, lowerChamfer: 0.7, straight: 1.8, support: 1.2, flat: 0.6 };
/** Height of the lip above the wall top: 0.7 + 1.8 + 1.9 = 4.4 mm nominal, minus the flattened tip. */
const LIP_HEIGHT = LIP.lowerChamfer + LIP.straight + (LIP.tipInset - LIP.lowerChamfer - LIP.flat); // 3.8 mm
const CORNER_SEGMENTS = 4; // per quarter circle: 16 per full circle, within 0.08 mm of the 3.75 mm radius
const SEGMENTS = 4 * CORNER_SEGMENTS;

const outerSize = (units: number): number => PITCH * units - GAP;
const hasLip = (p: GridfinityBinParams): boolean => p.lip === 'stacking';
const compartmentWidth = (p: GridfinityBinParams): number =>
  (outerSize(p.unitsX) - 2 * WALL - p.dividers * DIVIDER) / (p.dividers + 1);

export type Point3 = [number, number, number];

/**
 * A rounded rectangle centred on (x0, y0) at height z, counter-clockwise from above.
 * Corner centres stay put as the inset changes, so rings at different insets are exact offsets
 * of one another (a 45° chamfer is an inset equal to the rise). Quarter arcs include their
 * end points, so the ring touches its axis-aligned extents exactly. Feet are placed here, in
 * absolute coordinates, rather than translated later: where a foot's top edge meets the body's
 * bottom edge the two then agree to the last bit, and the union leaves no sliver triangles.
 */
export const roundedRing = (centre: [number, number], width: number, depth: number, radius: number, inset: number, z: number): Point3[] => {
  const [x0, y0] = centre;
  const cx = width / 2 - radius;
  const cy = depth / 2 - radius;
  const r = radius - inset;
  const corners: [number, number][] = [[x0 + cx, y0 + cy], [x0 - cx, y0 + cy], [x0 - cx, y0 - cy], [x0 + cx, y0 - cy]];
  const ring: Point3[] = [];
  corners.forEach(([x, y], quarter) => {
    for (let i = 0; i <= CORNER_SEGMENTS; i++) {
      const angle = (quarter + i / CORNER_SEGMENTS) * (Math.PI / 2);
      ring.push([x + r * round(Math.cos(angle)), y + r * round(Math.sin(angle)), z]);
    }
  });
  return ring;
};

/** cos/sin that are exactly 0 or ±1 at quarter turns. */
const round = (value: number): number => (Math.abs(value) < 1e-12 ? 0 : value);

/** The polygons of a closed solid through rings of equal length stacked bottom to top (a loft). */
const loftPolygons = (rings: Point3[][]): Point3[][] => {
  const polygons: Point3[][] = [[...rings[0]].reverse(), rings[rings.length - 1]];
  for (let k = 0; k + 1 < rings.length; k++) {
    const [low, high] = [rings[k], rings[k + 1]];
    for (let i = 0; i < low.length; i++) {
      const j = (i + 1) % low.length;
      polygons.push([low[i], low[j], high[j]], [low[i], high[j], high[i]]);
    }
  }
  return polygons;
};

/**
 * One leaf holding several disjoint lofts: the kernel converts it once and unions it once,
 * which is cheaper than a leaf per foot or per divider.
 */
export const lofts = (...ringSets: Point3[][][]): Solid => fromGeom3(geometries.geom3.fromPoints(ringSets.flatMap(loftPolygons)));

/** The foot of the cell centred on `centre`, 41.5 mm square at its top, z = 0 … 4.75. */
const footRings = (centre: [number, number]): Point3[][] => {
  const size = outerSize(1);
  const { bottomChamfer, straight } = FOOT_STEPS;
  const step = (inset: number, z: number) => roundedRing(centre, size, size, OUTER_RADIUS, inset, z);
  return [
    step(FOOT_INSET, 0),
    step(FOOT_INSET - bottomChamfer, bottomChamfer),
    step(FOOT_INSET - bottomChamfer, bottomChamfer + straight),
    step(0, FOOT_HEIGHT),
  ];
};

/** What is hollowed out of the body: straight walls, then (optionally) the lip's inner profile. */
const cavity = (p: GridfinityBinParams, width: number, depth: number, wallTop: number): Solid => {
  const ring = (inset: number, z: number) => roundedRing([0, 0], width, depth, OUTER_RADIUS, inset, z);
  const above = 1; // mm the cutter reaches past the top so no face is shared
  if (!hasLip(p)) return lofts([ring(WALL, FLOOR_TOP), ring(WALL, wallTop + above)]);
  const { tipInset, lowerChamfer, straight, support, flat } = LIP;
  const tipLow = wallTop - support;
  return lofts([
    ring(WALL, FLOOR_TOP),
    ring(WALL, tipLow - (tipInset - WALL)), // the support leaves the wall at 45°
    ring(tipInset, tipLow),
    ring(tipInset, wallTop),
    ring(tipInset - lowerChamfer, wallTop + lowerChamfer),
    ring(tipInset - lowerChamfer, wallTop + lowerChamfer + straight),
    ring(flat, wallTop + LIP_HEIGHT),
    ring(flat, wallTop + LIP_HEIGHT + above),
  ]);
};

const dividerWalls = (p: GridfinityBinParams, width: number, depth: number, wallTop: number): Point3[][][] => {
  const cell = compartmentWidth(p);
  const top = wallTop - DIVIDER_DROP;
  const bottom = FLOOR_TOP - 0.1;
  const span = depth - WALL; // reaches half-way into each side wall
  const walls: Point3[][][] = [];
  for (let i = 0; i < p.dividers; i++) {
    const x = -width / 2 + WALL + (i + 1) * cell + i * DIVIDER;
    const corners: Point3[][] = [bottom, top].map((z) => [
      [x, -span / 2, z], [x + DIVIDER, -span / 2, z], [x + DIVIDER, span / 2, z], [x, span / 2, z],
    ]);
    walls.push(corners);
  }
  return walls;
};

export const gridfinityBin = defineDesign<GridfinityBinParams>({
  id: 'gridfinity-bin',
  version: 1,
  name: 'Gridfinity bin',
  description: 'A storage bin for the Gridfinity system: drops into any Gridfinity baseplate and stacks on other bins.',
  params: [
    { key: 'unitsX', type: 'number', unit: 'count', label: 'Width', help: 'Grid units across; one unit is 42 mm', min: 1, max: 4, step: 1, default: 2 },
    { key: 'unitsY', type: 'number', unit: 'count', label: 'Depth', help: 'Grid units front to back; one unit is 42 mm', min: 1, max: 4, step: 1, default: 1 },
    { key: 'heightUnits', type: 'number', unit: 'count', label: 'Height', help: 'Height units of 7 mm, not counting the stacking lip', min: 2, max: 10, step: 1, default: 3 },
    { key: 'dividers', type: 'number', unit: 'count', label: 'Dividers', help: 'Walls splitting the bin into equal compartments across its width', min: 0, max: 5, step: 1, default: 1 },
    {
      key: 'lip', type: 'choice', unit: 'choice', label: 'Stacking lip', help: 'A lip on top lets another bin stand on this one; without it the bin is lower',
      options: [{ value: 'stacking', label: 'Stacking lip' }, { value: 'none', label: 'No lip' }], default: 'stacking',
    },
  ],
  rules: [
    {
      fields: ['dividers', 'unitsX'],
      check: (p) => {
        const cell = compartmentWidth(p);
        return cell < MIN_COMPARTMENT
          ? `${p.dividers} dividers in a bin ${p.unitsX} unit${p.unitsX === 1 ? '' : 's'} wide leave compartments only ${cell.toFixed(1)} mm wide, but each needs at least ${MIN_COMPARTMENT} mm: use fewer dividers or a wider bin`
          : null;
      },
    },
  ],
  // Every valid combination measured at most 3 036 triangles (4 × 4 with a lip and 5 dividers).
  budget: { maxTriangles: 3_300, maxSegments: SEGMENTS },
  size: (p): Vec3 => [outerSize(p.unitsX), outerSize(p.unitsY), HEIGHT_UNIT * p.heightUnits + (hasLip(p) ? LIP_HEIGHT : 0)],
  build: (p) => {
    const width = outerSize(p.unitsX);
    const depth = outerSize(p.unitsY);
    const wallTop = HEIGHT_UNIT * p.heightUnits;
    const top = wallTop + (hasLip(p) ? LIP_HEIGHT : 0);
    const body = lofts([roundedRing([0, 0], width, depth, OUTER_RADIUS, 0, FOOT_HEIGHT), roundedRing([0, 0], width, depth, OUTER_RADIUS, 0, top)]);
    const feet: Point3[][][] = [];
    for (let i = 0; i < p.unitsX; i++) {
      for (let j = 0; j < p.unitsY; j++) feet.push(footRings([(i - (p.unitsX - 1) / 2) * PITCH, (j - (p.unitsY - 1) / 2) * PITCH]));
    }
    const box = difference(union(body, lofts(...feet)), cavity(p, width, depth, wallTop));
    return p.dividers > 0 ? union(box, lofts(...dividerWalls(p, width, depth, wallTop))) : box;
  },
});
