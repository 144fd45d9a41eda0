// What the slicing tests share: whether PrusaSlicer is here, parts made with the project's own
// mesh code (a catalogue design at its defaults, written as 3MF or STL), a box STL of any size,
// and fake slicer binaries (shell scripts) for the bounds that need no real slicer.
import { spawnSync } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findDesign } from '../../../functions/designs/catalogue.ts';
import { generateValidated } from '../../../functions/designs/generate.ts';
import { defaultParams } from '../../../functions/designs/validate.ts';
import { write3mf } from '../../../functions/mesh/threemf.ts';
import { writeStl } from '../../../functions/mesh/stl.ts';
import type { Measurements, Mesh } from '../../../functions/mesh/types.ts';

export const hasPrusaSlicer = spawnSync('prusa-slicer', ['--loglevel', '0', '--help'], { stdio: 'ignore' }).status === 0;

export const INSTALL_HINT =
  'PrusaSlicer is not installed (prusa-slicer not on PATH): the real-slicer tests are skipped. Install it with: sudo apt-get install -y prusa-slicer';

/** Writes a catalogue design at its defaults to `dir/<id>.<format>`; returns the path and its measurements. */
export const writeDesignPart = async (dir: string, designId: string, format: '3mf' | 'stl'): Promise<{ path: string; measurements: Measurements }> => {
  const design = findDesign(designId);
  if (!design) throw new Error(`no design ${designId}`);
  const built = await generateValidated(design, defaultParams(design));
  const path = join(dir, `${designId}.${format}`);
  await writeFile(path, format === '3mf' ? write3mf(built.mesh, { title: design.name }) : writeStl(built.mesh));
  return { path, measurements: built.measurements };
};

/** A closed box mesh [0, x] × [0, y] × [0, z]. */
export const boxMesh = (x: number, y: number, z: number): Mesh => {
  const positions = new Float32Array([0, 0, 0, x, 0, 0, x, y, 0, 0, y, 0, 0, 0, z, x, 0, z, x, y, z, 0, y, z]);
  // prettier-ignore
  const indices = new Uint32Array([0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 1, 2, 6, 1, 6, 5, 2, 3, 7, 2, 7, 6, 3, 0, 4, 3, 4, 7]);
  return { positions, indices };
};

/** Writes an executable shell script standing in for the slicer. `$OUT` is the path after --output. */
export const writeFakeSlicer = async (dir: string, name: string, body: string): Promise<string> => {
  const path = join(dir, name);
  const script = `#!/bin/sh
OUT=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--output" ]; then OUT="$2"; fi
  shift
done
${body}
`;
  await writeFile(path, script);
  await chmod(path, 0o755);
  return path;
};
