// The notifier's webhook half: delivers the due shop webhook entries of an order's outbox
// (domain/webhook-outbox.ts) and records each outcome, on the order item (the entry: attempts,
// back-off, give-up) and on the shop item (the registration's status, through
// ShopWebhookStore.recordDelivery: failing, then disabled after MAX_WEBHOOK_FAILURES in a row).
//
// As for emails, each send sits between two conditional writes on the order ("attempt started",
// then "sent" or "failed, next try at"), so a crash in between leaves the entry in flight and a
// later run delivers it (counted as a possible duplicate; the event id lets the shop drop it).
// Entries that must not be sent (the shop has no webhook, it is disabled, or the event no
// longer applies: the job moved on, the lease moved) are dropped, all of an order's at once; an
// offer that came due while another shop holds a live claim waits for that lease's end.
import type { AppDeps } from '../api/deps.ts';
import { BACKOFF_BASE_MS, MAX_SEND_ATTEMPTS, type Outbox } from '../domain/notifications.ts';
import {
  deferWebhook,
  dueWebhooks,
  markWebhookDropped,
  markWebhookFailed,
  markWebhookSent,
  offerWaitsUntil,
  startWebhookAttempt,
  webhookEventOf,
  webhookStillApplies,
  type WebhookEntry,
} from '../domain/webhook-outbox.ts';
import type { DeliveryOutcome, ShopWebhook } from '../domain/webhooks.ts';
import type { Order } from '../domain/order.ts';
import { recordOutcome } from './record-outcome.ts';
import { postWebhook } from './webhook-sender.ts';
import { checkWebhookTarget, WebhookTargetError } from './webhook-target.ts';

export interface WebhookDelivererOptions {
  /** True only on the local host: http and loopback receivers allowed. Never in AWS. */
  allowLoopback: boolean;
  /** DNS lookup for the SSRF check (tests inject one); default the system resolver. */
  lookup?: (host: string) => Promise<{ address: string }[]>;
  /** First retry delay; doubles per attempt (default BACKOFF_BASE_MS, 30 s, as for emails). */
  backoffBaseMs?: number;
  /** The receiver's time to answer (default WEBHOOK_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** What this deliverer did since it started (logs, tests). */
export interface WebhookCounts {
  delivered: number;
  failedAttempts: number;
  gaveUp: number;
  dropped: number;
  /** Refused by the SSRF check: never connected. */
  refused: number;
  possibleDuplicates: number;
}

type Deps = Pick<AppDeps, 'stores' | 'clock' | 'logger'>;

export class WebhookDeliverer {
  readonly counts: WebhookCounts = { delivered: 0, failedAttempts: 0, gaveUp: 0, dropped: 0, refused: 0, possibleDuplicates: 0 };

  constructor(
    private readonly deps: Deps,
    private readonly options: WebhookDelivererOptions,
  ) {}

  /** Delivers every webhook entry of this order that is due now, one at a time; returns how many were delivered. */
  async drainOrder(orderId: string): Promise<number> {
    let delivered = 0;
    const tried = new Set<string>();
    const hooks = new Map<string, ShopWebhook | undefined>();
    const hookOf = async (shopId: string) => {
      if (!hooks.has(shopId)) hooks.set(shopId, await this.deps.stores.shopWebhooks.get(shopId));
      return hooks.get(shopId);
    };
    for (let round = 0; round < 50; round++) {
      const stored = await this.deps.stores.orders.get(orderId);
      if (!stored) return delivered;
      const now = this.deps.clock();
      const due = dueWebhooks(stored.outbox, now).filter((e) => !tried.has(e.id));
      if (due.length === 0) return delivered;
      // Everything that must not be sent now (dropped, or waiting for a claim's lease) goes in one write; then the rest, one per round.
      let judged = stored.outbox;
      const held: { entry: WebhookEntry; deferred: boolean; reason: string }[] = [];
      for (const entry of due) {
        const hook = await hookOf(entry.shopId);
        const waitUntil = hook && hook.status !== 'disabled' ? offerWaitsUntil(stored.order, entry, now) : null;
        if (waitUntil !== null) {
          judged = deferWebhook(judged, entry.id, waitUntil);
          held.push({ entry, deferred: true, reason: `waits for the holder's lease until ${new Date(waitUntil).toISOString()}` });
          continue;
        }
        const reason = this.dropReason(stored.order, entry, now, hook);
        if (reason === null) continue;
        judged = markWebhookDropped(judged, entry.id, reason);
        held.push({ entry, deferred: false, reason });
      }
      if (held.length > 0) {
        if (await this.deps.stores.outbox.save(stored.order, stored.order.version, judged)) {
          for (const { entry, deferred, reason } of held) {
            if (!deferred) this.counts.dropped++;
            this.deps.logger.info(deferred ? 'webhook deferred' : 'webhook dropped', { orderId, webhook: entry.id, type: entry.type, shopId: entry.shopId, reason });
          }
        }
        continue;
      }
      const entry = due[0];
      tried.add(entry.id);
      const outcome = await this.deliver(stored.order, stored.outbox, entry, (await hookOf(entry.shopId))!);
      if (outcome === 'delivered') delivered++;
      if (outcome === 'busy') tried.delete(entry.id);
      hooks.delete(entry.shopId);
    }
    return delivered;
  }

