// A stick-on cable organizer: a row of C-shaped clips on a flat strip that goes under a desk
// edge or along a wall with double-sided tape. Each clip's entry gap is narrower than the
// cable, so the cable snaps in and stays.
//
// Printed on its side: the clip profile lies on the bed and is extruded upwards by the clip
// width, so nothing overhangs and the clips flex within their layers, not across them.
import { geometries, type Geom2 } from '../mesh/jscad.ts';
import { extrudeShapes } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';
import { defineDesign } from './types.ts';
import { exact } from './section.ts';

type CableOrganizerParams = { cableDiameter: number; cableCount: number; entryGap: number; width: number; baseThickness: number };

const SEGMENTS = 48; // per full circle
const CLEARANCE = 0.25; // mm between cable and clip, on the radius
const SPACING = 2; // mm between neighbouring clips, so each flexes on its own
const MIN_GAP_SHARE = 0.6; // a gap below 60 % of the cable makes the clip crack rather than open
const MIN_GRIP = 0.5; // mm the gap must be narrower than the cable to hold it

/** Where each clip is and how it is shaped; exported so tests can probe the promise. */
export interface ClipLayout {
  /** x of each clip's centre, with the whole part centred on x = 0. */
  centres: number[];
  /** y of the clip centres, measured from the flat back (y = 0). */
  centreY: number;
  innerRadius: number;
  outerRadius: number;
  /** Narrowest width of the entry, mm. */
  gap: number;
  /** The straight, narrowest part of the entry runs from innerY to leadY; above it a 45° lead-in opens by `lead` each side. */
  innerY: number;
  leadY: number;
  lead: number;
  stripLength: number;
  /** Overall height of the profile from the back: the tips of the clips. */
  height: number;
}

const wallFor = (cableDiameter: number): number => 1.2 + 0.15 * cableDiameter;

export const clipLayout = (p: CableOrganizerParams): ClipLayout => {
  const innerRadius = p.cableDiameter / 2 + CLEARANCE;
  const wall = wallFor(p.cableDiameter);
  const outerRadius = innerRadius + wall;
  const pitch = 2 * outerRadius + SPACING;
  const stripLength = p.cableCount * pitch;
  // Each clip sinks into the strip (up to a wall thickness) but never through its back.
  const sink = Math.min(wall, p.baseThickness - 0.5);
  const centreY = p.baseThickness - sink + outerRadius;
  const half = p.entryGap / 2;
  const lead = wall / 2; // 45° lead-in on each side of the entry
  const outerY = centreY + Math.sqrt(outerRadius ** 2 - (half + lead) ** 2);
  return {
    centres: Array.from({ length: p.cableCount }, (_, i) => -stripLength / 2 + pitch / 2 + i * pitch),
    centreY,
    innerRadius,
    outerRadius,
    gap: p.entryGap,
    innerY: centreY + Math.sqrt(innerRadius ** 2 - half ** 2),
    leadY: outerY - lead,
    lead,
    stripLength,
    height: outerY,
  };
};

/** Points on a circle from angle a0 to a1 (radians, a1 > a0), both ends included, on the SEGMENTS grid between. */
const arc = (cx: number, cy: number, r: number, a0: number, a1: number, reverse = false): [number, number][] => {
  const step = (2 * Math.PI) / SEGMENTS;
  const angles = [a0];
  for (let k = Math.ceil(a0 / step); k * step < a1; k++) {
    const a = k * step;
    if (a - a0 > step / 4 && a1 - a > step / 4) angles.push(a);
  }
  angles.push(a1);
  const points = angles.map((a) => [cx + r * exact(Math.cos(a)), cy + r * exact(Math.sin(a))] as [number, number]);
  return reverse ? points.reverse() : points;
};

/** One C-shaped clip outline: outer arc round the bottom, lead-in, straight entry, inner arc back. */
const clipOutline = (layout: ClipLayout, cx: number): Geom2 => {
  const { centreY: cy, innerRadius: ri, outerRadius: ro, gap, innerY, leadY, lead } = layout;
  const half = gap / 2;
  const outerAngle = Math.asin((half + lead) / ro); // from straight up
  const innerAngle = Math.asin(half / ri);
  const up = Math.PI / 2;
  const points: [number, number][] = [
    ...arc(cx, cy, ro, up + outerAngle, up - outerAngle + 2 * Math.PI), // left tip, round the bottom, right tip
    [cx + half, leadY],
    [cx + half, innerY],
    ...arc(cx, cy, ri, up + innerAngle, up - innerAngle + 2 * Math.PI, true).slice(1, -1),
    [cx - half, innerY],
    [cx - half, leadY],
  ];
  return geometries.geom2.fromPoints(points);
};

export const cableOrganizer = defineDesign<CableOrganizerParams>({
  id: 'cable-organizer',
  version: 1,
  name: 'Cable organizer',
  description: 'A row of snap-in cable clips on a strip you stick under a desk or along a wall.',
  params: [
    { key: 'cableDiameter', type: 'number', unit: 'mm', label: 'Cable diameter', help: 'Measure the thickest cable; charging cables are about 3-4 mm, power cords 6-8 mm', min: 3, max: 12, step: 0.5, default: 5 },
    { key: 'cableCount', type: 'number', unit: 'count', label: 'Cables', help: 'How many clips in the row', min: 1, max: 8, step: 1, default: 4 },
    { key: 'entryGap', type: 'number', unit: 'mm', label: 'Entry gap', help: 'Opening the cable is pressed through; narrower than the cable so it snaps in', min: 2, max: 10, step: 0.5, default: 3.5 },
    { key: 'width', type: 'number', unit: 'mm', label: 'Clip width', help: 'How far each clip runs along the cable; wider holds firmer', min: 8, max: 25, step: 1, default: 12 },
    { key: 'baseThickness', type: 'number', unit: 'mm', label: 'Strip thickness', help: 'Thickness of the strip that carries the tape', min: 2, max: 5, step: 0.5, default: 3 },
  ],
  rules: [
    {
      fields: ['entryGap', 'cableDiameter'],
      check: (p) =>
        p.entryGap > p.cableDiameter - MIN_GRIP
          ? `An entry gap of ${p.entryGap} mm would let a ${p.cableDiameter} mm cable fall out: make the gap at most ${p.cableDiameter - MIN_GRIP} mm so the cable snaps in and stays`
          : null,
    },
    {
      fields: ['entryGap', 'cableDiameter'],
      check: (p) => {
        const least = Math.ceil(MIN_GAP_SHARE * p.cableDiameter * 2) / 2;
        return p.entryGap < least
          ? `A ${p.cableDiameter} mm cable cannot be pushed through a ${p.entryGap} mm gap without cracking the clip: make the gap at least ${least} mm`
          : null;
      },
    },
  ],
  // Every valid diameter, gap and strip with 8 clips measured at most 2 476 triangles (9 mm cables).
  budget: { maxTriangles: 2_700, maxSegments: SEGMENTS },
  size: (p): Vec3 => {
    const layout = clipLayout(p);
    return [layout.stripLength, layout.height, p.width];
  },
  build: (p) => {
    const layout = clipLayout(p);
    const strip = geometries.geom2.fromPoints([
      [-layout.stripLength / 2, 0],
      [layout.stripLength / 2, 0],
      [layout.stripLength / 2, p.baseThickness],
      [-layout.stripLength / 2, p.baseThickness],
    ]);
    return extrudeShapes([strip, ...layout.centres.map((cx) => clipOutline(layout, cx))], p.width);
  },
});
