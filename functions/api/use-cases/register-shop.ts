// Registers a print shop: stores it with the hash of a fresh API key and returns the key,
// which is shown once and never stored in the clear.
import { hashApiKey, newToken } from '../../domain/ids.ts';
import { isMaterial, type Material } from '../../domain/materials.ts';
import { DEFAULT_SETUP_FEE_CENTS, defaultRates, shopColoursProblem, speedFactorProblem, type MaterialRate, type Shop, type Size } from '../../domain/shop.ts';
import type { ShopStore } from '../../store/shops.ts';

export interface NewShop {
  name: string;
  lat: number;
  lon: number;
  materials: Material[];
  buildVolume: Size;
  rates?: Partial<Record<Material, MaterialRate>>;
  setupFeeCents?: number;
  /** How fast it prints against the reference profile (0.25–4); 1 when not given. */
  speedFactor?: number;
  /** Filaments one job may use on its printers (1–8); 1 when not given. */
  colours?: number;
  /** Fixed id (demo seeds); otherwise random. */
  id?: string;
  /** Fixed key (demo seeds only); otherwise random. */
  apiKey?: string;
}

export class ShopInputError extends Error {
  override name = 'ShopInputError';
}

const check = (shop: NewShop) => {
  if (!shop.name.trim() || shop.name.length > 100) throw new ShopInputError('name must be 1-100 characters');
  if (!(Math.abs(shop.lat) <= 90)) throw new ShopInputError('lat must be between -90 and 90');
  if (!(Math.abs(shop.lon) <= 180)) throw new ShopInputError('lon must be between -180 and 180');
  if (!shop.materials.length || !shop.materials.every(isMaterial)) throw new ShopInputError('materials must list one or more of PLA, PETG, ASA, TPU');
  for (const axis of ['x', 'y', 'z'] as const) {
    const v = shop.buildVolume[axis];
    if (!(v >= 20 && v <= 2000)) throw new ShopInputError(`build volume ${axis} must be 20-2000 mm`);
  }
  const speedProblem = shop.speedFactor === undefined ? null : speedFactorProblem(shop.speedFactor);
  if (speedProblem) throw new ShopInputError(speedProblem);
  const coloursProblem = shop.colours === undefined ? null : shopColoursProblem(shop.colours);
  if (coloursProblem) throw new ShopInputError(coloursProblem);
};

export const registerShop = async (shops: ShopStore, input: NewShop, now: number): Promise<{ shop: Shop; apiKey: string }> => {
  check(input);
  const defaults = defaultRates();
  const shop: Shop = {
    id: input.id ?? `shop_${newToken().slice(0, 12)}`,
    name: input.name.trim(),
    lat: input.lat,
    lon: input.lon,
    materials: [...new Set(input.materials)],
    buildVolume: { ...input.buildVolume },
    rates: Object.fromEntries(input.materials.map((m) => [m, input.rates?.[m] ?? defaults[m]])),
    setupFeeCents: input.setupFeeCents ?? DEFAULT_SETUP_FEE_CENTS,
    ...(input.speedFactor === undefined ? {} : { speedFactor: input.speedFactor }),
    ...(input.colours === undefined ? {} : { colours: input.colours }),
    open: true,
    createdAt: now,
  };
  const apiKey = input.apiKey ?? `ak_${newToken()}`;
  await shops.create(shop, await hashApiKey(apiKey));
  return { shop, apiKey };
};
