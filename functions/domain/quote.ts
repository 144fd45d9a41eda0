// Quotes: one exact price in integer cents for a part, a material and a quantity near a customer.
import { COLOUR_CHANGE_FIT, colourChanges, type ColourChangeFit, type ColourPart } from './colour-changes.ts';
import { defaultColours, filamentCount, type ColourId } from './colours.ts';
import { ValidationError } from './errors.ts';
import { MATERIALS, type Material } from './materials.ts';
import { estimatePrint, PRINT_ESTIMATE_FIT, type PartMeasurements, type PrintEstimate, type PrintEstimateFit } from './print-estimate.ts';
import { canMake, shopMachineSeconds, speedFactorProblem, type Shop, type Size } from './shop.ts';

/** A quote is good for 30 minutes unless told otherwise. */
export const QUOTE_TTL_MS = 30 * 60 * 1000;

/** One shop's price for a job, integer euro cents: setup once, unit price per piece. */
export interface ShopPrice {
  setupFeeCents: number;
  unitCents: number;
  /** setupFeeCents + quantity × unitCents. */
  totalCents: number;
}

/** One body of the job as quoted: its colour and its share of the filament, per piece. */
export interface QuotedPart {
  role: string;
  label: string;
  colourSlot: number;
  colour: ColourId;
  /** Rounded to 0.1 g; the parts plus purgeGrams make weightGrams (up to rounding). */
  weightGrams: number;
}

/** The bodies of a build and the colour chosen per slot; one part in slot 0 for a plain build. */
export interface ColourJob {
  parts: readonly ColourPart[];
  colours: readonly ColourId[];
}

/** Everything the API shows for a quote. Weight and time are per piece. */
export interface Quote {
  material: Material;
  materialLabel: string;
  quantity: number;
  dimensionsMm: Size;
  volumeMm3: number;
  surfaceAreaMm2: number;
  /** Per piece, rounded to 0.1 g: the parts and any purge. */
  weightGrams: number;
  /** The colour per slot, palette ids. */
  colours: ColourId[];
  parts: QuotedPart[];
  /** Per piece: filament changes and what they purge (0 for one colour). */
  toolChanges: number;
  purgeGrams: number;
  /** Per piece, whole seconds (rounded up), with the reference profile; each shop prices its own machine time from it. */
  printSeconds: number;
  currency: 'EUR';
  /** null when no open shop nearby can make the part. */
  price: ShopPrice | null;
  /** Open shops among those given that can make it. */
  shopCount: number;
  createdAt: number;
  expiresAt: number;
}

/**
 * A shop's price: unit = round(grams × perKg / 1000 + hours × perHour) cents, so the total is
 * exact integer arithmetic on what is shown. The hours are the shop's own machine time: the
 * estimate's (reference profile) divided by the shop's speed factor. Throws RangeError if the
 * shop has no rate for the material, its rates are not integer cents or its speed factor is out
 * of range (bad shop data, not a customer mistake).
 */
export function shopPrice(estimate: PrintEstimate, shop: Shop, material: Material, quantity: number): ShopPrice {
  const rate = shop.rates[material];
  if (rate === undefined) throw new RangeError(`shop ${shop.id} has no rate for ${material}`);
  const { perKgCents, perHourCents } = rate;
  for (const [name, value] of Object.entries({ perKgCents, perHourCents, setupFeeCents: shop.setupFeeCents })) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`shop ${shop.id}: ${name} must be whole cents ≥ 0, got ${value}`);
    }
  }
  const speedProblem = shop.speedFactor === undefined ? null : speedFactorProblem(shop.speedFactor);
  if (speedProblem) throw new RangeError(`shop ${shop.id}: ${speedProblem}`);
  const hours = shopMachineSeconds(estimate.seconds, shop) / 3600;
  const unitCents = Math.round((estimate.grams * perKgCents) / 1000 + hours * perHourCents);
  return { setupFeeCents: shop.setupFeeCents, unitCents, totalCents: shop.setupFeeCents + quantity * unitCents };
}

