// `npm run slice`: one part through the slicer with a reference profile or a shop's .ini, from a
// terminal. Prints the figures read from the G-code (time, filament, layers) and the warnings.
// Exit codes: 0 sliced, 1 slicing failed (the message says why), 2 usage, 130 interrupted.
import { parseArgs } from 'node:util';
import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isAbort } from '../agent/errors.ts';
import { SlicingError } from '../agent/slicing/errors.ts';
import { REFERENCE_PROFILES } from '../agent/slicing/profile.ts';
import { DEFAULT_SLICER, slice } from '../agent/slicing/prusa-slicer.ts';
import type { SliceResult } from '../agent/slicing/types.ts';

export const HELP = `Usage:
  npm run slice -- PART.3mf|PART.stl [--profile ID|FILE.ini] [--out FILE.gcode] [--slicer BINARY] [--timeout SECONDS] [--json]

  --profile, -p  a reference profile (default ${REFERENCE_PROFILES[0]}) or a PrusaSlicer .ini
                 exported from the shop's slicer; reference profiles: ${REFERENCE_PROFILES.join(', ')}
  --out, -o      where the G-code goes (default: the part's name with .gcode, beside it)
  --slicer       the slicer binary (default ${DEFAULT_SLICER}; SuperSlicer takes the same flags; OrcaSlicer's CLI does not)
  --timeout      seconds before the slicer is stopped (default 300)
  --json         print the result as JSON
  --help, -h     this text

Example:
  npm run mesh -- name-tag --out tag.3mf && npm run slice -- tag.3mf --profile atelier-petg-0.4n-0.2mm`;

export interface SliceCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** "1h 02m 03s" for a person. */
export const formatSeconds = (seconds: number): string => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return h ? `${h}h ${String(m).padStart(2, '0')}m ${String(s).padStart(2, '0')}s` : `${m}m ${String(s).padStart(2, '0')}s`;
};

const report = (r: SliceResult): string[] => [
  `gcode       ${r.gcodePath} (${r.bytes} bytes, sha256 ${r.sha256.slice(0, 12)}…)`,
  `slicer      ${r.slicer}, profile ${r.profile}, ${(r.elapsedMs / 1000).toFixed(1)} s`,
  `print time  ${formatSeconds(r.printSeconds)} (${r.printSeconds} s)`,
  `filament    ${r.filamentMm.toFixed(0)} mm, ${r.filamentCm3.toFixed(2)} cm³, ${r.filamentGrams.toFixed(2)} g`,
  `layers      ${r.layers}`,
  ...r.warnings.map((w) => `warning     ${w}`),
];

/** Runs one command and returns the exit code; all output goes through `io`. */
export const runSliceCli = async (argv: readonly string[], io: SliceCliIo, signal?: AbortSignal): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        profile: { type: 'string', short: 'p', default: REFERENCE_PROFILES[0] },
        out: { type: 'string', short: 'o' },
        slicer: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`slice: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    io.err(`slice: give exactly one part file (.3mf or .stl)\n\n${HELP}`);
    return 2;
  }
  const timeoutSeconds = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) {
    io.err('slice: --timeout must be a positive number of seconds');
    return 2;
  }
  const input = positionals[0];
  const output = values.out ?? `${input.slice(0, input.length - extname(input).length) || basename(input)}.gcode`;
  try {
    const result = await slice({
      input,
      profile: values.profile,
      output,
      slicer: values.slicer,
      timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
      signal,
    });
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else for (const line of report(result)) io.out(line);
    return 0;
  } catch (error) {
    if (isAbort(error)) {
      io.err('slice: interrupted; nothing was written');
      return 130;
    }
    if (!(error instanceof SlicingError)) throw error;
    io.err(`slice: ${error.message}`);
    return 1;
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const io: SliceCliIo = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new DOMException('interrupted', 'AbortError')));
  process.exitCode = await runSliceCli(process.argv.slice(2), io, controller.signal);
}
