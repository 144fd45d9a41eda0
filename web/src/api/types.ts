// The JSON the API sends and takes, as the browser sees it. Order and job views and the
// problem shape are the server's own (type-only imports, erased at build); the quote is
// written out here because the server declares it as a zod schema.
import type { Params } from '../../../functions/designs/types.ts';
import type { Material } from '../../../functions/domain/materials.ts';

export type { FieldProblem, ProblemBody } from '../../../functions/api/problem.ts';
export type { PublicOrderView, ShopOrderView } from '../../../functions/domain/order-views.ts';
export type { OrderState, RejectReason, ShopStatus, Delivery } from '../../../functions/domain/order-model.ts';

export interface SizeMm {
  x: number;
  y: number;
  z: number;
}

export interface Location {
  lat: number;
  lon: number;
}

export interface QuoteRequest {
  designId: string;
  params: Params;
  material: Material;
  quantity: number;
  location: Location;
}

export interface Quote {
  id: string;
  designId: string;
  designVersion: number;
  params: Params;
  hash: string;
  material: Material;
  materialLabel: string;
  quantity: number;
  dimensionsMm: SizeMm;
  volumeMm3: number;
  surfaceAreaMm2: number;
  weightGrams: number;
  printSeconds: number;
  currency: 'EUR';
  /** Null when no shop nearby can make it. */
  price: { setupFeeCents: number; unitCents: number; totalCents: number } | null;
  shopCount: number;
  printability: { watertight: boolean; triangles: number; checks: string[] };
  files: { stl: string; threeMf: string; expiresAt: number };
  createdAt: number;
  expiresAt: number;
}

export interface OrderRequest {
  quoteId: string;
  delivery: { name: string; line1: string; line2?: string; postalCode: string; city: string; country: string };
  contact?: { email: string };
}

export interface JobFiles {
  hash: string;
  stl: { url: string; sha256: string; bytes: number };
  threeMf: { url: string; sha256: string; bytes: number };
  expiresAt: number;
}
