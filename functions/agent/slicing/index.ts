// The slicing module's public face: slice() and its contract, the reference profiles, the errors.
export type { GcodeFigures, Slice, SliceRequest, SliceResult } from './types.ts';
export { DEFAULT_MAX_OUTPUT_BYTES, DEFAULT_SLICER, DEFAULT_TIMEOUT_MS, slice, slicerVersion } from './prusa-slicer.ts';
export { PROFILES_DIR, REFERENCE_PROFILES, readProfile, referenceProfileFor, resolveProfile, type ReferenceProfileId } from './profile.ts';
export { parseClosingFigures, readGcodeFigures } from './gcode-figures.ts';
export * from './errors.ts';
