// `design new ID`: a design file and its test from a template that already passes
// `design check`, so a designer starts from green and changes one thing at a time.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const camel = (id: string): string => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const title = (id: string): string => id.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');

const designTemplate = (id: string): string => `// ${title(id)}: TODO one line on what it is for and who orders it.
// Conventions: millimetres, z = 0 is the print bed, printable without supports as delivered.
import { primitives } from '../mesh/jscad.ts';
import { difference, fromGeom3 } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';
import { defineDesign } from './types.ts';

type ${camel(id)[0].toUpperCase() + camel(id).slice(1)}Params = { width: number; depth: number; height: number; wall: number };

export const ${camel(id)} = defineDesign<${camel(id)[0].toUpperCase() + camel(id).slice(1)}Params>({
  id: '${id}',
  version: 1,
  name: '${title(id)}',
  description: 'TODO: one line a customer reads in the catalogue.',
  params: [
    { key: 'width', type: 'number', unit: 'mm', label: 'Width', help: 'Outside, left to right', min: 20, max: 120, step: 1, default: 60 },
    { key: 'depth', type: 'number', unit: 'mm', label: 'Depth', help: 'Outside, front to back', min: 20, max: 120, step: 1, default: 40 },
    { key: 'height', type: 'number', unit: 'mm', label: 'Height', help: 'Outside, floor to rim', min: 10, max: 80, step: 1, default: 30 },
    { key: 'wall', type: 'number', unit: 'mm', label: 'Wall', help: 'Thickness of walls and floor', min: 1.2, max: 4, step: 0.4, default: 2 },
  ],
  rules: [
    {
      fields: ['wall', 'width', 'depth'],
      check: (p) =>
        Math.min(p.width, p.depth) - 2 * p.wall < 10 ? \`A \${p.wall} mm wall leaves less than 10 mm inside a \${Math.min(p.width, p.depth)} mm side: use a thinner wall or a larger box\` : null,
    },
  ],
  budget: { maxTriangles: 100, maxSegments: 0 },
  size: (p): Vec3 => [p.width, p.depth, p.height],
  build: (p) => {
    const outer = primitives.cuboid({ size: [p.width, p.depth, p.height], center: [0, 0, p.height / 2] });
    // The cutter reaches past the rim, so no face coincides with the top.
    const inner = primitives.cuboid({ size: [p.width - 2 * p.wall, p.depth - 2 * p.wall, p.height], center: [0, 0, p.wall + p.height / 2] });
    return difference(fromGeom3(outer), fromGeom3(inner));
  },
});
`;

const testTemplate = (id: string): string => `// ${title(id)} measured on the finished mesh: what a customer would check with calipers.
import { describe, expect, it } from 'vitest';
import { generateValidated } from '../../functions/designs/generate.ts';
import { ${camel(id)} } from '../../functions/designs/${id}.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { crossings } from './probe.ts';

const build = async (input: Record<string, number | string>) => {
  const result = validateParams(${camel(id)}, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return generateValidated(${camel(id)}, result.params);
};

describe('${id}', () => {
  it('has walls as thick as asked', async () => {
    const { mesh } = await build({ width: 60, depth: 40, height: 30, wall: 2.4 });
    const xs = crossings(mesh, [0, 0.0137, 15], 0);
    expect(xs).toHaveLength(4);
    expect(xs[1] - xs[0]).toBeCloseTo(2.4, 2);
  });
});
`;

export interface Scaffolded {
  designFile: string;
  testFile: string;
}

/** Writes functions/designs/ID.ts and test/designs/ID.test.ts under root; refuses to overwrite. */
export const scaffoldDesign = async (root: string, id: string): Promise<Scaffolded> => {
  if (!ID_PATTERN.test(id)) throw new Error(`"${id}" is not a design id: use lower-case words joined by hyphens, e.g. desk-sign`);
  const designFile = join(root, 'functions/designs', `${id}.ts`);
  const testFile = join(root, 'test/designs', `${id}.test.ts`);
  for (const file of [designFile, testFile]) if (existsSync(file)) throw new Error(`${file} already exists`);
  for (const [file, text] of [[designFile, designTemplate(id)], [testFile, testTemplate(id)]]) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return { designFile, testFile };
};
