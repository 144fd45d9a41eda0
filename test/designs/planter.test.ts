// Planter checks the catalogue sweep cannot make: walls and floor as thick as promised, the
// engraving as deep as promised and wholly on the front face, the name rule's character
// count matching what fits, and a drainage hole through the floor.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateValidated } from '../../functions/designs/generate.ts';
import { drainDiameter, nameLayout, planter, planterShape } from '../../functions/designs/planter.ts';
import { layoutText } from '../../functions/designs/text.ts';
import type { Params } from '../../functions/designs/types.ts';
import { loadAllTypefaces } from '../../functions/designs/typefaces/registry.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { evaluateSolid, extrudeShapes, loadManifold, measureMesh, type Mesh } from '../../functions/mesh/index.ts';

// What the planter promises, stated here independently of the design's own constants.
const WALL = 2.4;
const FLOOR = 3;
const ENGRAVE_DEPTH = 0.8;
const SIDE_MARGIN = 3;
const HOLE_SEGMENTS = 24;

type PlanterInput = { name: string; width: number; height: number; shape: string; drainage: string; font: string };

beforeAll(() => loadAllTypefaces());

const valid = (input: Partial<PlanterInput>): PlanterInput => {
  const result = validateParams(planter, input);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.params as PlanterInput;
};

const frustumVolume = (sides: number, bottomApothem: number, topApothem: number, height: number): number =>
  (sides * Math.tan(Math.PI / sides) * height * (bottomApothem ** 2 + bottomApothem * topApothem + topApothem ** 2)) / 3;

/** Volumes of the solid pot, its cavity and its drainage hole, from the promises above. */
const expectedVolumes = (p: PlanterInput) => {
  const s = planterShape(p);
  const apothemAt = (z: number) => s.bottomApothem + ((s.topApothem - s.bottomApothem) * z) / p.height;
  const inset = WALL / Math.cos(s.taper);
  const r = drainDiameter(p.width) / 2;
  return {
    outer: frustumVolume(s.sides, s.bottomApothem, s.topApothem, p.height),
    cavity: frustumVolume(s.sides, apothemAt(FLOOR) - inset, apothemAt(p.height) - inset, p.height - FLOOR),
    hole: p.drainage === 'hole' ? 0.5 * HOLE_SEGMENTS * r * r * Math.sin((2 * Math.PI) / HOLE_SEGMENTS) * FLOOR : 0,
  };
};

/** Area in mm² of the name's outline as the design lays it out. */
const nameArea = async (p: PlanterInput): Promise<number> => {
  const layout = nameLayout(p)!;
  const shapes = layoutText(p.name, { font: p.font, height: layout.cap }).shapes;
  return measureMesh(await evaluateSolid(extrudeShapes(shapes, 1))).volume;
};

const hullVolume = async (mesh: Mesh): Promise<number> => {
  const wasm = await loadManifold();
  const solid = new wasm.Manifold(new wasm.Mesh({ numProp: 3, vertProperties: mesh.positions, triVerts: mesh.indices }));
  const hull = solid.hull();
  try {
    return hull.volume();
  } finally {
    hull.delete();
    solid.delete();
  }
};

const build = async (p: PlanterInput) => generateValidated(planter, p as unknown as Params);

