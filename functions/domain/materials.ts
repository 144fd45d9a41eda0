// The filament materials Atelier prints in, with the densities used to turn volume into grams.

/** A supported material id. */
export type Material = 'PLA' | 'PETG' | 'ASA' | 'TPU';

/** What we know about a material. */
export interface MaterialInfo {
  id: Material;
  label: string;
  /** Density of the solid filament in g/cm³. */
  densityGPerCm3: number;
}

/** Every supported material, by id. */
export const MATERIALS: Readonly<Record<Material, Readonly<MaterialInfo>>> = Object.freeze({
  PLA: Object.freeze({ id: 'PLA', label: 'PLA (rigid, everyday)', densityGPerCm3: 1.24 }),
  PETG: Object.freeze({ id: 'PETG', label: 'PETG (tough, food-contact grades)', densityGPerCm3: 1.27 }),
  ASA: Object.freeze({ id: 'ASA', label: 'ASA (outdoor, UV-resistant)', densityGPerCm3: 1.07 }),
  TPU: Object.freeze({ id: 'TPU', label: 'TPU (flexible, rubbery)', densityGPerCm3: 1.21 }),
});

/** Material ids in display order. */
export const MATERIAL_IDS: readonly Material[] = Object.freeze(['PLA', 'PETG', 'ASA', 'TPU']);

/** Narrows an unknown value to a supported material id. */
export function isMaterial(value: unknown): value is Material {
  return typeof value === 'string' && Object.hasOwn(MATERIALS, value);
}
