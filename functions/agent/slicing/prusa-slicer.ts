// slice(): one part + one profile → G-code and its figures, through the PrusaSlicer command line
// (SuperSlicer takes the same flags: set `slicer`; OrcaSlicer's CLI differs). Checks the part, the profile and
// the fit on the bed before the slicer runs; runs it bounded in time and output size; writes
// under a temporary name beside `output` and renames only a complete G-code (exit 0 and its
// closing figures present). On every failure the temporary files are deleted and nothing is at `output`.
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  OutputTooLargeError,
  PartFileError,
  PartOutsideBedError,
  ProfileError,
  SlicerFailedError,
  SlicerMissingError,
  SlicingError,
} from './errors.ts';
import { readGcodeFigures } from './gcode-figures.ts';
import { readPartSizes, type Size3 } from './part-size.ts';
import { readProfile, type BuildVolume } from './profile.ts';
import { runBounded, type BoundedOutcome } from './run-bounded.ts';
import { readSlicerLog, summarizeErrors } from './slicer-log.ts';
import type { SliceRequest, SliceResult } from './types.ts';

export const DEFAULT_SLICER = 'prusa-slicer';
export const DEFAULT_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 200 * 1024 * 1024;
const PART_EXTENSIONS = ['.3mf', '.stl'];
/** Room left for rounding between our bounding box and the slicer's (mm). */
const FIT_TOLERANCE = 0.01;

/** "PrusaSlicer-2.5.0+UNKNOWN based on Slic3r" → "PrusaSlicer 2.5.0"; undefined when not such a banner. */
export const parseSlicerBanner = (text: string): string | undefined => {
  const m = /^(\w*Slicer)[- ](\d+(?:\.\d+)+(?:-\w+)?)/m.exec(text);
  return m ? `${m[1]} ${m[2]}` : undefined;
};

/**
 * The slicer's name and version from its --help banner, e.g. "PrusaSlicer 2.5.0".
 * @example await slicerVersion('prusa-slicer') // "PrusaSlicer 2.5.0"
 */
export const slicerVersion = (binary = DEFAULT_SLICER, timeoutMs = 30_000): Promise<string> =>
  new Promise((resolvePromise, reject) => {
    execFile(binary, ['--loglevel', '0', '--help'], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      const banner = parseSlicerBanner(`${stdout}\n${stderr}`);
      if (banner) return resolvePromise(banner);
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (code === 'ENOENT' || code === 'EACCES') return reject(new SlicerMissingError(binary, { cause: error }));
      reject(new SlicerFailedError(typeof code === 'number' ? code : null, `no version banner in "${binary} --help"`, { cause: error }));
    });
  });

/** The part's size against the bed's; undefined when it fits. Exported for tests. */
export const misfit = (part: Size3, bed: BuildVolume): [number, number, number] | undefined => {
  const room: [number, number, number] = [bed.maxX - bed.minX, bed.maxY - bed.minY, bed.height || Infinity];
  return part.some((v, k) => v > room[k] + FIT_TOLERANCE) ? room : undefined;
};

const checkInput = async (input: string): Promise<void> => {
  const ext = extname(input).toLowerCase();
  if (!PART_EXTENSIONS.includes(ext)) throw new PartFileError(input, `${input}: the part must be a .3mf or .stl file`);
  try {
    const info = await stat(input);
    if (!info.isFile()) throw new PartFileError(input, `${input} is not a file`);
  } catch (cause) {
    if (cause instanceof PartFileError) throw cause;
    throw new PartFileError(input, `cannot read the part ${input}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(cause)}`, { cause });
  }
};

const checkFit = async (input: string, bed: BuildVolume | undefined): Promise<void> => {
  if (!bed) return;
  for (const size of (await readPartSizes(input)) ?? []) {
    const room = misfit(size, bed);
    if (room) throw new PartOutsideBedError(size, [room[0], room[1], bed.height]);
  }
};

/** Largest file whose name starts with `prefix` in `dir` (the slicer writes `<temp>.tmp` first). */
const largestWithPrefix = async (dir: string, prefix: string): Promise<number> => {
  let largest = 0;
  for (const name of await readdir(dir)) {
    if (!name.startsWith(prefix)) continue;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info && info.size > largest) largest = info.size;
  }
  return largest;
};