  private dropReason(order: Order, entry: WebhookEntry, now: number, hook: ShopWebhook | undefined): string | null {
    if (!hook) return 'the shop has no webhook';
    if (hook.status === 'disabled') return 'the shop\'s webhook is disabled';
    if (!webhookStillApplies(order, entry, now)) return 'no longer applies';
    return null;
  }

  private async deliver(order: Order, outbox: Outbox, entry: WebhookEntry, hook: ShopWebhook): Promise<'delivered' | 'failed' | 'busy'> {
    const started = startWebhookAttempt(outbox, entry.id, this.deps.clock());
    if (!(await this.deps.stores.outbox.save(order, order.version, started))) return 'busy';
    const uncertain = entry.inFlightSince !== null;
    if (uncertain) this.counts.possibleDuplicates++;
    const log = { orderId: order.id, webhook: entry.id, type: entry.type, shopId: entry.shopId, attempt: entry.attempts + 1, ...(uncertain ? { possibleDuplicate: true } : {}) };
    const outcome = await this.attempt(order.id, entry, hook);
    const now = this.deps.clock();
    // The shop's record first: it says whether this failure disabled the webhook (then no retry).
    const after = await this.deps.stores.shopWebhooks.recordDelivery(entry.shopId, outcome, now, hook.registeredAt).catch((error: unknown) => {
      this.deps.logger.error('webhook outcome not recorded on the shop', { ...log, error: String((error as Error)?.message ?? error) });
      return undefined;
    });
    if (outcome.ok) {
      await this.record(order, order.version + 1, started, (o) => markWebhookSent(o, entry.id, this.deps.clock()));
      this.counts.delivered++;
      this.deps.logger.info('webhook delivered', log);
      return 'delivered';
    }
    const disabled = after?.status === 'disabled';
    const base = this.options.backoffBaseMs ?? BACKOFF_BASE_MS;
    await this.record(order, order.version + 1, started, (o) => markWebhookFailed(o, entry.id, this.deps.clock(), outcome.error, base, disabled));
    this.counts.failedAttempts++;
    const gaveUp = disabled || entry.attempts + 1 >= MAX_SEND_ATTEMPTS;
    if (gaveUp) this.counts.gaveUp++;
    this.deps.logger.error('webhook failed', { ...log, error: outcome.error, gaveUp, ...(disabled ? { webhookDisabled: true } : {}) });
    return 'failed';
  }

  /** The SSRF check, then the POST to the checked address. */
  private async attempt(orderId: string, entry: WebhookEntry, hook: ShopWebhook): Promise<DeliveryOutcome> {
    let target;
    try {
      target = await checkWebhookTarget(hook.url, { allowLoopback: this.options.allowLoopback, lookup: this.options.lookup });
    } catch (error) {
      if (!(error instanceof WebhookTargetError)) return { ok: false, error: 'the host does not resolve' };
      this.counts.refused++;
      return { ok: false, error: `refused: ${error.message}` };
    }
    return postWebhook({ target, event: webhookEventOf(orderId, entry), secret: hook.secret, now: this.deps.clock(), timeoutMs: this.options.timeoutMs });
  }

  /** Writes an outcome (see recordOutcome); an outcome left unrecorded is logged. */
  private async record(order: Order, version: number, outbox: Outbox, apply: (o: Outbox) => Outbox): Promise<void> {
    if (!(await recordOutcome(this.deps.stores, order, version, outbox, apply))) this.deps.logger.error('webhook outcome not recorded', { orderId: order.id });
  }
}
