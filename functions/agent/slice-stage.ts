// Slicing a held job: the verified 3MF (checked again right before use) goes through the
// shop's slicer with the shop's profile into `<design>-<order id>.gcode` beside it. The G-code's
// sha256 and the slicer's figures are kept in the job's record; the figures reach Atelier with
// the next heartbeat. A slicing failure (profile, bed size, slicer missing, time-out) holds the
// job for the shop: slicing again every round would fail the same way.
import { join } from 'node:path';
import type { JobRecord } from './agent-state.ts';
import { readVerified } from './downloader.ts';
import { isAbort } from './errors.ts';
import type { Slice } from './slicing/types.ts';

export interface SlicerContext {
  slice: Slice;
  /** Reference profile id or .ini path. */
  profile: string;
  binary: string;
}

export type SliceOutcome = { ok: true; warnings: string[]; elapsedMs: number } | { ok: false; message: string; refetch?: boolean };

/** Slices record.threeMf into `<dir>/<base>.gcode` and records it; never throws for a slicer failure. */
export async function sliceJob(record: JobRecord, base: string, dir: string, slicer: SlicerContext, signal: AbortSignal): Promise<SliceOutcome> {
  const input = record.threeMf;
  if (!input || !(await readVerified(input.path, input))) {
    record.stage = 'claimed';
    delete record.threeMf;
    return { ok: false, refetch: true, message: `${base}.3mf changed or vanished on disk; will download again` };
  }
  try {
    const result = await slicer.slice({ input: input.path, profile: slicer.profile, output: join(dir, `${base}.gcode`), slicer: slicer.binary, signal });
    record.gcode = {
      path: result.gcodePath,
      sha256: result.sha256,
      bytes: result.bytes,
      figures: {
        printSeconds: result.printSeconds,
        filamentGrams: result.filamentGrams,
        filamentMm: result.filamentMm,
        layers: result.layers,
        slicer: result.slicer.slice(0, 80),
        profile: result.profile.slice(0, 80),
      },
    };
    record.figuresReported = false;
    record.stage = 'sliced';
    return { ok: true, warnings: result.warnings, elapsedMs: result.elapsedMs };
  } catch (error) {
    if (signal.aborted || isAbort(error)) throw error;
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
