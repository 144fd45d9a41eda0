// `npm run mesh` end to end: the CLI runs as a child process (node --import tsx), writes
// into a temporary directory, and what it writes must read back and verify.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../functions/designs/catalogue.ts';
import { measureMesh } from '../../functions/mesh/measure.ts';
import { readStl } from '../../functions/mesh/stl.ts';
import { read3mf } from '../../functions/mesh/threemf.ts';
import { verifyMesh } from '../../functions/mesh/verify.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = 'functions/cli/mesh.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const runCli = (...args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atelier-mesh-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run mesh (child process)', () => {
  it('writes an STL that reads back, verifies and matches the printed measurements', async () => {
    const out = join(dir, 'tag.stl');

    const run = await runCli('name-tag', 'text=ADA', 'letterHeight=10', '--out', out);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const mesh = readStl(new Uint8Array(await readFile(out))).mesh;
    expect(verifyMesh(mesh).defects).toEqual([]);
    const m = measureMesh(mesh);
    expect(run.stdout).toContain(`triangles   ${m.triangleCount}\n`);
    expect(run.stdout).toContain(`volume      ${m.volume.toFixed(2)} mm³`);
    expect(run.stdout).toMatch(/^hash {8}[0-9a-f]{64}$/m);
    expect(run.stdout).toContain('"letterHeight":10');
  });

  it('writes a 3MF in millimetres that reads back and verifies', async () => {
    const out = join(dir, 'tag.3mf');

    const run = await runCli('name-tag', 'style=engraved', `--out=${out}`);

    expect(run.code).toBe(0);
    const { mesh, unit } = read3mf(new Uint8Array(await readFile(out)));
    expect(unit).toBe('millimeter');
    expect(verifyMesh(mesh).defects).toEqual([]);
    expect(run.stdout).toContain(`wrote       ${out} (3MF,`);
  });

  it('writes a two-colour item as the whole STL plus one watertight STL per part, volumes adding up', async () => {
    const out = join(dir, 'two.stl');

    const run = await runCli('name-tag', 'text=ADA', 'colours=two', '--out', out);

    expect(run.code).toBe(0);
    const read = async (path: string) => readStl(new Uint8Array(await readFile(path))).mesh;
    const [whole, base, letters] = await Promise.all([out, join(dir, 'two.base.stl'), join(dir, 'two.letters.stl')].map(read));
    expect(verifyMesh(whole).defects).toEqual([]);
    expect(verifyMesh(base).defects).toEqual([]);
    expect(verifyMesh(letters, { onPlate: false }).defects).toEqual([]);
    expect(measureMesh(base).volume + measureMesh(letters).volume).toBeCloseTo(measureMesh(whole).volume, 1);
    expect(run.stdout).toMatch(/^part {8}letters \(Letters\), filament 2: /m);
  });

  it('exits 1 naming each bad field on stderr, and writes nothing', async () => {
    const out = join(dir, 'bad.stl');

    const run = await runCli('name-tag', 'letterHeight=huge', 'thickness=99', '--out', out);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('letterHeight: Letter height must be a number');
    expect(run.stderr).toMatch(/thickness: .*at most 5 mm/);
    expect(run.stdout).toBe('');
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
  });

  it('exits 2 for an unknown design and lists the ids', async () => {
    const run = await runCli('no-such-design');

    expect(run.code).toBe(2);
    for (const design of catalogue) expect(run.stderr).toContain(design.id);
  });

  it('--list prints the catalogue as JSON with schemas and rule fields', async () => {
    const run = await runCli('--list');

    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as { id: string; version: number; params: { key: string }[]; rules: { fields: string[] }[] }[];
    expect(listed.map((d) => d.id)).toEqual(catalogue.map((d) => d.id));
    expect(listed[0].params.map((p) => p.key)).toEqual(catalogue[0].params.map((p) => p.key));
    expect(listed[0].rules).toEqual(catalogue[0].rules.map((r) => ({ fields: r.fields })));
  });

  it('--help prints usage and exits 0; a usage mistake exits 2', async () => {
    const [help, wrong] = await Promise.all([runCli('--help'), runCli('name-tag', '--out', 'x.obj')]);

    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage:/);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/must end in \.stl or \.3mf/);
  });
});