/**
 * Prices a part over the candidate shops (open ones that can make it) and quotes the
 * HIGHEST total among them. The job goes to the nearest candidate first and moves on when
 * it is declined, so any of them may print it: quoting the maximum means the customer never
 * pays more than quoted and no candidate is asked to work below its own rates.
 *
 * @example
 * const quote = priceQuote(measurements, 'PLA', 2, nearbyShops, clock());
 * quote.price?.totalCents // e.g. 1234 (12.34 EUR)
 *
 * With `job` (the build's parts and the colour per slot), a job in two filaments goes only to
 * shops that declare two, and its time and grams carry the tool changes and the purge.
 */
export function priceQuote(
  part: PartMeasurements,
  material: Material,
  quantity: number,
  shops: readonly Shop[],
  now: number,
  ttlMs: number = QUOTE_TTL_MS,
  fit: PrintEstimateFit = PRINT_ESTIMATE_FIT,
  job: ColourJob = { parts: [{ role: 'part', label: 'Part', colourSlot: 0, measurements: part }], colours: defaultColours(1) },
  colourFit: ColourChangeFit = COLOUR_CHANGE_FIT,
): Quote {
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    const message = 'must be a whole number ≥ 1';
    throw new ValidationError(`quantity ${message}`, [{ field: 'quantity', message }]);
  }
  if (!(Number.isFinite(ttlMs) && ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${ttlMs}`);
  const plain = estimatePrint(part, material, fit);
  const changes = colourChanges(job.parts, job.colours, fit.layerMm, colourFit);
  const density = fit.materials[material].density;
  const purgeGrams = (changes.purgeMm3 / 1000) * density;
  const estimate: PrintEstimate = {
    ...plain,
    extrudedMm3: plain.extrudedMm3 + changes.purgeMm3,
    grams: plain.grams + purgeGrams,
    seconds: plain.seconds + changes.extraSeconds,
  };
  const dimensionsMm = { x: part.size[0], y: part.size[1], z: part.size[2] };
  const colours = filamentCount(job.colours);
  const able = shops.filter((shop) => shop.open && canMake(shop, { material, size: dimensionsMm, colours }));
  const price = able
    .map((shop) => shopPrice(estimate, shop, material, quantity))
    .reduce<ShopPrice | null>((max, p) => (max === null || p.totalCents > max.totalCents ? p : max), null);
  return {
    material,
    materialLabel: MATERIALS[material].label,
    quantity,
    dimensionsMm,
    volumeMm3: part.volume,
    surfaceAreaMm2: part.surfaceArea,
    weightGrams: round1(estimate.grams),
    colours: [...job.colours],
    parts: quotedParts(job, plain.grams, material, fit),
    toolChanges: changes.toolChanges,
    purgeGrams: round1(purgeGrams),
    printSeconds: Math.ceil(estimate.seconds),
    currency: 'EUR',
    price,
    shopCount: able.length,
    createdAt: now,
    expiresAt: now + ttlMs,
  };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * Splits the printed grams (without purge) over the parts in proportion to each part's own
 * estimated filament, so band-heavy letters weigh what they print, not what their volume says.
 */
function quotedParts(job: ColourJob, grams: number, material: Material, fit: PrintEstimateFit): QuotedPart[] {
  const own = job.parts.map((p) => (job.parts.length === 1 ? 1 : estimatePrint(p.measurements, material, fit).extrudedMm3));
  const sum = own.reduce((a, b) => a + b, 0);
  return job.parts.map((p, i) => ({
    role: p.role,
    label: p.label,
    colourSlot: p.colourSlot,
    colour: job.colours[p.colourSlot] ?? job.colours[0],
    weightGrams: round1((grams * own[i]) / sum),
  }));
}
