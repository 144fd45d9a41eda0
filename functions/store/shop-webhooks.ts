// A shop's webhook registration: the `webhook` attribute of its SHOP#<id> item (the contract is
// in domain/webhooks.ts). Beside it the item keeps `webhookRevision`, a counter every write here
// bumps and conditions on, so two deliveries recorded at once never lose a failure count (the
// loser re-reads and applies its outcome to the fresh registration), and a record racing a
// re-registration or a removal never writes the old registration back.
import { GetCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../domain/errors.ts';
import { afterDelivery, newWebhook, newWebhookSecret, type DeliveryOutcome, type ShopWebhook } from '../domain/webhooks.ts';
import type { StoreClients } from './clients.ts';
import type { StoreConfig } from './config.ts';
import { guard } from './errors.ts';
import { shopKey, updateShopItem } from './shops.ts';

const noSuchShop = (id: string) => new NotFoundError(`no shop ${id}`);

/** Conditional writes lost this many times in a row: give up (the caller sees an error). */
const MAX_ATTEMPTS = 20;

export class ShopWebhookStore {
  constructor(
    private readonly clients: StoreClients,
    private readonly config: StoreConfig,
  ) {}

  /**
   * Registers (or replaces) the shop's webhook: a new URL and secret, status reset to active
   * (which is how a disabled webhook resumes). Throws NotFoundError for an unknown shop.
   * The caller checks the URL (notify/webhook-target.ts) first.
   */
  async set(shopId: string, url: string, now: number, secret: string = newWebhookSecret()): Promise<ShopWebhook> {
    const webhook = newWebhook(url, secret, now);
    const written = await this.update(shopId, {
      UpdateExpression: 'SET webhook = :webhook, webhookRevision = if_not_exists(webhookRevision, :zero) + :one',
      ExpressionAttributeValues: { ':webhook': webhook, ':zero': 0, ':one': 1 },
    });
    if (!written) throw noSuchShop(shopId);
    return webhook;
  }

  /** Removes the shop's webhook; false if it had none. Throws NotFoundError for an unknown shop. */
  async remove(shopId: string): Promise<boolean> {
    const item = await this.item(shopId);
    if (!item) throw noSuchShop(shopId);
    if (item.webhook === undefined) return false;
    const written = await this.update(shopId, {
      UpdateExpression: 'REMOVE webhook SET webhookRevision = if_not_exists(webhookRevision, :zero) + :one',
      ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
    });
    if (!written) throw noSuchShop(shopId);
    return true;
  }

  /** The shop's webhook (with its secret: the notifier signs with it), or undefined if it has none or there is no such shop. */
  async get(shopId: string): Promise<ShopWebhook | undefined> {
    return (await this.item(shopId))?.webhook as ShopWebhook | undefined;
  }

  /**
   * Applies one delivery's outcome (domain afterDelivery) with a write conditional on the
   * revision read; on a lost race it reads again and re-applies. Returns the registration as
   * written, or undefined when the shop has no webhook any more (removed meanwhile: nothing to
   * record). With `registeredAt` (the registration the delivery was made for), an outcome for a
   * registration that was replaced meanwhile is dropped too. Throws NotFoundError for an unknown shop.
   */
  async recordDelivery(shopId: string, outcome: DeliveryOutcome, now: number, registeredAt?: number): Promise<ShopWebhook | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const item = await this.item(shopId);
      if (!item) throw noSuchShop(shopId);
      const current = item.webhook as ShopWebhook | undefined;
      if (!current || (registeredAt !== undefined && current.registeredAt !== registeredAt)) return undefined;
      const next = afterDelivery(current, outcome, now);
      if (next === current) return current;
      // set() writes the revision with every registration, so a registered webhook always has one.
      const revision = item.webhookRevision as number;
      const written = await this.update(shopId, {
        UpdateExpression: 'SET webhook = :webhook, webhookRevision = :next',
        ConditionExpression: 'webhookRevision = :revision',
        ExpressionAttributeValues: { ':webhook': next, ':next': revision + 1, ':revision': revision },
      });
      if (written) return next;
    }
    throw new Error(`recording a webhook delivery for shop ${shopId} lost ${MAX_ATTEMPTS} races in a row`);
  }

  private async item(shopId: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await guard('dynamodb', () =>
      this.clients.doc.send(new GetCommand({ TableName: this.config.tableName, Key: shopKey(shopId), ConsistentRead: true })),
    );
    return Item;
  }

  /** One update of the shop item, conditional on it existing (or on `ConditionExpression`); false when the condition failed. */
  private update(shopId: string, update: Pick<UpdateCommandInput, 'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeValues'>): Promise<boolean> {
    return updateShopItem(this.clients, this.config, shopId, update);
  }
}
