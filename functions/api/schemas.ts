// zod schemas for every request and response; the OpenAPI document is generated from them.
import { z } from '@hono/zod-openapi';
import { PALETTE } from '../domain/colours.ts';
import { MATERIAL_IDS } from '../domain/materials.ts';
import { MAX_FILAMENT_GRAMS, MAX_FILAMENT_MM, MAX_LAYERS } from '../domain/production-report.ts';
import { MAX_PRINT_SECONDS, MAX_PROGRESS_MESSAGE, MAX_SLICER_LABEL, PRODUCTION_STAGES, type ProductionStage } from '../domain/production.ts';
import { personText, textProblem } from './person-text.ts';
import { postalCodeProblem } from '../domain/postal-code.ts';

export const FieldProblemSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(FieldProblemSchema).optional(),
    requestId: z.string().optional(),
    retryAfterSeconds: z.number().optional(),
  })
  .openapi('Problem');

const ParamSpecSchema = z
  .object({
    key: z.string(),
    type: z.enum(['number', 'text', 'choice']),
    unit: z.enum(['mm', 'deg', 'count', 'text', 'choice']),
    label: z.string(),
    help: z.string(),
    min: z.number().optional(),
    max: z.number().optional(),
    step: z.number().optional(),
    minLength: z.number().optional(),
    maxLength: z.number().optional(),
    options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    default: z.union([z.number(), z.string()]),
  })
  .openapi('ParamSpec');

export const DesignSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    name: z.string(),
    description: z.string(),
    params: z.array(ParamSpecSchema),
  })
  .openapi('Design');

export const DesignListSchema = z.object({ designs: z.array(DesignSchema) }).openapi('DesignList');

export const DesignIdParam = z.object({
  id: z.string().min(1).max(64).regex(/^[a-z0-9-]+$/).openapi({ param: { name: 'id', in: 'path' }, example: 'planter' }),
});

export const MaterialSchema = z.enum(MATERIAL_IDS as [string, ...string[]]).openapi('Material');

export const LocationSchema = z
  .object({
    // Beyond 85° the routing cells around a point grow into hundreds of queries; nobody prints there.
    lat: z.number().min(-85).max(85),
    lon: z.number().min(-180).max(180),
  })
  .strict()
  .openapi('Location');

export const QuoteRequestSchema = z
  .object({
    designId: z.string().min(1).max(64),
    params: z.record(z.string().max(64), z.unknown()),
    material: MaterialSchema,
    quantity: z.number().int().min(1).max(50),
    location: LocationSchema,
    colours: z
      .array(z.string().max(32))
      .max(8)
      .optional()
      .openapi({
        description: `One palette colour per colour slot of the configuration (${PALETTE.map((c) => c.id).join(', ')}); a single-colour design takes one or none. Absent: the defaults (white, then black).`,
        example: ['white', 'black'],
      }),
  })
  .strict()
  .openapi('QuoteRequest');

/** A body of the job with its colour and its grams per piece. */
export const QuotedPartSchema = z
  .object({ role: z.string(), label: z.string(), colourSlot: z.number().int(), colour: z.string(), weightGrams: z.number() })
  .openapi('QuotedPart');

const SizeSchema = z.object({ x: z.number(), y: z.number(), z: z.number() });

export const QuoteResponseSchema = z
  .object({
    id: z.string(),
    designId: z.string(),
    designVersion: z.number().int(),
    params: z.record(z.string(), z.union([z.number(), z.string()])),
    hash: z.string(),
    material: MaterialSchema,
    materialLabel: z.string(),
    quantity: z.number().int(),
    dimensionsMm: SizeSchema,
    volumeMm3: z.number(),
    surfaceAreaMm2: z.number(),
    weightGrams: z.number(),
    colours: z.array(z.string()),
    parts: z.array(QuotedPartSchema),
    toolChanges: z.number().int(),
    purgeGrams: z.number(),
    printSeconds: z.number().int(),
    currency: z.literal('EUR'),
    price: z.object({ setupFeeCents: z.number().int(), unitCents: z.number().int(), totalCents: z.number().int() }).nullable(),
    shopCount: z.number().int(),
    oneColourShopCount: z.number().int().nullable().openapi({ description: 'For a job in several filaments, how many nearby shops could make it in one (null for one filament).' }),
    printability: z.object({ watertight: z.boolean(), triangles: z.number().int(), checks: z.array(z.string()) }),
    files: z.object({ stl: z.string(), threeMf: z.string(), expiresAt: z.number() }),
    createdAt: z.number(),
    expiresAt: z.number(),
  })
  .openapi('Quote');

