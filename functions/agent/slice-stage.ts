// Slicing a held job: the verified 3MF (checked again right before use) goes through the
// shop's slicer with the shop's profile into `<design>-<order id>.gcode` beside it. The G-code's
// sha256 and the slicer's figures are kept in the job's record; the figures reach Atelier with
// the next heartbeat. A slicing failure (profile, bed size, slicer missing, time-out) holds the
// job for the shop: slicing again every round would fail the same way. A job in two filaments is
// sliced with the shop's two-colour profile (its 3MF gives each part its extruder); without one
// it waits for the shop.
import { join } from 'node:path';
import type { JobRecord } from './agent-state.ts';
import { readVerified } from './downloader.ts';
import { isAbort } from './errors.ts';
import type { Slice } from './slicing/types.ts';

export interface SlicerContext {
  slice: Slice;
  /** Reference profile id or .ini path. */
  profile: string;
  /** The profile for jobs in more than one filament, when the shop has a multi-material printer. */
  twoColourProfile?: string;
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
  const filaments = record.filaments ?? 1;
  const profile = filaments > 1 ? slicer.twoColourProfile : slicer.profile;
  if (!profile) {
    return { ok: false, message: `${base} prints in ${filaments} filaments: give a multi-material profile with --two-colour-profile (e.g. atelier-pla-0.4n-0.2mm-2c), then retry it` };
  }
  try {
    const result = await slicer.slice({ input: input.path, profile, output: join(dir, `${base}.gcode`), slicer: slicer.binary, signal });
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
