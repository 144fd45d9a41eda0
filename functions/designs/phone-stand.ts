// A phone or tablet stand: a side profile (base, leaning back support, slot, front lip, rear
// leg) extruded to width, standing on its base. The slot is exactly the device's thickness,
// square to the device; an optional gap lets a charging plug through from below. The footprint
// always reaches behind the top of the back support, so a leaning device cannot tip it over.
// Every face either rests on the plate, faces up, or overhangs at most 40° (angle ≥ 50°), so it
// prints standing, with no supports.
import { maths, primitives } from '../mesh/jscad.ts';
import { difference, extrudeShapes, transform, translate } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';
import { defineDesign } from './types.ts';

type PhoneStandParams = { deviceThickness: number; angle: number; width: number; support: number; lip: number; cable: string };

/** A point in the side profile: [y (forward is negative), z (up)] in mm. */
export type ProfilePoint = [number, number];

const BASE = 4; // mm, thickness of the base plate
const PLATE = 4; // mm, thickness of the back support, square to it
const LEG = 4; // mm, thickness of the rear leg
const CAP = 4; // mm of solid above the opening under the back support
const LIP = 4; // mm, thickness of the front lip, square to the device
const FRONT_WALL = 4; // mm of solid kept at the front when the slot is raised
const CABLE_GAP = 16; // mm wide: room for a USB-C or Lightning plug with its sleeve
const PLUG_ROOM = 40; // mm below the slot along the device, for plug, sleeve and the cable's bend
const GAP_RECESS = 0.5; // mm the cable gap cuts into the face of the back support
const MIN_SIDE = 17; // mm of slot either side of the cable gap
const MIN_WIDTH_PER_HEIGHT = 0.5; // narrower than half its height and it tips over sideways

const degrees = (deg: number): number => (deg * Math.PI) / 180;

/** The stand's side profile and the frame of its slot, in profile coordinates. */
export interface StandProfile {
  /** Outline, counter-clockwise. */
  outline: ProfilePoint[];
  /** The opening under the back support (saves material, keeps every overhang printable). */
  opening: ProfilePoint[];
  /** Back corner of the slot floor, where the device's lower edge rests. */
  slotCorner: ProfilePoint;
  /** Unit vector up along the device, and unit vector out of its screen. */
  along: ProfilePoint;
  out: ProfilePoint;
  /** Height of the lip's top edge. */
  lipTop: number;
  /** Front and back of the footprint, and the overall height. */
  front: number;
  back: number;
  height: number;
}

const add = (a: ProfilePoint, b: ProfilePoint, scale = 1): ProfilePoint => [a[0] + b[0] * scale, a[1] + b[1] * scale];

/** Height of the slot's back corner above the table: raised for the charging plug when asked. */
const slotHeight = (p: PhoneStandParams): number => (p.cable === 'gap' ? PLUG_ROOM * Math.sin(degrees(p.angle)) : BASE);

/** Overall height in mm: the top of the back support. */
export const standHeight = (p: PhoneStandParams): number => slotHeight(p) + p.support * Math.sin(degrees(p.angle));

/** Keeps the part of a convex polygon with y >= minY (one Sutherland-Hodgman pass). */
const clipBehind = (polygon: ProfilePoint[], minY: number): ProfilePoint[] => {
  const kept: ProfilePoint[] = [];
  polygon.forEach((current, i) => {
    const next = polygon[(i + 1) % polygon.length];
    const inside = current[0] >= minY;
    if (inside) kept.push(current);
    if (inside !== next[0] >= minY) {
      const t = (minY - current[0]) / (next[0] - current[0]);
      kept.push([minY, current[1] + t * (next[1] - current[1])]);
    }
  });
  return kept;
};

export const standProfile = (p: PhoneStandParams): StandProfile => {
  const a = degrees(p.angle);
  const along: ProfilePoint = [Math.cos(a), Math.sin(a)];
  const out: ProfilePoint = [-Math.sin(a), Math.cos(a)];
  const corner: ProfilePoint = [0, slotHeight(p)];
  const height = standHeight(p);
  const supportTop = add(corner, along, p.support);
  // The rear leg sits where the underside of the back support is CAP below the top.
  const back = supportTop[0] + PLATE / Math.sin(a) - CAP / Math.tan(a) + LEG;
  const slotFront = add(corner, out, p.deviceThickness);
  const lipTopInside = add(slotFront, along, p.lip);
  const lipTopOutside = add(lipTopInside, out, LIP);
  // The lip's outer face runs parallel to the device down to the slot's height, then straight down.
  const front = -(p.deviceThickness + LIP) / Math.sin(a);
  const outline: ProfilePoint[] = [
    [front, 0],
    [back, 0],
    [back, height],
    supportTop,
    corner,
    slotFront,
    lipTopInside,
    lipTopOutside,
    [front, corner[1]],
  ];
  // Under the back support: bounded by the base, the rear leg and the support's underside.
  const undersideAt = (z: number): number => (z - corner[1]) / Math.tan(a) + PLATE / Math.sin(a);
  const opening = clipBehind(
    [
      [undersideAt(BASE), BASE],
      [back - LEG, BASE],
      [back - LEG, height - CAP],
    ],
    front + FRONT_WALL,
  );
  return { outline, opening, slotCorner: corner, along, out, lipTop: lipTopOutside[1], front, back, height };
};

