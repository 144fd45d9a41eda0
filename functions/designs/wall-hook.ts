// A screw-mounted wall hook: a back plate with two countersunk screw holes and a J-shaped
// arm for coats, bags, towels or tools.
//
// Printed on its side: the J profile lies on the bed and is extruded upwards by the hook's
// width, so the arm needs no support and its layers run along the load, not across it. The
// screw holes then run sideways through the plate: they are teardrop-shaped (a 45° roof
// instead of a flat ceiling) and the 90° countersink overhangs at 45°, so they print clean too.
import { geometries, maths, primitives, type Mat4 } from '../mesh/jscad.ts';
import { difference, extrudeShapes, fromGeom3, rotate, transform, type Solid } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';
import { defineDesign } from './types.ts';
import { exact } from './section.ts';

type WallHookParams = { hookDepth: number; plateHeight: number; width: number; thickness: number; screw: string };

const SEGMENTS = 32; // per full circle
const HOLE_CLEARANCE = 0.5; // mm over the screw's nominal diameter
const HEAD_CLEARANCE = 0.4; // mm over the countersunk head's diameter
const HEAD_EDGE = 2; // mm of plastic kept beside a screw head
const WEB = 3; // mm of plastic kept between the two screw heads
const UNDER_HEAD = 2; // mm of plate kept behind a countersink
const MIN_OPENING = 10; // mm between plate and tip, to hang anything at all

/**
 * The thinnest arm that carries DESIGN_LOAD at the tip without the bending stress passing
 * ALLOWED_STRESS: a cantilever of width w and thickness t reaching d has σ = 6·F·d / (w·t²).
 * PLA breaks at about 50 MPa along its layers (PETG a little lower); 20 MPa leaves room for creep and knocks.
 */
const DESIGN_LOAD = 5 * 9.81; // N: a heavy winter coat or a full bag
const ALLOWED_STRESS = 20; // N/mm²
const minThickness = (p: WallHookParams): number =>
  Math.ceil(Math.sqrt((6 * DESIGN_LOAD * p.hookDepth) / (ALLOWED_STRESS * p.width)) * 2) / 2;

interface ScrewSpec {
  hole: number;
  head: number;
  /** How deep the 90° countersink reaches into the plate. */
  sink: number;
}

const screwSpec = (p: WallHookParams): ScrewSpec => {
  const nominal = Number(p.screw);
  const hole = nominal + HOLE_CLEARANCE;
  const head = 2 * nominal + HEAD_CLEARANCE; // countersunk wood screws (DIN 7997) have heads about 2 × d
  return { hole, head, sink: (head - hole) / 2 };
};

/** The J profile's key heights, in the profile plane (x from the wall, y up). */
const profile = (p: WallHookParams) => {
  const t = p.thickness;
  const opening = p.hookDepth - 2 * t;
  const bend = Math.min(t / 2, opening / 4); // inner radius of the bend
  const gusset = Math.min(t, (opening - bend) / 2); // 45° fillet where arm meets plate
  const rise = Math.max(Math.min(Math.max(0.3 * p.hookDepth, 8), 24), t + 2); // how far the tip stands up
  return { t, opening, bend, gusset, tipTop: t + rise };
};

/** Centre heights of the lower and upper screw holes; both sit at half the width, mm. */
export const screwHoles = (p: WallHookParams): { lower: number; upper: number; z: number; hole: number; head: number } => {
  const { t, gusset, tipTop } = profile(p);
  const { hole, head } = screwSpec(p);
  // The lower screw sits above the tip, so a straight screwdriver reaches it past the hook.
  const lower = Math.max(tipTop, t + gusset) + head / 2 + HEAD_EDGE + 1;
  const upper = p.plateHeight - t / 2 - head / 2 - HEAD_EDGE;
  return { lower, upper, z: p.width / 2, hole, head };
};

/** Points on a circle from a0 to a1 radians (either way round), both ends included, SEGMENTS to a full turn. */
const arc = (cx: number, cy: number, r: number, a0: number, a1: number): [number, number][] => {
  const steps = Math.max(1, Math.round((Math.abs(a1 - a0) / (2 * Math.PI)) * SEGMENTS));
  return Array.from({ length: steps + 1 }, (_, i) => {
    const a = a0 + ((a1 - a0) * i) / steps;
    return [cx + r * exact(Math.cos(a)), cy + r * exact(Math.sin(a))] as [number, number];
  });
};

const hookOutline = (p: WallHookParams): [number, number][] => {
  const { t, bend, gusset, tipTop } = profile(p);
  const d = p.hookDepth;
  const h = p.plateHeight;
  const [bx, by] = [d - t - bend, t + bend]; // centre of the bend
  const q = Math.PI / 2;
  return [
    [0, 0],
    ...arc(bx, by, t + bend, -q, 0), // outside of the bend, ending on the tip's face x = d
    ...arc(d - t / 2, tipTop - t / 2, t / 2, 0, 2 * q), // rounded tip
    ...arc(bx, by, bend, 0, -q), // inside of the bend, back to the arm's top face y = t
    [t + gusset, t],
    [t, t + gusset],
    ...arc(t / 2, h - t / 2, t / 2, 0, 2 * q), // rounded top of the plate
  ];
};

/**
 * Turns a cutter built along z into one running through the plate along x, moved to (x, y, z):
 * local x → y, local y → z (so a teardrop's point faces up on the printer), local z → x.
 */