describe('planter', () => {
  it('holds more soil the taller it is, inside 2.4 mm walls on a 3 mm floor', async () => {
    const capacities: number[] = [];
    for (const height of [50, 90, 130]) {
      const p = valid({ name: 'FERN', width: 100, height, shape: 'hexagon', drainage: 'none' });
      const built = await build(p);
      const { outer, cavity } = expectedVolumes(p);
      const hull = await hullVolume(built.mesh);
      // The pot is convex outside, so its hull is the outer shell and hull - volume is what it holds.
      expect(hull / outer).toBeCloseTo(1, 4);
      const capacity = hull - built.measurements.volume;
      const engraved = (await nameArea(p)) * ENGRAVE_DEPTH;
      expect(Math.abs(capacity - engraved - cavity) / cavity).toBeLessThan(1e-3);
      capacities.push(capacity);
    }
    expect(capacities[1]).toBeGreaterThan(capacities[0] * 1.5);
    expect(capacities[2]).toBeGreaterThan(capacities[1] * 1.3);
  });

  it.each([
    ['the default pot', {}],
    ['a long name on a hexagon', { name: 'LEMON THYME', width: 110, shape: 'hexagon' }],
    ['a big square pot', { name: 'Monstera', width: 150, height: 140, shape: 'square', drainage: 'none' }],
    ['a small low pot', { name: 'Mint', width: 55, height: 40 }],
  ] as const)('engraves the name 0.8 mm deep over its whole area: %s', async (_label, input) => {
    const p = valid(input);
    const built = await build(p);
    const { outer, cavity, hole } = expectedVolumes(p);
    const removed = outer - cavity - hole - built.measurements.volume;
    const expected = (await nameArea(p)) * ENGRAVE_DEPTH;
    expect(expected).toBeGreaterThan(20);
    // Shallower, deeper, or partly off the face (past a corner, into air) would all change this.
    expect(Math.abs(removed - expected)).toBeLessThan(0.01 * expected + 0.5);
  });

  it('keeps the engraving on the front face, 3 mm clear of its edges, and parallel to it', async () => {
    const p = valid({ name: 'ROSEMARY', width: 110, height: 90, shape: 'hexagon', drainage: 'hole' });
    const { mesh } = await build(p);
    const s = planterShape(p);
    const apothemAt = (z: number) => s.bottomApothem + ((s.topApothem - s.bottomApothem) * z) / p.height;
    // Signed distance from the front face's plane, positive outside.
    const outside = (y: number, z: number) => (-y - apothemAt(z)) * Math.cos(s.taper);
    let floorVertices = 0;
    for (let v = 0; v < mesh.positions.length / 3; v++) {
      const [x, y, z] = [mesh.positions[3 * v], mesh.positions[3 * v + 1], mesh.positions[3 * v + 2]];
      if (y > 0) continue;
      const d = outside(y, z);
      if (Math.abs(d + ENGRAVE_DEPTH) < 1e-3) {
        floorVertices++;
        const halfFace = apothemAt(z) * Math.tan(Math.PI / s.sides);
        expect(Math.abs(x)).toBeLessThanOrEqual(halfFace - SIDE_MARGIN + 1e-3);
      } else if (Math.abs(d) > 1e-3 && d > -WALL + 1e-3 && Math.abs(x) < apothemAt(z) * Math.tan(Math.PI / s.sides) - 1) {
        throw new Error(`a vertex ${d.toFixed(3)} mm from the front face is neither on it nor on the engraving floor`);
      }
    }
    expect(floorVertices).toBeGreaterThan(50);
  });

  it('says how many characters fit, and exactly that many do', () => {
    const name = 'FIDDLE LEAF FIGS';
    const result = validateParams(planter, { name, width: 80, shape: 'hexagon' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const message = result.errors.find((e) => e.code === 'rule')!;
    expect(message.field).toBe('name');
    const match = /an 80 mm hexagonal planter: at most (\d+) of its 16 characters fit/.exec(message.message);
    expect(match, message.message).not.toBeNull();
    const fit = Number(match![1]);
    expect(fit).toBeGreaterThan(3);
    expect(validateParams(planter, { name: name.slice(0, fit), width: 80, shape: 'hexagon' }).ok).toBe(true);
    expect(validateParams(planter, { name: name.slice(0, fit + 1), width: 80, shape: 'hexagon' }).ok).toBe(false);
    // The same name fits a wider pot, or the square shape with its wider face.
    expect(validateParams(planter, { name, width: 160, shape: 'hexagon' }).ok).toBe(true);
    expect(validateParams(planter, { name, width: 80, shape: 'square' }).ok).toBe(true);
  });

  it('gives short names big letters and long ones smaller, never under 5 mm', () => {
    const pot = { width: 120, height: 100, shape: 'hexagon', drainage: 'hole', font: 'sans' };
    const short = nameLayout({ ...pot, name: 'FERN' })!;
    const long = nameLayout({ ...pot, name: 'SWEET BASIL' })!;
    expect(short.cap).toBeGreaterThan(long.cap);
    expect(long.cap).toBeGreaterThanOrEqual(5);
    expect(short.cap).toBeLessThanOrEqual(100 / 4);
  });

  it('drains through a hole in the floor', async () => {
    const closed = valid({ width: 120, height: 100, drainage: 'none' });
    const open = { ...closed, drainage: 'hole' };
    const difference = (await build(closed)).measurements.volume - (await build(open)).measurements.volume;
    expect(difference / expectedVolumes(open).hole).toBeCloseTo(1, 3);
  });

  it('refuses a pot too tall for its width, saying how wide it must be', () => {
    const tooNarrow = validateParams(planter, { name: 'IVY', height: 160, width: 60 });
    expect(tooNarrow.ok).toBe(false);
    if (!tooNarrow.ok) expect(tooNarrow.errors).toContainEqual(expect.objectContaining({ field: 'height', code: 'rule', message: expect.stringContaining('at least 64 mm wide') }));
    expect(validateParams(planter, { name: 'IVY', height: 160, width: 65 }).ok).toBe(true);
  });
});
