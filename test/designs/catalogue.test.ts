// Every design in the catalogue, swept with fast-check: the mesh contract holds, the size
// matches the schema's promise, extremes stay in budget, bad input names the right field.
// The per-configuration checks are the design kit's (functions/designs/kit/), the same code
// `npm run design -- check` runs.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import { generateValidated } from '../../functions/designs/generate.ts';
import type { AnyDesign } from '../../functions/designs/types.ts';
import { defaultParams, validateParams } from '../../functions/designs/validate.ts';
import { read3mf, write3mf } from '../../functions/mesh/threemf.ts';
import { readStl, writeStl } from '../../functions/mesh/stl.ts';
import { verifyMesh } from '../../functions/mesh/verify.ts';
import { validParams } from '../../functions/designs/kit/arbitraries.ts';
import { extremeParams } from '../../functions/designs/kit/extremes.ts';
import { probeBuild } from '../../functions/designs/kit/probe-build.ts';
import { schemaFindings } from '../../functions/designs/kit/schema-check.ts';

beforeAll(() => prepareCatalogue());

const SWEEP_RUNS = 200;

/** No defects, size within 0.01 mm of size(), volume > 0, triangles in budget: the kit's probe. */
const expectBuildsAsPromised = async (design: AnyDesign, params: Record<string, number | string>) => {
  const { findings } = await probeBuild(design, params);
  expect(findings).toEqual([]);
};

describe.each(catalogue.map((design) => [design.id, design] as const))('%s', (_id, design) => {
  it('has a sensible schema: at most six parameters, defaults valid, units everywhere', () => {
    expect(schemaFindings(design)).toEqual([]);
    expect(validateParams(design, {})).toEqual({ ok: true, params: defaultParams(design) });
  });

  it(`keeps the mesh contract and the promised size for ${SWEEP_RUNS} random valid configurations`, async () => {
    await fc.assert(
      fc.asyncProperty(validParams(design), async (params) => {
        await expectBuildsAsPromised(design, params);
      }),
      { numRuns: SWEEP_RUNS },
    );
  }, 600_000); // a two-colour configuration builds two bodies and their union: minutes on a shared machine

  const colours = design.params.find((spec) => spec.key === 'colours');
  it.skipIf(!colours)(`in two colours keeps the contract part by part for ${SWEEP_RUNS} random valid configurations`, async () => {
    let twoPart = 0;
    await fc.assert(
      fc.asyncProperty(validParams(design, { colours: 'two' }), async (params) => {
        const { findings, built } = await probeBuild(design, params);
        expect(findings).toEqual([]);
        expect(built!.parts.map((p) => [p.role, p.colourSlot])).toEqual([['base', 0], ['letters', 1]]);
        twoPart++;
      }),
      { numRuns: SWEEP_RUNS },
    );
    expect(twoPart).toBeGreaterThanOrEqual(SWEEP_RUNS);
  }, 600_000); // two bodies, an overlap check and a union per configuration: minutes on a shared machine

  it.each(extremeParams(design).map((set) => [set.name, set.input] as const))('at the extreme "%s" builds in budget or is refused clearly', async (_name, input) => {
    const result = validateParams(design, input);
    if (!result.ok) {
      // Only a cross-field rule may refuse values that each lie inside their range.
      expect(result.errors.every((e) => e.code === 'rule' && e.message.length > 20)).toBe(true);
      return;
    }
    await expectBuildsAsPromised(design, result.params);
  });

  it('rejects bad input naming the field', () => {
    const numeric = design.params.find((p) => p.type === 'number');
    const cases: [unknown, string, string][] = [[{ nonsense: 1 }, 'nonsense', 'unknown']];
    if (numeric && numeric.type === 'number') {
      cases.push(
        [{ [numeric.key]: numeric.max + numeric.step }, numeric.key, 'too_large'],
        [{ [numeric.key]: numeric.min - numeric.step }, numeric.key, 'too_small'],
        [{ [numeric.key]: Number.NaN }, numeric.key, 'not_finite'],
        [{ [numeric.key]: Number.POSITIVE_INFINITY }, numeric.key, 'not_finite'],
        [{ [numeric.key]: String(numeric.default) }, numeric.key, 'type'],
        [{ [numeric.key]: numeric.min + numeric.step / 3 }, numeric.key, 'step'],
      );
    }
    for (const spec of design.params) {
      if (spec.type === 'text') {
        cases.push([{ [spec.key]: 'A'.repeat(spec.maxLength + 1) }, spec.key, 'too_long'], [{ [spec.key]: 'Ada 中' }, spec.key, 'charset'], [{ [spec.key]: 7 }, spec.key, 'type']);
      }
      if (spec.type === 'choice') cases.push([{ [spec.key]: 'no-such-option' }, spec.key, 'choice']);
    }
    for (const [input, field, code] of cases) {
      const result = validateParams(design, input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.errors).toContainEqual(expect.objectContaining({ field, code }));
    }
  });

  it('writes STL and 3MF that read back to the same verified mesh, byte-identical on rebuild', async () => {
    const params = defaultParams(design);
    const first = await generateValidated(design, params);
    const second = await generateValidated(design, { ...params });
    const stl = writeStl(first.mesh);
    expect(writeStl(second.mesh)).toEqual(stl);
    expect(second.hash).toBe(first.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);

    const fromStl = readStl(stl).mesh;
    expect(verifyMesh(fromStl).defects).toEqual([]);
    expect(fromStl.indices.length).toBe(first.mesh.indices.length);

    const threeMf = write3mf(first.mesh);
    expect(write3mf(second.mesh)).toEqual(threeMf);
    const fromThreeMf = read3mf(threeMf);
    expect(fromThreeMf.unit).toBe('millimeter');
    expect(verifyMesh(fromThreeMf.mesh).defects).toEqual([]);
    expect(Array.from(fromThreeMf.mesh.positions)).toEqual(Array.from(fromStl.positions));
  });
});
