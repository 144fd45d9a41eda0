// A headphone hanger that clamps onto the edge of a desk or shelf: no screws, no holes in the
// furniture. A C-shaped clamp made to the board's thickness (plus 0.3 mm to slide on), a drop
// below it, and a cradle with a lip for the headband, under the desk.
//
// Printed on its side: the profile lies on the bed and is extruded upwards by the hanger's
// width, so every wall is vertical (nothing overhangs) and the layers run along the clamp's
// arms, the way it is loaded. The profile is one polygon: one extrusion, no booleans.
import { geometries } from '../mesh/jscad.ts';
import { extrudeShapes } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';
import { defineDesign } from './types.ts';
import { bounds } from './section.ts';

type HeadphoneHangerParams = { deskThickness: number; clampDepth: number; drop: number; cradle: number; width: number; thickness: number };

const FIT = 0.3; // mm the clamp's gap is over the board's thickness
const LIP = 8; // mm the lip stands above the cradle, so the headband cannot slide off
const GUSSET = 4; // mm, 45° fillet where the drop meets the cradle and the clamp

/** The profile in its own plane: x from the desk's edge (negative: under the desk), y up from the cradle's underside. */
export const hangerOutline = (p: HeadphoneHangerParams): [number, number][] => {
  const t = p.thickness;
  const gap = p.deskThickness + FIT;
  const g = Math.min(GUSSET, p.drop / 2, p.cradle / 2);
  const cradleTop = t;
  const clampBottom = t + p.drop; // underside of the clamp's lower arm
  const top = clampBottom + 2 * t + gap;
  const back = -p.clampDepth; // where the clamp's arms end under and over the desk
  const lipX = -(p.cradle + t); // outer face of the lip
  // Counter-clockwise from the cradle's outer corner under the lip.
  return [
    [lipX, 0],
    [t, 0], // the cradle's underside, out to the drop's outer face
    [t, top], // up the outside of the drop and the clamp's back
    [back, top], // over the desk: the upper arm
    [back, top - t],
    [0, top - t], // the upper arm's underside, on the desk
    [0, clampBottom + t], // the desk's edge
    [back, clampBottom + t], // the lower arm's top, under the desk
    [back, clampBottom],
    [-g, clampBottom], // the lower arm's underside, to the fillet
    [0, clampBottom - g],
    [0, cradleTop + g], // down the inside of the drop
    [-g, cradleTop],
    [lipX + t, cradleTop], // the cradle's floor
    [lipX + t, cradleTop + LIP],
    [lipX, cradleTop + LIP],
  ];
};

export const headphoneHanger = defineDesign<HeadphoneHangerParams>({
  id: 'headphone-hanger',
  version: 1,
  name: 'Headphone hanger',
  description: 'A hanger that clamps onto the edge of your desk or shelf, made to its thickness: no screws, no holes.',
  params: [
    { key: 'deskThickness', type: 'number', unit: 'mm', label: 'Desk thickness', help: 'Measure the desk top or shelf at its edge; the clamp slides on with 0.3 mm to spare', min: 12, max: 40, step: 0.5, default: 25 },
    { key: 'clampDepth', type: 'number', unit: 'mm', label: 'Clamp depth', help: 'How far the clamp reaches onto the desk; longer holds steadier', min: 30, max: 70, step: 1, default: 45 },
    { key: 'drop', type: 'number', unit: 'mm', label: 'Drop', help: 'Space between the desk’s underside and the cradle', min: 15, max: 60, step: 1, default: 25 },
    { key: 'cradle', type: 'number', unit: 'mm', label: 'Cradle width', help: 'Room for the headband; most bands are 25–40 mm wide', min: 25, max: 55, step: 1, default: 35 },
    { key: 'width', type: 'number', unit: 'mm', label: 'Hanger width', help: 'Along the desk’s edge; wider spreads a padded band', min: 15, max: 40, step: 1, default: 25 },
    { key: 'thickness', type: 'number', unit: 'mm', label: 'Wall thickness', help: 'Thicker is stiffer and grips harder', min: 4, max: 8, step: 0.5, default: 5 },
  ],
  rules: [
    {
      fields: ['clampDepth', 'cradle'],
      check: (p) =>
        p.clampDepth < p.cradle + p.thickness
          ? `A ${p.cradle} mm cradle needs a clamp reaching at least ${p.cradle + p.thickness} mm onto the desk, or the headphones tip it off: reach further or make the cradle narrower`
          : null,
    },
  ],
  // One extrusion of a 16-point polygon: 60 triangles at every range end.
  budget: { maxTriangles: 100, maxSegments: 16 },
  size: (p): Vec3 => {
    const { minX, maxX, maxY } = bounds(hangerOutline(p));
    return [maxX - minX, maxY, p.width];
  },
  build: (p) => {
    const outline = hangerOutline(p);
    const { minX } = bounds(outline);
    return extrudeShapes([geometries.geom2.fromPoints(outline.map(([x, y]) => [x - minX, y]))], p.width);
  },
});