/** Turns profile coordinates (y, z, and x along the width) into the world: x, y, z. */
const STAND_UP = maths.mat4.fromValues(0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1);

const polygon = (points: ProfilePoint[]) => primitives.polygon({ points });

export const phoneStand = defineDesign<PhoneStandParams>({
  id: 'phone-stand',
  version: 1,
  name: 'Phone or tablet stand',
  description: 'A desk stand with a slot made to your device\'s thickness, at the angle you like to look at it.',
  params: [
    { key: 'deviceThickness', type: 'number', unit: 'mm', label: 'Device thickness', help: 'Your phone or tablet in its case; the slot is exactly this wide, so add about 0.5 mm for an easy fit', min: 6, max: 16, step: 0.5, default: 11 },
    { key: 'angle', type: 'number', unit: 'deg', label: 'Viewing angle', help: 'Angle between the desk and the screen: 90° would be upright', min: 50, max: 80, step: 1, default: 65 },
    { key: 'width', type: 'number', unit: 'mm', label: 'Width', help: 'Side to side; tablets stand steadier on a wider stand', min: 40, max: 160, step: 5, default: 70 },
    { key: 'support', type: 'number', unit: 'mm', label: 'Back support', help: 'How far up the back of the device the stand reaches, measured along the device', min: 50, max: 150, step: 5, default: 75 },
    { key: 'lip', type: 'number', unit: 'mm', label: 'Front lip', help: 'How far the front lip reaches up the device; a low lip leaves the bottom of the screen free', min: 5, max: 25, step: 1, default: 10 },
    {
      key: 'cable', type: 'choice', unit: 'choice', label: 'Charging cable', help: 'A gap in the middle, with the slot raised, so a charging plug fits in from below',
      options: [{ value: 'none', label: 'No cable gap' }, { value: 'gap', label: 'Cable gap' }], default: 'none',
    },
  ],
  rules: [
    {
      fields: ['width', 'support', 'angle'],
      check: (p) => {
        const height = Math.round(standHeight(p));
        const minWidth = Math.ceil(standHeight(p) * MIN_WIDTH_PER_HEIGHT);
        return p.width < minWidth
          ? `A stand ${height} mm tall needs to be at least ${minWidth} mm wide, or it tips over sideways: make it wider or shorten the back support.`
          : null;
      },
    },
    {
      fields: ['width', 'cable'],
      check: (p) => {
        const minWidth = CABLE_GAP + 2 * MIN_SIDE;
        return p.cable === 'gap' && p.width < minWidth
          ? `A charging-cable gap needs a stand at least ${minWidth} mm wide, so the device still rests on both sides of the gap.`
          : null;
      },
    },
  ],
  // Straight edges only (no circles); the most measured, with the cable gap, is 84 triangles.
  budget: { maxTriangles: 100, maxSegments: 0 },
  size: (p): Vec3 => {
    const { front, back, height } = standProfile(p);
    return [p.width, back - front, height];
  },
  build: (p) => {
    const profile = standProfile(p);
    const body = extrudeShapes([polygon(profile.outline)], p.width);
    const opening = translate([0, 0, -1], extrudeShapes([polygon(profile.opening)], p.width + 2));
    const cutters = [opening];
    if (p.cable === 'gap') {
      // In a band across the middle: everything in front of the back support up to above the
      // lip, and GAP_RECESS into the support (a cut flush with its face leaves zero-area
      // triangles along the slot corner). The recess ends in a steep slope, not a ledge.
      const { slotCorner: c, along, out } = profile;
      const recessAt = (z: number): ProfilePoint => [c[0] + ((z - c[1]) * along[0]) / along[1] + GAP_RECESS / along[1], z];
      const recessTop = recessAt(profile.lipTop + 1);
      const endOfRecess = add(add(recessTop, out, 1.5 * GAP_RECESS), along, 2 * GAP_RECESS);
      const band = polygon([[profile.front - 1, -1], recessAt(-1), recessTop, endOfRecess, [profile.front - 1, endOfRecess[1]]]);
      cutters.push(translate([0, 0, (p.width - CABLE_GAP) / 2], extrudeShapes([band], CABLE_GAP)));
    }
    return transform(STAND_UP, difference(body, ...cutters));
  },
});
