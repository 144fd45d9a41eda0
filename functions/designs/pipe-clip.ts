// A snap-in clip for a pipe, hose, rod or broom handle of a given diameter, screwed to a wall
// through two ears. The ring is the pipe's diameter plus 0.2 mm; its opening is 80 % of the
// diameter, so the pipe snaps in and stays.
//
// Printed on its side: the C profile with its base lies on the bed and is extruded upwards by
// the clip's width, so the ring's walls are vertical and its layers run round the ring, the way
// it flexes. The screw holes then run sideways through the base: teardrops (a 45° roof, apex
// up on the printer) for pan-head screws, so nothing overhangs more than 45°.
import { geometries, maths, type Mat4 } from '../mesh/jscad.ts';
import { difference, extrudeShapes, transform, type Solid } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';
import { defineDesign } from './types.ts';
import { bounds, exact, teardropSection } from './section.ts';

type PipeClipParams = { diameter: number; width: number; wall: number; screw: string };

const FIT = 0.2; // mm the ring is over the pipe
const OPENING = 0.8; // the opening as a share of the pipe's diameter
const SEGMENTS = 64; // per full circle of the ring
const HOLE_SEGMENTS = 24;
const HOLE_CLEARANCE = 0.5; // mm over the screw's nominal diameter
const HEAD_EDGE = 2; // mm of plastic beside a pan head (about 2 × the screw) in each ear
const PAST = 1; // mm cutters reach beyond the faces they open
const MARGIN = 2; // mm of plastic kept above and below a screw hole across the width

const holeOf = (p: PipeClipParams): number => Number(p.screw) + HOLE_CLEARANCE;
/** Narrowest clip a teardrop hole for this screw fits in, with MARGIN above and below. */
const minWidth = (p: PipeClipParams): number => Math.ceil((holeOf(p) / 2) * (1 + Math.SQRT2) + 2 * MARGIN);
/** Stiffer walls for larger pipes: 2 mm up to 15 mm, 3.5 mm at 50 mm. */
const minWall = (p: PipeClipParams): number => Math.max(2, Math.ceil((1.5 + p.diameter / 30) * 2) / 2);

/** The ring's and ears' key sizes in the profile plane (x across, y up from the wall). */
const layout = (p: PipeClipParams) => {
  const r = (p.diameter + FIT) / 2;
  const outer = r + p.wall;
  const base = p.wall; // the base is as thick as the wall
  const centreY = base + r; // the pipe rests on the base
  const ear = 2 * Number(p.screw) + 2 * HEAD_EDGE;
  const half = outer + ear; // half the base's length
  return { r, outer, base, centreY, ear, half, holeX: outer + ear / 2 };
};

/** Points on a circle from a0 to a1 radians (either way round), both ends included. */
const arc = (cy: number, radius: number, a0: number, a1: number): [number, number][] => {
  const steps = Math.max(1, Math.ceil((Math.abs(a1 - a0) / (2 * Math.PI)) * SEGMENTS));
  return Array.from({ length: steps + 1 }, (_, i) => {
    const a = a0 + ((a1 - a0) * i) / steps;
    return [exact(radius * Math.cos(a)), cy + exact(radius * Math.sin(a))];
  });
};

/** The C on its base, counter-clockwise: one simple polygon, so the body needs no boolean. */
export const clipOutline = (p: PipeClipParams): [number, number][] => {
  const { r, outer, base, centreY, half } = layout(p);
  const tip = Math.asin(Math.min(1, (OPENING * p.diameter) / 2 / r)); // half the opening's angle, from the top
  const meet = Math.asin((centreY - base) / outer); // where the ring's outside meets the base, below its centre
  const q = Math.PI / 2;
  return [
    [-half, 0],
    [half, 0],
    [half, base],
    ...arc(centreY, outer, -meet, q - tip), // outside, right, up to the right tip
    ...arc(centreY, r, q - tip, -3 * q + tip), // inside, clockwise round the bottom to the left tip
    ...arc(centreY, outer, q + tip, Math.PI + meet), // outside, left, down to the base
    [-half, base],
  ];
};

/** Local x → −x, local y → z (the teardrop's apex up on the printer), local z → y (through the base). */
const throughBase = (x: number, z: number): Mat4 => maths.mat4.fromValues(-1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, x, -PAST, z, 1);

const screwHole = (p: PipeClipParams, x: number): Solid => {
  const r = holeOf(p) / 2;
  const teardrop = teardropSection(r, HOLE_SEGMENTS * 0.75);
  return transform(throughBase(x, p.width / 2), extrudeShapes([teardrop], layout(p).base + 2 * PAST));
};

export const pipeClip = defineDesign<PipeClipParams>({
  id: 'pipe-clip',
  version: 1,
  name: 'Pipe clip',
  description: 'A snap-in clip made to your pipe, hose, rod or broom handle, screwed to the wall.',
  params: [
    { key: 'diameter', type: 'number', unit: 'mm', label: 'Pipe diameter', help: 'Measure across the pipe or handle; the ring is 0.2 mm larger and snaps round it', min: 6, max: 50, step: 0.5, default: 22 },
    { key: 'width', type: 'number', unit: 'mm', label: 'Clip width', help: 'Along the pipe; wider holds firmer', min: 10, max: 30, step: 1, default: 15 },
    { key: 'wall', type: 'number', unit: 'mm', label: 'Wall thickness', help: 'Thicker grips harder but is harder to snap in', min: 2, max: 4, step: 0.5, default: 3 },
    {
      key: 'screw', type: 'choice', unit: 'choice', label: 'Screws', help: 'Two pan-head screws of this diameter (not included)',
      options: [{ value: '3', label: '3 mm' }, { value: '4', label: '4 mm' }, { value: '5', label: '5 mm' }], default: '4',
    },
  ],
  rules: [
    {
      fields: ['width', 'screw'],
      check: (p) =>
        p.width < minWidth(p) ? `A ${p.screw} mm screw needs a clip at least ${minWidth(p)} mm wide: make the clip wider or choose a smaller screw` : null,
    },
    {
      fields: ['wall', 'diameter'],
      check: (p) =>
        p.wall < minWall(p) ? `A ${p.diameter} mm pipe needs walls of at least ${minWall(p)} mm, or the clip lets go: choose thicker walls` : null,
    },
  ],
  // The range ends measured at most 520 triangles (the largest ring, both holes).
  budget: { maxTriangles: 700, maxSegments: SEGMENTS },
  size: (p): Vec3 => {
    const { minX, maxX, maxY } = bounds(clipOutline(p));
    return [maxX - minX, maxY, p.width];
  },
  build: (p) => {
    const { half, holeX } = layout(p);
    const body = extrudeShapes([geometries.geom2.fromPoints(clipOutline(p).map(([x, y]) => [x + half, y]))], p.width);
    return difference(body, screwHole(p, half - holeX), screwHole(p, half + holeX));
  },
});
