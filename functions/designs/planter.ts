// A plant pot with a name engraved on its front face: a slightly tapered hexagonal or square
// pot, hollow with a floor and an optional drainage hole. The name sits on one flat
// face, so the engraving has the same depth everywhere; its letters shrink to fit longer names.
import { primitives } from '../mesh/jscad.ts';
import { difference, fromGeom3, rotate, translate, type Solid } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';
import { fontParam, measureText, prepareText, textSolid } from './text.ts';
import { typefaceSpec } from './typefaces/faces.ts';
import { smallestPrintableHeight } from './typefaces/printable.ts';
import { defineDesign } from './types.ts';

type PlanterParams = { name: string; width: number; height: number; shape: string; drainage: string; font: string };

const WALL = 2.4; // mm, measured square to each face: six 0.4 mm perimeters
const FLOOR = 3; // mm
const ENGRAVE_DEPTH = 0.8; // mm into the wall, square to the face
const OVERCUT = 1; // mm the text cutter reaches past the face, so the cut is clean
const SIDE_MARGIN = 3; // mm of face left either side of the name
const MIN_CAP = 5; // mm, the smallest capital letters that still read well when engraved
const MAX_CAP = 18; // mm
const CAP_STEP = 0.5; // mm; letter sizes are tried from the largest down in these steps
const TAPER_MAX_DEG = 8; // the walls lean out at most this much...
const TAPER_MAX_FRACTION = 0.15; // ...and the base is at most this much narrower than the top
const MAX_HEIGHT_PER_WIDTH = 2.5; // taller than this and a pot of wet soil tips over easily
const SEGMENTS = 24; // the drainage hole
const WIDTH_MAX = 160; // mm

// No octagon: its face is 0.41 of the width, too narrow for most names at a readable size.
const SIDES: Record<string, number> = { hexagon: 6, square: 4 };
const SHAPE_LABELS: Record<string, string> = { hexagon: 'hexagonal', square: 'square' };


/** The pot's outline, all derived from the params: apothems (centre to face) in mm. */
export interface PlanterShape {
  sides: number;
  topApothem: number;
  bottomApothem: number;
  /** Lean of each face from vertical, radians. */
  taper: number;
}

export const planterShape = (p: Pick<PlanterParams, 'width' | 'height' | 'shape'>): PlanterShape => {
  const topApothem = p.width / 2;
  const inset = Math.min(TAPER_MAX_FRACTION * topApothem, p.height * Math.tan((TAPER_MAX_DEG * Math.PI) / 180));
  return { sides: SIDES[p.shape], topApothem, bottomApothem: topApothem - inset, taper: Math.atan(inset / p.height) };
};

/** Outer apothem at height z (mm); linear in z, so faces are flat. */
const apothemAt = (s: PlanterShape, height: number, z: number): number =>
  s.bottomApothem + ((s.topApothem - s.bottomApothem) * z) / height;

/** Width of one face at height z (mm). */
const faceWidthAt = (s: PlanterShape, height: number, z: number): number => 2 * apothemAt(s, height, z) * Math.tan(Math.PI / s.sides);

/** Corner angles of the regular polygon with one face centred on -y (the front). */
const cornerAngles = (sides: number): number[] =>
  Array.from({ length: sides }, (_, k) => (3 * Math.PI) / 2 - Math.PI / sides + (2 * Math.PI * k) / sides);

const ring = (sides: number, apothem: number, z: number): Vec3[] => {
  const radius = apothem / Math.cos(Math.PI / sides);
  return cornerAngles(sides).map((a): Vec3 => [radius * Math.cos(a), radius * Math.sin(a), z]);
};

/** A straight-sided frustum of a regular polygon between two heights. */
const frustum = (sides: number, bottom: { apothem: number; z: number }, top: { apothem: number; z: number }): Solid => {
  const points = [...ring(sides, bottom.apothem, bottom.z), ...ring(sides, top.apothem, top.z)];
  const around = Array.from({ length: sides }, (_, k) => k);
  const faces = [
    [...around].reverse(),
    around.map((k) => sides + k),
    ...around.map((k) => [k, (k + 1) % sides, sides + ((k + 1) % sides), sides + k]),
  ];
  return fromGeom3(primitives.polyhedron({ points, faces, orientation: 'outward' }));
};

