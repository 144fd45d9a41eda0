// `design check` against a deliberately broken design (each flaw comes back as a finding with
// a fix) and against the whole catalogue (no findings). N stays small here; the catalogue test
// sweeps 200 configurations per design with the same probe.
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, prepareCatalogue } from '../../../functions/designs/catalogue.ts';
import { checkDesign } from '../../../functions/designs/kit/check.ts';
import { FIX } from '../../../functions/designs/kit/findings.ts';
import { formatReport } from '../../../functions/designs/kit/report.ts';
import { brokenDesign } from '../../fixtures/designs/broken-design.ts';
import { refusingDesign } from '../../fixtures/designs/refusing-design.ts';

beforeAll(() => prepareCatalogue());

const N = 20;

describe('design check', () => {
  it('reports each flaw of the broken fixture, with a fix for each', async () => {
    const report = await checkDesign(brokenDesign, { n: N, largestRuns: 0 });
    const kinds = (kind: string) => report.findings.filter((f) => f.kind === kind);
    expect(kinds('schema')).toEqual([expect.objectContaining({ param: 'wall' })]);
    expect(kinds('extreme-refused')[0]).toMatchObject({ param: 'wall' });
    expect(kinds('unreachable-value')).toEqual([expect.objectContaining({ param: 'width', message: expect.stringContaining('width = 60') })]);
    expect(kinds('build-failed')[0].message).toMatch(/unlucky width at \{"width":13/);
    expect(kinds('size-promise')[0].message).toMatch(/z built \d+\.500 promised \d+\.000 mm/);
    expect(kinds('over-budget').some((f) => f.message.includes('"height high": 316 triangles > budget 200'))).toBe(true);
    expect(kinds('parameter-changes-nothing')).toEqual([expect.objectContaining({ param: 'finish' })]);
    expect(kinds('not-deterministic')).toEqual([]);
    const text = formatReport(report);
    for (const finding of report.findings) expect(text).toContain(FIX[finding.kind]);
  });

  it('says when a rule refuses every configuration', async () => {
    const report = await checkDesign(refusingDesign, { n: N, largestRuns: 0 });
    expect(report.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['defaults-invalid', 'rule-refuses-everything', 'no-valid-configuration']));
    expect(report.sampled).toBe(0);
  });

  it('is reproducible for a fixed seed', async () => {
    const [a, b] = [await checkDesign(brokenDesign, { n: 10, seed: 7, largestRuns: 0 }), await checkDesign(brokenDesign, { n: 10, seed: 7, largestRuns: 0 })];
    expect(a.findings).toEqual(b.findings);
  });

  it.each(catalogue.map((d) => [d.id, d] as const))('finds nothing wrong with %s', async (_id, design) => {
    const report = await checkDesign(design, { n: N, largestRuns: 1 });
    expect(report.findings, formatReport(report)).toEqual([]);
    expect(report.sampled).toBe(N);
    expect(report.largest?.triangles).toBeLessThanOrEqual(design.budget.maxTriangles);
  });
});