const throughPlate = (x: number, y: number, z: number): Mat4 => maths.mat4.fromValues(0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, x, y, z, 1);

/** A countersunk hole through the plate at height y: teardrop shank plus 90° cone at the front. */
const screwCutter = (p: WallHookParams, y: number): Solid[] => {
  const { hole, head, sink } = screwSpec(p);
  const r = hole / 2;
  // Teardrop: the circle below the 45° tangents, then the apex r·√2 above the centre.
  const teardrop = geometries.geom2.fromPoints([...arc(0, 0, r, (3 * Math.PI) / 4, (9 * Math.PI) / 4), [0, r * Math.SQRT2]]);
  const past = 1; // mm the cutters reach beyond each face
  const shank = transform(throughPlate(-past, y, p.width / 2), extrudeShapes([teardrop], p.thickness + 2 * past));
  // The cone starts `past` inside the shank (narrower than it) so the two cross cleanly instead of
  // sharing an edge, and is turned half a segment so its edges miss the shank's.
  const cone = fromGeom3(
    primitives.cylinderElliptic({
      height: sink + 2 * past,
      startRadius: [r - past, r - past],
      endRadius: [head / 2 + past, head / 2 + past],
      center: [0, 0, (sink + 2 * past) / 2],
      segments: SEGMENTS,
    }),
  );
  return [shank, transform(throughPlate(p.thickness - sink - past, y, p.width / 2), rotate([0, 0, Math.PI / SEGMENTS], cone))];
};

export const wallHook = defineDesign<WallHookParams>({
  id: 'wall-hook',
  version: 1,
  name: 'Wall hook',
  description: 'A sturdy J hook that screws to the wall, for coats, bags, towels or tools.',
  params: [
    { key: 'hookDepth', type: 'number', unit: 'mm', label: 'Reach', help: 'How far the hook stands out from the wall', min: 20, max: 80, step: 1, default: 40 },
    { key: 'plateHeight', type: 'number', unit: 'mm', label: 'Plate height', help: 'Height of the plate that screws to the wall', min: 35, max: 120, step: 1, default: 70 },
    { key: 'width', type: 'number', unit: 'mm', label: 'Width', help: 'Width of plate and arm; wider spreads the load on the wall', min: 11, max: 40, step: 1, default: 20 },
    { key: 'thickness', type: 'number', unit: 'mm', label: 'Thickness', help: 'Thickness of plate and arm; thicker carries more', min: 4, max: 10, step: 0.5, default: 6 },
    {
      key: 'screw', type: 'choice', unit: 'choice', label: 'Screws', help: 'Two countersunk wood screws of this diameter (not included)',
      options: [{ value: '3', label: '3 mm' }, { value: '4', label: '4 mm' }, { value: '5', label: '5 mm' }], default: '4',
    },
  ],
  rules: [
    {
      fields: ['thickness', 'hookDepth', 'width'],
      check: (p) => {
        const least = minThickness(p);
        return p.thickness < least
          ? `To hold 5 kg, a ${p.width} mm wide hook reaching ${p.hookDepth} mm must be at least ${least} mm thick: make it thicker, wider or shorter`
          : null;
      },
    },
    {
      fields: ['hookDepth', 'thickness'],
      check: (p) => {
        const opening = p.hookDepth - 2 * p.thickness;
        return opening < MIN_OPENING
          ? `A ${p.thickness} mm thick hook reaching ${p.hookDepth} mm leaves only ${opening} mm between wall plate and tip; it needs at least ${MIN_OPENING} mm to hang anything: reach further or make it thinner`
          : null;
      },
    },
    {
      fields: ['width', 'screw'],
      check: (p) => {
        const least = Math.ceil(screwSpec(p).head + 2 * HEAD_EDGE);
        return p.width < least
          ? `A ${p.screw} mm screw has a head about ${2 * Number(p.screw)} mm across; the hook must be at least ${least} mm wide to keep plastic around it: make it wider or pick a smaller screw`
          : null;
      },
    },
    {
      fields: ['thickness', 'screw'],
      check: (p) => {
        const least = Math.ceil((screwSpec(p).sink + UNDER_HEAD) * 2) / 2;
        return p.thickness < least
          ? `The countersink for a ${p.screw} mm screw is ${screwSpec(p).sink.toFixed(1)} mm deep; the plate must be at least ${least} mm thick to hold it: make it thicker or pick a smaller screw`
          : null;
      },
    },
    {
      fields: ['plateHeight', 'hookDepth', 'screw'],
      check: (p) => {
        const { lower, upper, head } = screwHoles(p);
        const short = lower + head + WEB - upper;
        return short > 0
          ? `Both screws must sit above the hook's tip, where a screwdriver reaches them; that needs a plate at least ${Math.ceil(p.plateHeight + short)} mm tall: make the plate taller, the reach shorter or the screws smaller`
          : null;
      },
    },
  ],
  // Every valid combination on a 2 mm / 10 mm / 0.5 mm grid measured at most 818 triangles.
  budget: { maxTriangles: 900, maxSegments: SEGMENTS },
  size: (p): Vec3 => [p.hookDepth, p.plateHeight, p.width],
  build: (p) => {
    const { lower, upper } = screwHoles(p);
    const body = extrudeShapes([geometries.geom2.fromPoints(hookOutline(p))], p.width);
    return difference(body, ...screwCutter(p, lower), ...screwCutter(p, upper));
  },
});