/** How the name is laid out on the front face. */
export interface NameLayout {
  /** Cap height in mm. */
  cap: number;
  /** Height of the text's centre above the table, mm. */
  centreZ: number;
}

/** Where the name is centred: half way up the face. */
const nameCentreZ = (height: number): number => height / 2;

/** Largest cap height allowed for this pot: a quarter of its height, at most MAX_CAP. */
const maxCap = (height: number): number => Math.floor(Math.min(MAX_CAP, height / 4) / CAP_STEP) * CAP_STEP;

/** Smallest letters the face's strokes print at, never under MIN_CAP (the serif's hairlines need larger). */
const minCap = (font: string): number => {
  const face = typefaceSpec(font);
  return face ? smallestPrintableHeight(face, MIN_CAP, CAP_STEP) : MIN_CAP;
};

/** Whether `name` fits across the front face at cap height `cap`. */
const fitsAt = (name: string, p: Pick<PlanterParams, 'width' | 'height' | 'shape' | 'font'>, cap: number): boolean => {
  const shape = planterShape(p);
  const extent = measureText(name, { font: p.font, height: cap });
  // The face narrows downwards, so the bottom edge of the text is where it is tightest.
  const lowestZ = nameCentreZ(p.height) - (extent.height / 2) * Math.cos(shape.taper);
  return extent.width <= faceWidthAt(shape, p.height, lowestZ) - 2 * SIDE_MARGIN;
};

/** The largest letters (in CAP_STEP steps) that fit, or null when even the smallest printable ones are too wide. */
export const nameLayout = (p: PlanterParams): NameLayout | null => {
  const smallest = minCap(p.font);
  for (let cap = maxCap(p.height); cap >= smallest; cap -= CAP_STEP) {
    if (fitsAt(p.name, p, cap)) return { cap, centreZ: nameCentreZ(p.height) };
  }
  return null;
};

/** How many leading characters of `name` fit at the smallest letter size. */
export const fittingCharacters = (p: PlanterParams): number => {
  const chars = [...p.name];
  const smallest = minCap(p.font);
  let count = 0;
  while (count < chars.length && fitsAt(chars.slice(0, count + 1).join(''), p, smallest)) count++;
  return count;
};

/** Diameter of the drainage hole, mm. */
export const drainDiameter = (width: number): number => Math.min(14, Math.max(6, width * 0.12));

/** "an 80 mm", "a 90 mm": numbers read aloud starting with a vowel sound take "an". */
const article = (value: number): string => (/^8/.test(String(value)) || value === 11 || value === 18 ? 'an' : 'a');