// Delivery and contact text: NFC, one plain line, no formula (see person-text.ts).
export const DeliverySchema = z
  .object({
    name: personText(1, 100),
    line1: personText(1, 200),
    line2: personText(0, 200).optional(),
    postalCode: personText(1, 20),
    city: personText(1, 100),
    country: z.string().regex(/^[A-Z]{2}$/, 'use a two-letter ISO country code such as DE'),
  })
  .strict()
  .superRefine((delivery, ctx) => {
    // The page checks the same before sending; a client that skips the page meets it here.
    const problem = postalCodeProblem(delivery.country, delivery.postalCode.trim().toUpperCase());
    if (!problem) return;
    const example = problem.example ? `; a postal code there looks like ${problem.example}` : '';
    ctx.addIssue({ code: 'custom', path: ['postalCode'], message: `not a postal code in ${delivery.country}${example}`, params: { code: 'postal_code' } });
  })
  .openapi('Delivery');

export const ContactSchema = z
  .object({
    email: z
      .email()
      .max(254)
      .superRefine((value, ctx) => {
        const problem = textProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
      }),
  })
  .strict()
  .openapi('Contact');

export const OrderRequestSchema = z
  .object({
    quoteId: z.string().min(1).max(64),
    delivery: DeliverySchema,
    contact: ContactSchema.optional(),
  })
  .strict()
  .openapi('OrderRequest');

export const IdempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(128)
    .regex(/^[A-Za-z0-9_.:-]+$/)
    .openapi({ param: { name: 'idempotency-key', in: 'header' }, example: '6f1c2a7e-8d4b-4a8e-9c1f-3b2d5e7a9c10' }),
});

export const OrderIdParam = z.object({
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).openapi({ param: { name: 'id', in: 'path' } }),
});

const StageSchema = z.enum(PRODUCTION_STAGES as [ProductionStage, ...ProductionStage[]]).openapi('ProductionStage');

/** Progress as a shop reports it with a heartbeat or a status call. */
export const ProgressReportSchema = z
  .object({
    stage: StageSchema,
    percent: z.number().min(0).max(100).nullable().optional(),
    secondsLeft: z.number().int().min(0).max(MAX_PRINT_SECONDS).nullable().optional(),
    message: z.string().max(MAX_PROGRESS_MESSAGE).nullable().optional().openapi({ description: "The printer's own words on a problem; shown to the shop only." }),
  })
  .strict()
  .openapi('ProgressReport');

const slicerLabel = z.string().trim().min(1).max(MAX_SLICER_LABEL);

/** What the shop's slicer computed for the job (the whole plate it sliced). */
export const SlicedFiguresSchema = z
  .object({
    printSeconds: z.number().min(0).max(MAX_PRINT_SECONDS),
    filamentGrams: z.number().min(0).max(MAX_FILAMENT_GRAMS),
    filamentMm: z.number().min(0).max(MAX_FILAMENT_MM),
    layers: z.number().int().min(0).max(MAX_LAYERS),
    slicer: slicerLabel.openapi({ example: 'PrusaSlicer 2.5.0' }),
    profile: slicerLabel.openapi({ example: 'atelier-pla-0.4n-0.2mm' }),
  })
  .strict()
  .openapi('SlicedFigures');

/** The optional body of a heartbeat; an empty body or none just extends the lease. */
export const HeartbeatRequestSchema = z
  .object({ progress: ProgressReportSchema.optional(), sliced: SlicedFiguresSchema.optional() })
  .strict()
  .openapi('HeartbeatRequest');

const ProgressViewSchema = z.object({
  stage: StageSchema,
  percent: z.number().nullable(),
  secondsLeft: z.number().int().nullable(),
  message: z.string().nullable(),
  at: z.number(),
});

