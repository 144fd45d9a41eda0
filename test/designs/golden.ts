// Golden meshes: the STL sha256 of every design at its defaults, recorded with the design and
// kernel versions that made it. If geometry changes while both versions stay the same,
// cached and shared files would disagree with the code: golden.test.ts fails then.
// After a deliberate change (and a version bump): npx tsx test/designs/golden.ts --write
import { readFileSync, writeFileSync } from 'node:fs';
import { catalogue } from '../../functions/designs/catalogue.ts';
import { generateValidated } from '../../functions/designs/generate.ts';
import { defaultParams } from '../../functions/designs/validate.ts';
import { KERNEL_VERSION, sha256Hex } from '../../functions/mesh/hash.ts';
import { writeStl } from '../../functions/mesh/stl.ts';

export interface GoldenEntry {
  version: number;
  kernel: number;
  stlSha256: string;
}

export const GOLDEN_FILE = new URL('../fixtures/golden-meshes.json', import.meta.url);

export const readGolden = (): Record<string, GoldenEntry> => JSON.parse(readFileSync(GOLDEN_FILE, 'utf8'));

export const currentGolden = async (): Promise<Record<string, GoldenEntry>> => {
  const entries: Record<string, GoldenEntry> = {};
  for (const design of catalogue) {
    const built = await generateValidated(design, defaultParams(design));
    entries[design.id] = { version: design.version, kernel: KERNEL_VERSION, stlSha256: await sha256Hex(writeStl(built.mesh)) };
  }
  return entries;
};

if (process.argv.includes('--write')) {
  writeFileSync(GOLDEN_FILE, `${JSON.stringify(await currentGolden(), null, 2)}\n`);
  console.log(`wrote ${GOLDEN_FILE.pathname}`);
}