/**
 * Temporary files of earlier slices of the same output that nobody finishes any more (the agent was
 * killed while the slicer ran: the slicer, in its own process group, may have carried on).
 */
const removeStale = async (dir: string, output: string, olderThanMs: number): Promise<void> => {
  const prefix = `.${output}.`;
  const now = Date.now();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !name.includes('.slicing')) continue;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info && now - info.mtimeMs > olderThanMs) await rm(join(dir, name), { force: true });
  }
};

const removeWithPrefix = async (dir: string, prefix: string): Promise<void> => {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.startsWith(prefix)).map((name) => rm(join(dir, name), { force: true })));
};

/** What the slicer's refusal means, as the error a shop can act on. */
const failureFor = (run: BoundedOutcome, message: string, profile: string): Error => {
  if (/could not fit on the bed|outside (of )?the print(able)? (area|volume)|exceeds the maximum build volume/i.test(message)) {
    return new PartOutsideBedError(undefined, undefined, message);
  }
  if (/reading config file|configuration file|Invalid value provided for parameter|Unknown option/i.test(message)) {
    return new ProfileError(profile, `the slicer refused the profile: ${message}`);
  }
  const tail = `${run.stdout}\n${run.stderr}`.trim().slice(-300);
  return new SlicerFailedError(run.code, message || `no error message${tail ? ` (its output ends: ${tail})` : ''}`, { signal: run.signalName });
};

/**
 * Slices one part with one profile. Never leaves a partial file at `output`.
 * @example
 * const result = await slice({ input: 'job.3mf', profile: 'atelier-pla-0.4n-0.2mm', output: 'job.gcode' });
 * result.printSeconds; result.filamentGrams; result.layers;
 */
export async function slice(request: SliceRequest): Promise<SliceResult> {
  const input = resolve(request.input);
  const output = resolve(request.output);
  const binary = request.slicer ?? DEFAULT_SLICER;
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxOutputBytes = request.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;

  await checkInput(input);
  if (output === input) throw new PartFileError(input, `the G-code would overwrite the part ${input}; choose another output`);
  const profile = await readProfile(request.profile);
  await checkFit(input, profile.bed);

  const dir = dirname(output);
  await mkdir(dir, { recursive: true }).catch((cause: NodeJS.ErrnoException) => {
    throw new SlicingError(`cannot write G-code in ${dir}: ${cause.code ?? cause.message}`, { cause });
  });
  await removeStale(dir, basename(output), Math.max(timeoutMs, DEFAULT_TIMEOUT_MS) + 60_000);
  const prefix = `.${basename(output)}.${randomBytes(6).toString('hex')}.slicing`;
  const temp = join(dir, `${prefix}.gcode`);
  let renamed = false;
  try {
    const run = await runBounded({
      binary,
      args: ['--loglevel', '2', '--export-gcode', '--load', profile.path, '--output', temp, input],
      timeoutMs,
      maxOutputBytes,
      outputBytes: () => largestWithPrefix(dir, prefix),
      signal: request.signal,
    });
    const log = readSlicerLog(run.stdout, run.stderr);
    if (run.code !== 0) throw failureFor(run, summarizeErrors(log), request.profile);
    const written = await stat(temp).catch(() => undefined);
    if (!written) throw new SlicerFailedError(0, `the slicer exited without writing G-code${log.errors.length ? `: ${summarizeErrors(log)}` : ''}`);
    if (written.size > maxOutputBytes) throw new OutputTooLargeError(maxOutputBytes);
    const figures = await readGcodeFigures(temp);
    if (!figures) throw new SlicerFailedError(0, 'the G-code is incomplete: it does not end with the slicer\'s closing figures (print time, filament used)');
    const slicer = parseSlicerBanner((await readHead(temp)).replace(/^; generated by /, '')) ?? basename(binary);
    await rename(temp, output);
    renamed = true;
    return {
      ...figures,
      gcodePath: output,
      warnings: log.warnings,
      slicer,
      profile: profile.name,
      elapsedMs: run.elapsedMs,
    };
  } finally {
    if (!renamed) await removeWithPrefix(dir, prefix);
  }
}

/** The first line of the G-code ("; generated by PrusaSlicer 2.5.0 on …"). */
const readHead = async (path: string): Promise<string> => {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(256);
    const { bytesRead } = await file.read(buffer, 0, 256, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0];
  } finally {
    await file.close();
  }
};