export const planter = defineDesign<PlanterParams>({
  id: 'planter',
  // 2: outline typefaces with kerning replace the single-stroke font.
  version: 2,
  name: 'Planter',
  description: 'A tapered plant pot with a name engraved on its front face.',
  params: [
    {
      key: 'name', type: 'text', unit: 'text', label: 'Name', help: 'Engraved on the front; longer names get smaller letters',
      minLength: 1, maxLength: 16, default: 'BASIL', letteredIn: 'font',
    },
    { key: 'width', type: 'number', unit: 'mm', label: 'Width', help: 'Outside width across the top, from one flat face to the opposite one', min: 50, max: WIDTH_MAX, step: 5, default: 90 },
    { key: 'height', type: 'number', unit: 'mm', label: 'Height', help: 'Outside height, floor included', min: 40, max: 160, step: 5, default: 80 },
    {
      key: 'shape', type: 'choice', unit: 'choice', label: 'Shape', help: 'Square pots have the widest face for a long name',
      options: [{ value: 'hexagon', label: 'Hexagon' }, { value: 'square', label: 'Square' }], default: 'hexagon',
    },
    {
      key: 'drainage', type: 'choice', unit: 'choice', label: 'Drainage', help: 'A hole in the floor lets extra water out; stand the pot on a saucer',
      options: [{ value: 'none', label: 'No hole' }, { value: 'hole', label: 'Drainage hole' }], default: 'hole',
    },
    fontParam(`The serif's fine strokes need letters of at least ${minCap('serif')} mm, so long names fit better in the sans`),
  ],
  rules: [
    {
      fields: ['name', 'width', 'shape'],
      check: (p) => {
        if (nameLayout(p)) return null;
        const fit = fittingCharacters(p);
        const chars = [...p.name];
        const shape = `${p.width} mm ${SHAPE_LABELS[p.shape]}`;
        const remedies = [
          'a shorter name', ...(p.width < WIDTH_MAX ? ['a wider planter'] : []), ...(p.shape === 'square' ? [] : ['the square shape']),
          ...(minCap(p.font) > MIN_CAP ? ['the sans typeface'] : []),
        ];
        const remedy = remedies.length > 1 ? `${remedies.slice(0, -1).join(', ')} or ${remedies.at(-1)}` : remedies[0];
        return `The name is too long for ${article(p.width)} ${shape} planter: at most ${fit} of its ${chars.length} characters fit ("${chars.slice(0, fit).join('').trimEnd()}"). Choose ${remedy}.`;
      },
    },
    {
      fields: ['height', 'width'],
      check: (p) => {
        const minWidth = Math.ceil(p.height / MAX_HEIGHT_PER_WIDTH);
        return p.width < minWidth
          ? `A ${p.height} mm tall planter needs to be at least ${minWidth} mm wide, or it tips over easily once watered: make it wider or lower.`
          : null;
      },
    },
  ],
  // Worst case measured: 16 × '@' (the most detailed glyph) on a 160 mm square pot, 7,488 triangles.
  budget: { maxTriangles: 8_000, maxSegments: SEGMENTS },
  prepare: prepareText,
  size: (p): Vec3 => {
    const corners = ring(SIDES[p.shape], p.width / 2, 0);
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    return [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), p.height];
  },
  build: (p) => {
    const shape = planterShape(p);
    const layout = nameLayout(p);
    if (!layout) throw new Error(`planter: "${p.name}" does not fit; validate params before building`);
    const { sides, taper } = shape;
    const outer = frustum(sides, { apothem: shape.bottomApothem, z: 0 }, { apothem: shape.topApothem, z: p.height });
    // Faces of the cavity run parallel to the outer ones, WALL away measured square to them.
    const inset = WALL / Math.cos(taper);
    const cavityTop = p.height + 1;
    const cavity = frustum(
      sides,
      { apothem: apothemAt(shape, p.height, FLOOR) - inset, z: FLOOR },
      { apothem: apothemAt(shape, p.height, cavityTop) - inset, z: cavityTop },
    );
    const cutters = [cavity];
    if (p.drainage === 'hole') {
      cutters.push(fromGeom3(primitives.cylinder({ radius: drainDiameter(p.width) / 2, height: FLOOR + 2, center: [0, 0, FLOOR / 2], segments: SEGMENTS })));
    }
    const pot = difference(outer, ...cutters);
    // Engrave in the face's own frame (face in z = 0, outward +z) and turn the pot back
    // upright afterwards: cutting text whose vertices went through a rotation gives the kernel
    // nearly-collinear points and, now and then, zero-area triangles.
    const centre: Vec3 = [0, -apothemAt(shape, p.height, layout.centreZ), layout.centreZ];
    const tilt = Math.PI / 2 + taper; // turns the text's +z (out of the face) to the face's outward normal
    const letters = translate([0, 0, -ENGRAVE_DEPTH], textSolid(p.name, { font: p.font, height: layout.cap, depth: ENGRAVE_DEPTH + OVERCUT }));
    const faceUp = rotate([-tilt, 0, 0], translate([-centre[0], -centre[1], -centre[2]], pot));
    return translate(centre, rotate([tilt, 0, 0], difference(faceUp, letters)));
  },
});
