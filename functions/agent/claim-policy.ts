// Which offered jobs this printer can make right now: the material must be loaded and the
// part must fit the build volume, turned about Z if need be (x and y may swap), never tipped.
// The fit is the server's own rule (domain canMake), so the agent and the routing cannot drift.
import type { Material } from '../domain/materials.ts';
import { canMake, defaultRates, type Shop, type Size } from '../domain/shop.ts';
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

/** A shop that makes `material` (with a rate) on `volume`: for canMake only materials, rates and volume count. */
const printerAsShop = (material: Material, volume: Size): Shop => ({
  id: 'this-printer',
  name: 'this printer',
  lat: 0,
  lon: 0,
  materials: [material],
  buildVolume: volume,
  rates: defaultRates(),
  setupFeeCents: 0,
  open: true,
  createdAt: 0,
});

/** True when the part fits as modelled or turned 90° about Z: the domain's canMake, geometry only. */
export function fitsBuildVolume(part: Size, volume: Size): boolean {
  return canMake(printerAsShop('PLA', volume), { material: 'PLA', size: part });
}

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
