// A knob made to a shaft: a potentiometer, a stove or a machine spindle. The bore is the
// shaft's diameter plus a 0.2 mm slide fit, with the flat of a D-shaft or a teardrop hole for an
// M3 set screw on a round shaft. Printed as delivered: face down, bore opening upward; the set
// screw hole is a teardrop pointing up, so nothing overhangs more than 45°.
import { geometries, maths } from '../mesh/jscad.ts';
import { difference, extrudeShapes, transform, translate, type Solid } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';
import { defineDesign } from './types.ts';
import { exact, teardropSection } from './section.ts';

type KnobParams = { shaftDiameter: number; shaft: string; diameter: number; height: number; grip: string };

const FIT = 0.2; // mm added to the shaft for a slide fit
const FACE = 3; // mm of solid face under the bore
const MIN_WALL = 4; // mm of plastic between bore and grip
const D_FLAT = 0.75; // across the flat, as a share of the diameter (6 mm → 4.5 mm, the common pot shaft)
const SET_SCREW = 2.9; // mm, an M3 screw cuts its own thread
const FLUTES = 12; // a multiple of 4, so the outline reaches its radius on both axes
const FLUTE_DEPTH = 1; // mm
const SEGMENTS = 96; // outline points, 8 per flute
const BORE_SEGMENTS = 32;
const PAST = 1; // mm cutters reach beyond the faces they open

const gripDepth = (p: KnobParams): number => (p.grip === 'fluted' ? FLUTE_DEPTH : 0);
const wallOf = (p: KnobParams): number => (p.diameter / 2 - gripDepth(p)) - (p.shaftDiameter + FIT) / 2;

/** The outline: a circle, or one with rounded flutes whose crests touch the full radius. */
const outline = (p: KnobParams): [number, number][] => {
  const radius = p.diameter / 2;
  return Array.from({ length: SEGMENTS }, (_, i) => {
    const angle = (2 * Math.PI * i) / SEGMENTS;
    const r = radius - (gripDepth(p) * (1 - Math.cos(FLUTES * angle))) / 2;
    return [exact(r * Math.cos(angle)), exact(r * Math.sin(angle))];
  });
};

/** The bore's section: a circle, or a D whose flat faces +y (the set screw, when round, faces +x). */
const boreSection = (p: KnobParams): [number, number][] => {
  const r = (p.shaftDiameter + FIT) / 2;
  if (p.shaft !== 'd-shaft') return Array.from({ length: BORE_SEGMENTS }, (_, i) => [r * Math.cos((2 * Math.PI * i) / BORE_SEGMENTS), r * Math.sin((2 * Math.PI * i) / BORE_SEGMENTS)]);
  const flat = p.shaftDiameter * D_FLAT + FIT - r; // y of the flat, from the centre
  const start = Math.asin(flat / r); // the arc runs from the flat's right end round to its left end
  const end = Math.PI - start;
  const steps = BORE_SEGMENTS;
  return Array.from({ length: steps + 1 }, (_, i) => {
    const a = end + ((2 * Math.PI - (end - start)) * i) / steps;
    return [r * Math.cos(a), r * Math.sin(a)];
  });
};

/** A horizontal M3 hole from the bore out through the wall along +x, teardrop apex up. */
const setScrewHole = (p: KnobParams, z: number): Solid => {
  const r = SET_SCREW / 2;
  const teardrop = teardropSection(r, 12);
  // Columns: the section's u → y, v → z (apex up), extrusion → x.
  const start = (p.shaftDiameter + FIT) / 4;
  const place = maths.mat4.fromValues(0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, start, 0, z, 1);
  return transform(place, extrudeShapes([teardrop], p.diameter / 2 - start + PAST));
};

export const knob = defineDesign<KnobParams>({
  id: 'knob',
  version: 1,
  name: 'Knob',
  description: 'A replacement knob made to your shaft: D-shaft or round with a set screw, fluted or smooth.',
  params: [
    { key: 'shaftDiameter', type: 'number', unit: 'mm', label: 'Shaft diameter', help: 'Measure the shaft with calipers; the hole is made 0.2 mm larger so it slides on', min: 3, max: 12, step: 0.5, default: 6 },
    {
      key: 'shaft', type: 'choice', unit: 'choice', label: 'Shaft type', help: 'A D-shaft has one flat side (most potentiometers); a round shaft is held by an M3 set screw',
      options: [{ value: 'd-shaft', label: 'D-shaft (flat side)' }, { value: 'round', label: 'Round, M3 set screw' }], default: 'd-shaft',
    },
    { key: 'diameter', type: 'number', unit: 'mm', label: 'Knob diameter', help: 'Across the knob', min: 15, max: 60, step: 1, default: 30 },
    { key: 'height', type: 'number', unit: 'mm', label: 'Height', help: 'From the face to the back; the shaft goes in up to 3 mm short of the face', min: 12, max: 30, step: 1, default: 16 },
    {
      key: 'grip', type: 'choice', unit: 'choice', label: 'Grip', help: 'Flutes give fingers something to hold',
      options: [{ value: 'fluted', label: 'Fluted' }, { value: 'smooth', label: 'Smooth' }], default: 'fluted',
    },
  ],
  rules: [
    {
      fields: ['diameter', 'shaftDiameter', 'grip'],
      check: (p) => {
        const least = Math.ceil(p.shaftDiameter + FIT + 2 * (MIN_WALL + gripDepth(p)));
        return wallOf(p) < MIN_WALL
          ? `A ${p.shaftDiameter} mm shaft needs a ${p.grip} knob at least ${least} mm across, so at least ${MIN_WALL} mm of plastic holds it: make the knob larger`
          : null;
      },
    },
  ],
  // The range ends measured at most 640 triangles (smallest fluted knob, round shaft and set screw).
  budget: { maxTriangles: 1_000, maxSegments: SEGMENTS },
  size: (p): Vec3 => [p.diameter, p.diameter, p.height],
  build: (p) => {
    const body = extrudeShapes([geometries.geom2.fromPoints(outline(p))], p.height);
    const boreDepth = p.height - FACE;
    const bore = translate([0, 0, FACE], extrudeShapes([geometries.geom2.fromPoints(boreSection(p))], boreDepth + PAST));
    return p.shaft === 'round' ? difference(body, bore, setScrewHole(p, FACE + boreDepth / 2)) : difference(body, bore);
  },
});
