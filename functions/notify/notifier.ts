// The notifier: sends the pending emails in an order's outbox and records each outcome on the
// order item. Both hosts run it: in AWS per stream record (functions/lambda/notify.ts) and on a
// schedule (the sweep); locally in-process, woken by every order write and on an interval.
//
// Each send is bracketed by two conditional writes: "attempt started" before, "sent" or
// "failed, next try at" after. A crash between them leaves the attempt in flight; after
// IN_FLIGHT_TIMEOUT_MS another run sends again and counts the attempt as `uncertain` (the one
// case that can deliver a duplicate: the first copy may have reached the server). Two
// notifiers never send the same entry at once: only one wins the "attempt started" write.
import type { AppDeps } from '../api/deps.ts';
import { recordExpiredOffer } from '../api/use-cases/notifications.ts';
import {
  BACKOFF_BASE_MS,
  dueEntries,
  markDropped,
  markFailed,
  markSent,
  MAX_SEND_ATTEMPTS,
  recipientOf,
  startAttempt,
  type Outbox,
  type OutboxEntry,
} from '../domain/notifications.ts';
import { reissuableToken } from '../domain/ids.ts';
import { offerExpired, type Order } from '../domain/order.ts';
import { orderLinks, renderEmail } from './render.ts';
import { recordOutcome } from './record-outcome.ts';
import { describeSendError, type MailSender } from './sender.ts';
import type { WebhookDeliverer } from './webhook-deliverer.ts';

/** Orders a sweep works on at once. */
export const SWEEP_LANES = 8;

export interface NotifierOptions {
  /** null where no mail is configured (AWS without the mail context): email entries are dropped, webhooks still go. */
  sender: MailSender | null;
  /** The From address (the SES identity in AWS). */
  from: string;
  /** The site's origin, for the links in the mails. */
  baseUrl: string;
  /** First retry delay; doubles per attempt (default BACKOFF_BASE_MS, 30 s). */
  backoffBaseMs?: number;
  /** Delivers the shop webhook entries of the same outbox; without it they wait for a notifier that has one. */
  webhooks?: WebhookDeliverer;
}

/** What this notifier did since it started: the figures the logs and tests read. */
export interface NotifierCounts {
  sent: number;
  failedAttempts: number;
  gaveUp: number;
  dropped: number;
  /** Sends of an entry whose earlier attempt had no recorded outcome: possible duplicates. */
  possibleDuplicates: number;
  expiriesRecorded: number;
}

type Outcome = 'sent' | 'failed' | 'dropped' | 'busy';

export class Notifier {
  readonly counts: NotifierCounts = { sent: 0, failedAttempts: 0, gaveUp: 0, dropped: 0, possibleDuplicates: 0, expiriesRecorded: 0 };
  private readonly domain: string;

  constructor(
    private readonly deps: Pick<AppDeps, 'stores' | 'clock' | 'logger' | 'orderTokenSecret'>,
    private readonly options: NotifierOptions,
  ) {
    this.domain = options.from.split('@').pop()?.replace(/[>\s]/g, '') || 'atelier.invalid';
  }

  /** Sends every email and webhook of this order that is due now, one after the other; returns how many were sent. */
  async drainOrder(orderId: string): Promise<number> {
    const mails = await this.drainEmails(orderId);
    return mails + (this.options.webhooks ? await this.options.webhooks.drainOrder(orderId) : 0);
  }

  private async drainEmails(orderId: string): Promise<number> {
    let sent = 0;
    // Each round sends at most one entry and re-reads; an entry is attempted at most once per call.
    const tried = new Set<string>();
    for (let round = 0; round < 50; round++) {
      const stored = await this.deps.stores.orders.get(orderId);
      if (!stored) return sent;
      const entry = dueEntries(stored.outbox, this.deps.clock()).find((e) => !tried.has(e.id));
      if (!entry) return sent;
      tried.add(entry.id);
      // Only the token's hash is stored: the link's token is derived again under the installation's
      // secret (an order from before hashing keeps its clear one; after a secret change, none),
      // and only for a mail that is really sent.
      const token = async () => stored.legacyToken ?? (await reissuableToken(this.deps.orderTokenSecret, orderId, stored.tokenHash)) ?? '';
      const outcome = await this.sendEntry(orderId, stored.order.version, stored.outbox, entry, token, stored.order);
      if (outcome === 'sent') sent++;
      if (outcome === 'busy') tried.delete(entry.id);
    }
    return sent;
  }

