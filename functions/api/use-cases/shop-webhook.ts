// A shop's webhook registration (issue 12, item 4), shared by the API (the shop's key) and the
// operator CLI: check the URL (notify/webhook-target.ts: https, no private addresses, no
// credentials; http and loopback only where the store is local), then store it with a fresh
// secret. A bad URL is a ValidationError naming the field `url`.
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { webhookState, type ShopWebhook, type WebhookState } from '../../domain/webhooks.ts';
import { checkWebhookTarget, WebhookTargetError } from '../../notify/webhook-target.ts';
import type { ShopWebhookStore } from '../../store/shop-webhooks.ts';

/** Longest URL accepted, characters. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

export interface WebhookUrlPolicy {
  /** http and loopback addresses allowed: only where the store is local (dynalite), never in AWS. */
  allowLoopback: boolean;
  /** DNS resolution (tests); node:dns by default. */
  lookup?: (host: string) => Promise<{ address: string }[]>;
}

const badUrl = (message: string) => new ValidationError(`The webhook URL cannot be used: ${message}.`, [{ field: 'url', message }]);

/** Codes node:dns uses for a name that does not resolve (or not now). */
const DNS_FAILURES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENODATA', 'ESERVFAIL', 'ETIMEOUT', 'ECONNREFUSED']);

/**
 * The URL as it will be stored (normalised by the URL parser), or a ValidationError for `url`.
 * @example await checkWebhookUrl('https://shop.example/atelier', { allowLoopback: false }) // 'https://shop.example/atelier'
 */
export const checkWebhookUrl = async (text: string, policy: WebhookUrlPolicy): Promise<string> => {
  if (text.length > MAX_WEBHOOK_URL_LENGTH) throw badUrl(`must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  try {
    return (await checkWebhookTarget(text.trim(), policy)).url.href;
  } catch (error) {
    if (error instanceof WebhookTargetError) throw badUrl(error.message);
    if (DNS_FAILURES.has((error as { code?: string }).code ?? '')) throw badUrl('the host does not resolve');
    throw error;
  }
};

/** Registers (or replaces, which also resumes a disabled one) the shop's webhook; returns it with its secret, to be shown once. */
export const registerWebhook = async (webhooks: ShopWebhookStore, shopId: string, url: string, now: number, policy: WebhookUrlPolicy): Promise<ShopWebhook> =>
  webhooks.set(shopId, await checkWebhookUrl(url, policy), now);

/** The shop's webhook status without the secret; NotFoundError when it has none. */
export const webhookStatus = async (webhooks: ShopWebhookStore, shopId: string): Promise<WebhookState> => {
  const webhook = await webhooks.get(shopId);
  if (!webhook) throw new NotFoundError('This shop has no webhook.');
  return webhookState(webhook);
};
