// The JSON the API sends and takes, as the browser sees it: the server's own types and zod
// schemas, imported type-only, so nothing of the server reaches the bundle.
import type { z } from '@hono/zod-openapi';
import type { JobFilesSchema, OrderRequestSchema, QuoteRequestSchema, QuoteResponseSchema } from '../../../functions/api/schemas.ts';

export type { FieldProblem, ProblemBody } from '../../../functions/api/problem.ts';
export type { PublicOrderView, ShopOrderView } from '../../../functions/domain/order-views.ts';
export type { ShopWebhook, WebhookState } from '../../../functions/domain/webhooks.ts';
export type { OrderState, RejectReason, ShopStatus, Delivery } from '../../../functions/domain/order-model.ts';

export interface Location {
  lat: number;
  lon: number;
}

/** What POST /api/quotes takes and answers, and the others below: the server's zod schemas. */
export type QuoteRequest = z.input<typeof QuoteRequestSchema>;
export type Quote = z.infer<typeof QuoteResponseSchema>;
export type OrderRequest = z.input<typeof OrderRequestSchema>;
export type JobFiles = z.infer<typeof JobFilesSchema>;