  /**
   * The periodic pass over the due index: records offers that expired with no write (their
   * "nobody could take it" mail follows from that write), then drains every order with a send
   * due (retries, webhook offer windows and lease warnings whose time came).
   */
  async sweep(): Promise<void> {
    const now = this.deps.clock();
    const items = await this.deps.stores.outbox.sweep(now);
    // A few orders at a time: one slow receiver (up to WEBHOOK_TIMEOUT_MS) holds up only its own lane.
    let next = 0;
    const lane = async () => {
      for (let item = items[next++]; item !== undefined; item = items[next++]) {
        if (item.open && offerExpired(item.open, now) && (await recordExpiredOffer(this.deps as AppDeps, item.orderId))) this.counts.expiriesRecorded++;
        await this.drainOrder(item.orderId);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SWEEP_LANES, items.length) }, lane));
  }

  private async sendEntry(orderId: string, version: number, outbox: Outbox, entry: OutboxEntry, token: () => Promise<string>, order: Order): Promise<Outcome> {
    const now = this.deps.clock();
    const to = recipientOf(order);
    const sender = this.options.sender;
    if (to === null || sender === null) {
      // Erasure drops pending entries in its own write; this covers an order stored without that,
      // and a host with no mail configured.
      if (await this.deps.stores.outbox.save(order, version, markDropped(outbox, entry.id))) this.counts.dropped++;
      return 'dropped';
    }
    const started = startAttempt(outbox, entry.id, now);
    // Losing this write means someone else changed the order (or is sending): re-read and judge again.
    if (!(await this.deps.stores.outbox.save(order, version, started))) return 'busy';
    const uncertain = entry.inFlightSince !== null;
    if (uncertain) this.counts.possibleDuplicates++;
    const links = orderLinks(this.options.baseUrl, orderId, await token());
    const email = renderEmail(entry.kind, order, links);
    const log = { orderId, notification: entry.id, kind: entry.kind, attempt: entry.attempts + 1, ...(uncertain ? { possibleDuplicate: true } : {}) };
    try {
      await sender.send({
        from: this.options.from,
        to,
        ...email,
        messageId: `<${entry.id}@${this.domain}>`,
        headers: { 'List-Unsubscribe': `<${links.stop}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
    } catch (error) {
      const reason = describeSendError(error);
      await this.record(order, version + 1, started, (o) => markFailed(o, entry.id, this.deps.clock(), reason, this.options.backoffBaseMs ?? BACKOFF_BASE_MS));
      this.counts.failedAttempts++;
      const gaveUp = entry.attempts + 1 >= MAX_SEND_ATTEMPTS;
      if (gaveUp) this.counts.gaveUp++;
      this.deps.logger.error('notification failed', { ...log, error: reason, gaveUp });
      return 'failed';
    }
    await this.record(order, version + 1, started, (o) => markSent(o, entry.id, this.deps.clock()));
    this.counts.sent++;
    this.deps.logger.info('notification sent', log);
    return 'sent';
  }

  /** Writes an outcome (see recordOutcome); an outcome left unrecorded is logged. */
  private async record(order: Order, version: number, outbox: Outbox, apply: (o: Outbox) => Outbox): Promise<void> {
    if (await recordOutcome(this.deps.stores, order, version, outbox, apply)) return;
    // Left in flight: after IN_FLIGHT_TIMEOUT_MS it is sent again and counted as a possible duplicate.
    this.deps.logger.error('notification outcome not recorded', { orderId: order.id });
  }
}
