// The slicing contract: what the agent (and the calibration command) asks of a slicer, what
// it gets back, and the errors it can meet. Implementation: prusa-slicer.ts beside this file.

export interface SliceRequest {
  /** The part to slice: a .3mf (preferred: it carries the plate layout) or .stl file. */
  input: string;
  /** A PrusaSlicer .ini (a shop's own export) or the id of a reference profile in ./profiles. */
  profile: string;
  /** Where the finished G-code goes; written under a temporary name and renamed when complete. */
  output: string;
  /** The slicer binary (default `prusa-slicer`; SuperSlicer takes the same flags; OrcaSlicer's CLI does not). */
  slicer?: string;
  /** Hard limit on the slicer's run (default 5 min); on expiry it is killed and nothing is left. */
  timeoutMs?: number;
  /** Largest G-code accepted (default 200 MB); past it the slicer is killed and nothing is left. */
  maxOutputBytes?: number;
  signal?: AbortSignal;
}

/** The figures parsed from the G-code's own closing comments. */
export interface GcodeFigures {
  /** "; estimated printing time (normal mode) = 1h 2m 3s", in seconds. */
  printSeconds: number;
  /** "; filament used [mm]". */
  filamentMm: number;
  /** "; filament used [cm3]". */
  filamentCm3: number;
  /** "; filament used [g]" (0 when the profile sets no filament_density). */
  filamentGrams: number;
  /** Layer changes counted in the G-code (";LAYER_CHANGE"). */
  layers: number;
}

export interface SliceResult extends GcodeFigures {
  /** The finished G-code file (= request.output). */
  gcodePath: string;
  bytes: number;
  sha256: string;
  /** What the slicer warned about: its warning log lines and the print's own warnings ("Empty layer between…", a multi-line message joined into one), verbatim, trimmed, each once. */
  warnings: string[];
  /** e.g. "PrusaSlicer 2.5.0". */
  slicer: string;
  /** The profile's name (file name without .ini, or the reference id). */
  profile: string;
  /** Wall time of the slicer run, ms. */
  elapsedMs: number;
}

/** Slices one part. Never leaves a partial file at `output`. */
export type Slice = (request: SliceRequest) => Promise<SliceResult>;
