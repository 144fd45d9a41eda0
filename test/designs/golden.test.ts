// Geometry may only change together with a version: the design's own, or KERNEL_VERSION.
import { beforeAll, describe, expect, it } from 'vitest';
import { currentGolden, readGolden } from './golden.ts';
import { prepareCatalogue } from '../../functions/designs/catalogue.ts';

beforeAll(() => prepareCatalogue());

describe('golden meshes', () => {
  it('builds every design at its defaults into the recorded bytes, unless its version changed', async () => {
    const recorded = readGolden();
    const current = await currentGolden();

    for (const [id, now] of Object.entries(current)) {
      const then = recorded[id];
      expect(then, `${id} has no golden entry: run npx tsx test/designs/golden.ts --write`).toBeDefined();
      if (then.version === now.version && then.kernel === now.kernel) {
        expect(now.stlSha256, `${id} v${now.version} (kernel ${now.kernel}) changed its geometry without a version bump`).toBe(then.stlSha256);
      } else {
        expect.fail(`${id} is now v${now.version} / kernel ${now.kernel}: record it with npx tsx test/designs/golden.ts --write`);
      }
    }
  });
});