const OrderStateSchema = z.enum(['PLACED', 'CLAIMED', 'PRINTING', 'PRINTED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'UNROUTABLE']);

const ParamsSchema = z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]));

const DeliveryViewSchema = z.object({
  name: z.string(),
  line1: z.string(),
  line2: z.string().optional(),
  postalCode: z.string(),
  city: z.string(),
  region: z.string().optional(),
  country: z.string(),
});

/** What the customer sees behind the order link (GET /orders/{id}). */
export const OrderViewSchema = z
  .object({
    id: z.string(),
    state: OrderStateSchema,
    timeline: z.array(z.object({ state: OrderStateSchema, at: z.number() })),
    progress: ProgressViewSchema.omit({ message: true }).nullable(),
    designId: z.string(),
    params: ParamsSchema,
    hash: z.string(),
    material: MaterialSchema,
    quantity: z.number().int(),
    priceCents: z.number().int(),
    currency: z.literal('EUR'),
    dimensionsMm: SizeSchema,
    weightGrams: z.number(),
    printSeconds: z.number().int(),
    colours: z.array(z.string()),
    parts: z.array(QuotedPartSchema),
    tracking: z.string().nullable(),
    contact: z.object({ name: z.string(), email: z.string(), phone: z.string().optional() }).nullable(),
    delivery: DeliveryViewSchema.nullable(),
    erasedAt: z.number().nullable(),
    canCancel: z.boolean(),
    canErase: z.boolean(),
    placedAt: z.number(),
    updatedAt: z.number(),
  })
  .strict()
  .openapi('Order');

export const PlacedOrderSchema = z
  .object({ id: z.string(), token: z.string(), orderUrl: z.string(), order: OrderViewSchema })
  .openapi('PlacedOrder');

export const ReasonSchema = z.enum(['material_unavailable', 'printer_busy', 'cannot_print', 'other']);

export const StatusRequestSchema = z
  .object({
    status: z.enum(['PRINTING', 'PRINTED', 'SHIPPED', 'DELIVERED']),
    tracking: z.string().trim().min(1).max(200).optional(),
    progress: ProgressReportSchema.optional(),
    sliced: SlicedFiguresSchema.optional(),
  })
  .strict()
  .openapi('StatusRequest');

export const RejectRequestSchema = z
  .object({ reason: ReasonSchema, note: z.string().max(500).optional() })
  .strict()
  .openapi('RejectRequest');

/** A job as a shop sees it: no customer contact; the delivery address only for the holder. */
export const ShopJobSchema = z
  .object({
    id: z.string(),
    state: OrderStateSchema,
    designId: z.string(),
    params: ParamsSchema,
    hash: z.string(),
    material: MaterialSchema,
    quantity: z.number().int(),
    dimensionsMm: SizeSchema,
    weightGrams: z.number(),
    printSeconds: z.number().int(),
    colours: z.array(z.string()),
    parts: z.array(QuotedPartSchema),
    distanceKm: z.number(),
    offeredAt: z.number(),
    claimedByYou: z.boolean(),
    leaseUntil: z.number().nullable(),
    progress: ProgressViewSchema.nullable(),
    sliced: SlicedFiguresSchema.nullable(),
    delivery: DeliveryViewSchema.nullable(),
    tracking: z.string().nullable(),
    placedAt: z.number(),
    updatedAt: z.number(),
  })
  .strict()
  .openapi('ShopJob');

/** The answer to a rejection: the job is no longer visible to this shop. */
export const RejectReceiptSchema = z.object({ id: z.string(), rejected: z.literal(true), reason: ReasonSchema }).openapi('RejectReceipt');

export const ShopJobListSchema = z
  .object({
    /** The shop the key belongs to, so a dashboard can say who is signed in. */
    shop: z.object({ id: z.string(), name: z.string() }),
    jobs: z.array(ShopJobSchema),
  })
  .openapi('ShopJobList');

export const JobFilesSchema = z
  .object({
    hash: z.string(),
    stl: z.object({ url: z.string(), sha256: z.string(), bytes: z.number().int() }),
    threeMf: z.object({ url: z.string(), sha256: z.string(), bytes: z.number().int() }),
    expiresAt: z.number(),
  })
  .openapi('JobFiles');
