// zod schemas (and OpenAPI components) of the shop webhook routes: the registration request, the
// status without the secret, and the registration with it (the one answer that carries it).
import { z } from '@hono/zod-openapi';
import { MAX_WEBHOOK_FAILURES } from '../domain/webhooks.ts';
import { MAX_WEBHOOK_URL_LENGTH } from './use-cases/shop-webhook.ts';

export const WebhookRequestSchema = z
  .object({
    url: z.string().min(1).max(MAX_WEBHOOK_URL_LENGTH).openapi({ description: 'https URL Atelier POSTs events to (http and loopback only on a local installation)', example: 'https://shop.example/atelier' }),
  })
  .strict()
  .openapi('WebhookRequest');

const stateFields = {
  url: z.string(),
  registeredAt: z.number().openapi({ description: 'ms since the epoch' }),
  status: z.enum(['active', 'failing', 'disabled']).openapi({ description: `disabled: gave up after ${MAX_WEBHOOK_FAILURES} failed deliveries in a row; PUT the URL again to resume` }),
  consecutiveFailures: z.number().int(),
  lastDeliveryAt: z.number().nullable(),
  lastFailureAt: z.number().nullable(),
  lastError: z.string().nullable().openapi({ description: 'The last failure in words, e.g. "HTTP 500"; never a response body' }),
  disabledAt: z.number().nullable(),
};

export const WebhookStateSchema = z.object(stateFields).strict().openapi('WebhookState');

export const WebhookRegistrationSchema = z
  .object({
    ...stateFields,
    secret: z.string().openapi({ description: 'HMAC-SHA256 key for the Atelier-Signature header. Shown only in this answer; PUT again for a new one.' }),
  })
  .strict()
  .openapi('WebhookRegistration');
