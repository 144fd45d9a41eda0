// `npm run mesh`: the catalogue from a terminal. Lists the designs, or validates key=value
// params, builds the verified mesh, writes STL or 3MF and prints its measurements and hash (and
// for a multi-part item its parts, the 3MF with a filament per part, and one STL per part).
// Exit codes: 0 done, 1 invalid params, 2 usage or unknown design, 3 build or write failed.
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { catalogue, findDesign } from '../designs/catalogue.ts';
import { generateValidated } from '../designs/generate.ts';
import { prepareDesign } from '../designs/types.ts';
import { validateParams } from '../designs/validate.ts';
import { write3mf } from '../mesh/threemf.ts';
import { write3mfParts } from '../mesh/threemf-parts.ts';
import { writeStl } from '../mesh/stl.ts';
import type { Measurements } from '../mesh/types.ts';
import { paramsFromAssignments, parseMeshArgs } from './mesh-args.ts';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  writeFile: (path: string, bytes: Uint8Array) => Promise<void>;
}

export const HELP = `Usage:
  npm run mesh -- --list
  npm run mesh -- DESIGN [key=value ...] [--out FILE.stl|FILE.3mf]

  --list        print the catalogue (ids, versions, parameter schemas, rules) as JSON
  --out, -o     write the mesh; the format follows the extension (.stl or .3mf)
  --help, -h    this text

Parameters not given take their defaults. Numbers are plain decimals (12, 0.5, -3).
Prints size, volume, surface area, triangle count and the content hash.
Exit codes: 0 done, 1 invalid params, 2 usage or unknown design, 3 build or write failed.

Example:
  npm run mesh -- name-tag text=ADA letterHeight=10 --out ada.3mf`;

const listing = () =>
  catalogue.map((d) => ({
    id: d.id,
    version: d.version,
    name: d.name,
    description: d.description,
    params: d.params,
    rules: d.rules.map((rule) => ({ fields: rule.fields })),
  }));

const mm = (value: number): string => value.toFixed(2);

const report = (m: Measurements): string[] => [
  `size        ${m.size.map(mm).join(' × ')} mm`,
  `volume      ${mm(m.volume)} mm³`,
  `surface     ${mm(m.surfaceArea)} mm²`,
  `triangles   ${m.triangleCount}`,
];

/** Runs one command and returns the exit code; all output goes through `io`. */
export const runMeshCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const command = parseMeshArgs(argv);
  switch (command.kind) {
    case 'help':
      io.out(HELP);
      return 0;
    case 'list':
      io.out(JSON.stringify(listing(), null, 2));
      return 0;
    case 'usage-error':
      io.err(`mesh: ${command.message}\n\n${HELP}`);
      return 2;
  }
  const design = findDesign(command.designId);
  if (!design) {
    io.err(`mesh: unknown design "${command.designId}"; the catalogue has: ${catalogue.map((d) => d.id).join(', ')}`);
    return 2;
  }
  const raw = paramsFromAssignments(design, command.assignments);
  await prepareDesign(design, raw);
  const validation = validateParams(design, raw);
  if (!validation.ok) {
    io.err(`mesh: invalid parameters for ${design.id}:`);
    for (const error of validation.errors) io.err(`  ${error.field || '(params)'}: ${error.message}`);
    return 1;
  }
  try {
    const built = await generateValidated(design, validation.params);
    io.out(`${design.id} v${design.version}  ${JSON.stringify(built.params)}`);
    for (const line of report(built.measurements)) io.out(line);
    io.out(`hash        ${built.hash}`);
    const multi = built.parts.length > 1;
    if (multi) for (const part of built.parts) io.out(`part        ${part.role} (${part.label}), filament ${part.colourSlot + 1}: ${part.measurements.volume.toFixed(1)} mm³`);
    if (command.out) {
      const metadata = { title: design.name, designer: 'Atelier' };
      const bytes = command.out.format === 'stl' ? writeStl(built.mesh) : multi ? write3mfParts(built.parts, metadata) : write3mf(built.mesh, metadata);
      await io.writeFile(command.out.path, bytes);
      io.out(`wrote       ${command.out.path} (${command.out.format.toUpperCase()}, ${bytes.length} bytes)`);
      // STL has no parts: a multi-part item also gets one watertight STL per part beside the whole.
      if (command.out.format === 'stl' && multi) {
        for (const part of built.parts) {
          const path = command.out.path.replace(/(\.stl)?$/i, `.${part.role}.stl`);
          const partBytes = writeStl(part.mesh);
          await io.writeFile(path, partBytes);
          io.out(`wrote       ${path} (STL, ${part.label}, ${partBytes.length} bytes)`);
        }
      }
    }
    return 0;
  } catch (error) {
    io.err(`mesh: ${design.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 3;
  }
};

const nodeIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  writeFile: (path, bytes) => writeFile(path, bytes),
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runMeshCli(process.argv.slice(2), nodeIo);
}
