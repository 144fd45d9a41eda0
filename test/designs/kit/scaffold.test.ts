// `design new ID`: the scaffold is a design that checks clean, with a test, and refuses bad ids
// and overwrites.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDesignCli } from '../../../functions/cli/design.ts';
import { checkDesign } from '../../../functions/designs/kit/check.ts';
import { loadDesign } from '../../../functions/designs/kit/load.ts';
import { prepareCatalogue } from '../../../functions/designs/catalogue.ts';

beforeAll(() => prepareCatalogue());

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const cli = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDesignCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), root: ROOT });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('design new', () => {
  it('scaffolds a design and its test that check with 0 findings', async () => {
    const id = `scaffold-probe-${process.pid}`;
    const designFile = `${ROOT}functions/designs/${id}.ts`;
    const testFile = `${ROOT}test/designs/${id}.test.ts`;
    try {
      const made = await cli(['new', id]);
      expect(made.code).toBe(0);
      expect(existsSync(designFile) && existsSync(testFile)).toBe(true);
      expect(await readFile(testFile, 'utf8')).toContain(`describe('${id}'`);
      const design = await loadDesign(designFile);
      expect(design.id).toBe(id);
      const report = await checkDesign(design, { n: 10, largestRuns: 0 });
      expect(report.findings).toEqual([]);
      expect((await cli(['new', id])).code).toBe(2); // never overwrites
    } finally {
      await rm(designFile, { force: true });
      await rm(testFile, { force: true });
    }
  });

  it('refuses ids that are not kebab-case and unknown commands', async () => {
    const bad = await cli(['new', 'Desk Sign']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/not a design id/);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });
});

describe('design check (CLI)', () => {
  it('exits 1 with findings for the broken fixture, 0 for a catalogue id, 2 for an unknown id', async () => {
    const broken = await cli(['check', `${ROOT}test/fixtures/designs/broken-design.ts`, '--n', '10']);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/\[parameter-changes-nothing\] finish/);
    expect(broken.out).toMatch(/fix: /);
    const clean = await cli(['check', 'wall-hook', '--n', '5', '--seed', '3']);
    expect(clean.code, clean.out).toBe(0);
    expect(clean.out).toMatch(/p50 [\d.]+ ms, p95 [\d.]+ ms/);
    expect((await cli(['check', 'no-such-design'])).code).toBe(2);
  });
});
