// Print shops: what they can make (materials, build volume), what they charge, and the fit test.
import type { Material } from './materials.ts';

/** Outer size of a part or a build volume along x, y, z, in mm. */
export interface Size {
  x: number;
  y: number;
  z: number;
}

/**
 * A shop's price for one material, in integer euro cents. Per kilogram rather than per
 * gram so a rate such as 3.5 cents/g (3500 per kg) needs no fractions.
 */
export interface MaterialRate {
  perKgCents: number;
  perHourCents: number;
}

export interface Shop {
  id: string;
  name: string;
  lat: number;
  lon: number;
  materials: Material[];
  /** Printable volume in mm; parts may turn about Z (x and y swap), never tip over. */
  buildVolume: Size;
  /** Rates for the materials it offers; a material without a rate cannot be priced. */
  rates: Partial<Record<Material, MaterialRate>>;
  /** Charged once per order, integer euro cents. */
  setupFeeCents: number;
  /**
   * How fast the shop's machines print against the reference profile (1.3: 30 % faster), so
   * its per-hour rate applies to its own machine time: reference seconds ÷ speedFactor.
   * Absent means 1 (shops registered before it was stored).
   */
  speedFactor?: number;
  /**
   * How many filaments one job may use on its printers (2: a multi-material printer, MMU/AMS or
   * two extruders). Absent means 1 (shops registered before it was stored).
   */
  colours?: number;
  /**
   * Taking new work: a closed shop is left out of new orders' candidates (jobs it already
   * holds or was offered stay as they are).
   */
  open: boolean;
  /** ms since the epoch. */
  createdAt: number;
}

/** What a part needs from a shop. */
export interface Requirement {
  material: Material;
  size: Size;
  /** Different filaments the job loads; absent means 1. */
  colours?: number;
}

/**
 * True when the shop prints the material (and has a rate for it), its printers take as many
 * filaments as the job uses, and the part fits its build volume as modelled or turned 90° about
 * Z. Does not look at `open`.
 */
export function canMake(shop: Shop, requirement: Requirement): boolean {
  const { material, size } = requirement;
  if (!shop.materials.includes(material) || shop.rates[material] === undefined) return false;
  if ((requirement.colours ?? 1) > (shop.colours ?? 1)) return false;
  return fitsBuildVolume(size, shop.buildVolume);
}

/** True when a part fits a build volume as modelled or turned 90° about Z (never tipped over). */
export function fitsBuildVolume(size: Size, volume: Size): boolean {
  if (size.z > volume.z) return false;
  return (size.x <= volume.x && size.y <= volume.y) || (size.y <= volume.x && size.x <= volume.y);
}

/** Starting rates for a newly registered shop, integer cents. A fresh object each call. */
export function defaultRates(): Record<Material, MaterialRate> {
  return {
    PLA: { perKgCents: 6000, perHourCents: 200 },
    PETG: { perKgCents: 7000, perHourCents: 200 },
    ASA: { perKgCents: 9000, perHourCents: 250 },
    TPU: { perKgCents: 12000, perHourCents: 300 },
  };
}

/** Starting setup fee for a newly registered shop: 3.00 EUR. */
export const DEFAULT_SETUP_FEE_CENTS = 300;

/** Bounds of a shop's speed factor against the reference profile. */
export const MIN_SPEED_FACTOR = 0.25;
export const MAX_SPEED_FACTOR = 4;

/** A message when `value` is not a speed factor a shop can register (0.25–4), else null. */
export function speedFactorProblem(value: number): string | null {
  if (!Number.isFinite(value) || value < MIN_SPEED_FACTOR || value > MAX_SPEED_FACTOR) {
    return `speed factor must be a number from ${MIN_SPEED_FACTOR} to ${MAX_SPEED_FACTOR} (1 = the reference profile's speed, 1.3 = 30 % faster), got ${value}`;
  }
  return null;
}

/** Most filaments a shop may declare for one job (a 4- or 5-spool changer; more is not a shop we route to). */
export const MAX_SHOP_COLOURS = 8;

/** A message when `value` is not a number of filaments a shop can declare (1–8), else null. */
export function shopColoursProblem(value: number): string | null {
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_SHOP_COLOURS) {
    return `colours must be a whole number from 1 to ${MAX_SHOP_COLOURS} (filaments one job may use on the shop's printers; 2 or more for a multi-material printer), got ${value}`;
  }
  return null;
}

/**
 * The shop's own machine time for a part the reference profile prints in `referenceSeconds`.
 * @example shopMachineSeconds(3600, { speedFactor: 1.25 }) // 2880
 */
export function shopMachineSeconds(referenceSeconds: number, shop: Pick<Shop, 'speedFactor'>): number {
  return referenceSeconds / (shop.speedFactor ?? 1);
}
