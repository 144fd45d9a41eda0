// Order emails on the one-machine host: the mail sink (<data dir>/mail/*.eml) and the
// notifier, run in-process. dynalite has no streams, so the order store tells this module of
// every write (onWrite, the stand-in for the table's stream); a tick drains what is due
// (first sends at once, retries after their back-off), and a sweep at start and every minute
// picks up what a previous run left pending (a crash between write and send) and records offers
// that expired with no write, so their "nobody could take it" mail goes out.
// ATELIER_SMTP_URL sends to a real SMTP relay instead of the sink; ATELIER_MAIL_FROM sets From.
// The same notifier delivers the shops' webhooks from the same outbox (http and loopback
// receivers allowed here, for development and tests; never in AWS).
import { join } from 'node:path';
import type { AppDeps } from '../../functions/api/deps.ts';
import { nextDueAt, type Outbox } from '../../functions/domain/notifications.ts';
import { Notifier } from '../../functions/notify/notifier.ts';
import type { MailSender } from '../../functions/notify/sender.ts';
import { WebhookDeliverer } from '../../functions/notify/webhook-deliverer.ts';
import { smtpSender } from '../../functions/notify/smtp-sender.ts';
import { startMailSink, type MailSink } from './mail-sink.ts';

export interface LocalMailOptions {
  /** Where the sink writes .eml files (default: no sink when smtpUrl is given). */
  mailDir: string;
  /** Send to this SMTP server instead of starting the sink. */
  smtpUrl?: string;
  from?: string;
  /** How often due sends are looked at, ms (default 1000). */
  tickMs?: number;
  /** How often the whole table is swept, ms (default 60 000). */
  sweepMs?: number;
  backoffBaseMs?: number;
}

export interface LocalMail {
  /** Pass as OrderStoreOptions.onWrite. */
  onWrite: (orderId: string, outbox: Outbox) => void;
  /** Starts sending, once the app's dependencies exist; links point at baseUrl. */
  start: (deps: AppDeps, baseUrl: string) => Promise<void>;
  notifier: () => Notifier | undefined;
  /** Sends what is due now and waits for it (tests; the tick does the same). */
  flush: () => Promise<void>;
  close: () => Promise<void>;
}

export const DEFAULT_MAIL_FROM = 'Atelier <orders@atelier.localhost>';

export const localMail = (options: LocalMailOptions): LocalMail => {
  /** Orders with a pending send, by when it is due. */
  const due = new Map<string, number>();
  let notifier: Notifier | undefined;
  let appDeps: AppDeps | undefined;
  let sink: MailSink | undefined;
  let sender: MailSender | undefined;
  let running: Promise<void> = Promise.resolve();
  const timers: NodeJS.Timeout[] = [];

  const onWrite = (orderId: string, outbox: Outbox) => {
    const at = nextDueAt(outbox);
    if (at === null) due.delete(orderId);
    else due.set(orderId, at);
  };

  /** One pass at a time; a pass started while one runs waits for it. */
  const serial = (pass: () => Promise<void>) => {
    running = running.then(pass).catch((error: unknown) => {
      // No address here: the store and sender errors name orders and servers only.
      console.error(JSON.stringify({ level: 'error', message: 'notifier pass failed', error: String((error as Error)?.message ?? error) }));
    });
    return running;
  };

  const drainDue = () =>
    serial(async () => {
      if (!notifier) return;
      const now = Date.now();
      for (const [orderId, at] of [...due]) {
        if (at > now) continue;
        due.delete(orderId);
        await notifier.drainOrder(orderId);
        // The outcome was written through the outbox store, which does not call onWrite: re-read
        // to learn when a failed send is due again.
        const stored = await appDeps?.stores.orders.get(orderId);
        if (stored) onWrite(orderId, stored.outbox);
      }
    });

  const sweep = () =>
    serial(async () => {
      if (!notifier) return;
      await notifier.sweep();
    });

  return {
    onWrite,
    notifier: () => notifier,
    start: async (deps, baseUrl) => {
      appDeps = deps;
      if (options.smtpUrl) sender = smtpSender(options.smtpUrl);
      else {
        sink = await startMailSink({ dir: options.mailDir });
        sender = smtpSender(sink.url);
      }
      const webhooks = new WebhookDeliverer(deps, { allowLoopback: true, backoffBaseMs: options.backoffBaseMs });
      notifier = new Notifier(deps, { sender, from: options.from ?? DEFAULT_MAIL_FROM, baseUrl, backoffBaseMs: options.backoffBaseMs, webhooks });
      await sweep();
      timers.push(setInterval(() => void drainDue(), options.tickMs ?? 1_000), setInterval(() => void sweep(), options.sweepMs ?? 60_000));
      for (const timer of timers) timer.unref();
    },
    flush: async () => {
      await drainDue();
      await sweep();
    },
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      await running;
      sender?.close?.();
      await sink?.close();
    },
  };
};

/** The sink's folder inside the data directory. */
export const mailDirOf = (dataDir: string) => join(dataDir, 'mail');
