// Which offered jobs this printer can make right now: the material must be loaded and the
// part must fit the build volume, turned about Z if need be (x and y may swap), never tipped.
// The fit is the server's own rule (domain fitsBuildVolume), so the agent and the routing cannot drift.
import type { Material } from '../domain/materials.ts';
import { fitsBuildVolume as fitsVolume, type Size } from '../domain/shop.ts';
import type { ShopJob } from './api-client.ts';

/** The printer as it stands now. */
export interface PrinterSetup {
  /** Filament loaded now (may be fewer than the shop is registered for). */
  materials: readonly Material[];
  /** This printer's build volume, mm. */
  buildVolume: Size;
}

export type ClaimDecision = { claim: true } | { claim: false; reason: string };

/** `60×20×4` with at most one decimal. */
export const formatSize = (size: Size): string =>
  [size.x, size.y, size.z].map((v) => String(Math.round(v * 10) / 10)).join('×');

/** True when the part fits as modelled or turned 90° about Z: the same rule routing uses. */
export const fitsBuildVolume = (part: Size, volume: Size): boolean => fitsVolume(part, volume);

/** Whether to claim an offered job, and why not. */
export function claimDecision(job: Pick<ShopJob, 'state' | 'claimedByYou' | 'material' | 'dimensionsMm'>, printer: PrinterSetup): ClaimDecision {
  if (job.claimedByYou) return { claim: false, reason: 'already yours' };
  if (job.state !== 'PLACED' && job.state !== 'CLAIMED') return { claim: false, reason: `it is ${job.state}` };
  if (!printer.materials.includes(job.material)) return { claim: false, reason: `${job.material} not loaded` };
  if (!fitsBuildVolume(job.dimensionsMm, printer.buildVolume)) {
    return { claim: false, reason: `${formatSize(job.dimensionsMm)} mm does not fit ${formatSize(printer.buildVolume)}` };
  }
  return { claim: true };
}
