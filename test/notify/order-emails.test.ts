// Order emails end to end: the real app on a socket over dynalite + s3rver, the notifier
// sending over SMTP (nodemailer) to a real SMTP server on loopback (smtp-server, the local
// host's sink), every message parsed back with mailparser. Every state change the customer
// hears about gives exactly one mail with the right link; a notifier that died before sending
// is replaced by a new one that delivers; refusals are retried; no address, no mail; after
// erasure the address is nowhere (table, bucket, outbox, logs).
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from '../../functions/api/logger.ts';
import { IN_FLIGHT_TIMEOUT_MS, startAttempt } from '../../functions/domain/notifications.ts';
import { OFFER_EXPIRY_MS } from '../../functions/domain/order-model.ts';
import { OFFER_WINDOW_MS } from '../../functions/domain/routing.ts';
import { Notifier } from '../../functions/notify/notifier.ts';
import { smtpSender } from '../../functions/notify/smtp-sender.ts';
import { startMailSink, type MailSink } from '../../infra/local/mail-sink.ts';
import { addShopsNearBerlin, apiOf, CONTACT, postOrder, quote, scanTable, type Api, type TestShop } from '../support/api-flow.ts';
import { listBucket, readObject } from '../support/bucket.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';

const FROM = 'Atelier <orders@atelier.test>';
const BACKOFF_MS = 1_000;

describe('order emails over SMTP', () => {
  let server: TestServer;
  let api: Api;
  let shops: TestShop[];
  let sink: MailSink;
  const logLines: string[] = [];
  const inbox: ParsedMail[] = [];
  const parsing: Promise<void>[] = [];
  /** SMTP replies to give instead of accepting, one per incoming message. */
  const refusals: string[] = [];
  const notifiers: Notifier[] = [];
  let keySeq = 0;

  const newNotifier = () => {
    const notifier = new Notifier(server.deps, { sender: smtpSender(sink.url), from: FROM, baseUrl: server.deps.publicBaseUrl, backoffBaseMs: BACKOFF_MS });
    notifiers.push(notifier);
    return notifier;
  };
  const received = async () => {
    await Promise.all(parsing);
    return inbox;
  };
  const mailsFor = async (id: string) => (await received()).filter((m) => m.subject?.includes(id));
  const order = async (contact: object | null = CONTACT) => {
    const q = await quote(api);
    const placed = await postOrder(api, q.body.id, `emails-${Date.now()}-${keySeq++}`, contact === null ? { contact: undefined } : { contact });
    expect(placed.status).toBe(201);
    return { id: placed.body.id as string, token: placed.body.token as string, orderUrl: placed.body.orderUrl as string };
  };
  const shopCall = (shop: TestShop, id: string, action: string, body?: object) => api('POST', `/shop/jobs/${id}/${action}`, { key: shop.apiKey, body });
  const outboxOf = async (id: string) => (await server.deps.stores.orders.get(id))!.outbox;

  beforeAll(async () => {
    sink = await startMailSink({
      onMessage: (raw) => void parsing.push(simpleParser(raw).then((m) => void inbox.push(m))),
      refuse: () => refusals.shift() ?? null,
    });
    server = await startTestServer({ logger: jsonLogger((line) => logLines.push(line)) });
    api = apiOf(server);
    shops = await addShopsNearBerlin(server, 2, 'mail');
  });
  afterEach(() => {
    refusals.length = 0;
  });
  afterAll(async () => {
    for (const n of notifiers) (n as unknown as { options: { sender: { close?: () => void } } }).options.sender.close?.();
    await server.close();
    await sink.close();
  });

  it('sends one mail per state change, placed (with the order link) to delivered (with tracking)', async () => {
    const notifier = newNotifier();
    const { id, token, orderUrl } = await order();
    await notifier.drainOrder(id);
    await shopCall(shops[0], id, 'claim');
    await notifier.drainOrder(id);
    await shopCall(shops[0], id, 'status', { status: 'PRINTING' });
    await shopCall(shops[0], id, 'status', { status: 'PRINTED' });
    await notifier.drainOrder(id);
    await shopCall(shops[0], id, 'status', { status: 'SHIPPED', tracking: 'DHL 00340434161234567890' });
    await notifier.drainOrder(id);
    await shopCall(shops[0], id, 'status', { status: 'DELIVERED' });
    await notifier.drainOrder(id);
    await notifier.drainOrder(id);

    const mails = await mailsFor(id);
    expect(mails.map((m) => m.subject)).toEqual([
      `Your Atelier order ${id} is placed`,
      `A print shop has taken your order ${id}`,
      `Your order ${id} is being printed`,
      `Your order ${id} is on its way`,
      `Your order ${id} was delivered`,
    ]);
    const stop = `${server.deps.publicBaseUrl}/api/orders/${id}/notifications/stop?token=${token}`;
    for (const mail of mails) {
      expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(CONTACT.email);
      expect(mail.from?.text).toContain('orders@atelier.test');
      expect(mail.text).toContain(orderUrl);
      expect(mail.html).toContain(`href="${orderUrl.replace(/&/g, '&#38;')}"`);
      expect(mail.text).toContain(stop);
      const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, ' ');
      expect(header('list-unsubscribe')).toBe(`List-Unsubscribe: <${stop}>`);
      expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    }
    expect(mails[0].text).toContain('Keep this email');
    expect(mails[3].text).toContain('Tracking number: DHL 00340434161234567890');
    expect(mails.map((m) => m.messageId)).toEqual(['placed', 'claimed', 'printing', 'shipped', 'delivered'].map((k) => `<${id}.${k}@atelier.test>`));
    const outbox = await outboxOf(id);
    expect(outbox.entries.map((e) => [e.kind, e.status, e.attempts])).toEqual(['placed', 'claimed', 'printing', 'shipped', 'delivered'].map((k) => [k, 'sent', 1]));
  });

  it('sends one mail when the customer cancels', async () => {
    const notifier = newNotifier();
    const { id, token } = await order();
    expect((await api('POST', `/orders/${id}/cancel`, { token })).status).toBe(200);
    await notifier.drainOrder(id);
    await notifier.drainOrder(id);

    expect((await mailsFor(id)).map((m) => m.subject)).toEqual([`Your Atelier order ${id} is placed`, `Your order ${id} is cancelled`]);
  });

  it('sends one "unroutable" mail when every candidate declines, and one when the offer expires with no write (the sweep records it)', async () => {
    const notifier = newNotifier();
    const declined = await order();
    server.clock.advance(OFFER_WINDOW_MS * shops.length);
    for (const shop of shops) expect((await shopCall(shop, declined.id, 'reject', { reason: 'printer_busy' })).status).toBe(200);
    const expired = await order();
    await notifier.sweep();
    expect((await mailsFor(expired.id)).map((m) => m.subject)).toEqual([`Your Atelier order ${expired.id} is placed`]);

    server.clock.advance(OFFER_WINDOW_MS * shops.length + OFFER_EXPIRY_MS);
    await notifier.sweep();
    await notifier.sweep();

    for (const { id } of [declined, expired]) {
      expect((await mailsFor(id)).map((m) => m.subject)).toEqual([`Your Atelier order ${id} is placed`, `No print shop could take your order ${id}`]);
    }
    expect(notifier.counts.expiriesRecorded).toBe(1);
    // What the customer sees did not change by recording it.
    const view = await api('GET', `/orders/${expired.id}`, { token: expired.token });
    expect(view.body.state).toBe('UNROUTABLE');
    expect(view.body.timeline.filter((t: { state: string }) => t.state === 'UNROUTABLE')).toHaveLength(1);
  });

  it('sends nothing for an order without an address', async () => {
    const notifier = newNotifier();
    const { id } = await order(null);
    await shopCall(shops[0], id, 'claim');
    await notifier.sweep();
    await notifier.drainOrder(id);

    expect(await mailsFor(id)).toEqual([]);
    expect((await outboxOf(id)).entries).toEqual([]);
  });

  it('a notifier that died after the write and before the send: a new one delivers it, exactly once', async () => {
    // The order (and its outbox entry) is written while no notifier runs at all.
    const { id } = await order();
    expect((await outboxOf(id)).entries.map((e) => e.status)).toEqual(['pending']);

    const restarted = newNotifier();
    await restarted.sweep();
    await restarted.sweep();

    expect((await mailsFor(id)).map((m) => m.subject)).toEqual([`Your Atelier order ${id} is placed`]);
    expect(restarted.counts.possibleDuplicates).toBe(0);
  });

  it('a notifier that died mid-send (attempt recorded, outcome not): resent after the in-flight timeout, counted as a possible duplicate', async () => {
    const { id } = await order();
    const stored = (await server.deps.stores.orders.get(id))!;
    const entry = stored.outbox.entries[0];
    // What a notifier writes just before handing the mail to the server, then it crashes.
    expect(await server.deps.stores.outbox.save(stored.order, stored.order.version, startAttempt(stored.outbox, entry.id, server.clock.now))).toBe(true);

    const restarted = newNotifier();
    await restarted.sweep();
    expect(await mailsFor(id)).toHaveLength(0);
    server.clock.advance(IN_FLIGHT_TIMEOUT_MS);
    await restarted.sweep();

    expect((await mailsFor(id)).map((m) => m.subject)).toEqual([`Your Atelier order ${id} is placed`]);
    expect(restarted.counts.possibleDuplicates).toBe(1);
    expect((await outboxOf(id)).entries[0]).toMatchObject({ status: 'sent', attempts: 2, uncertain: 1 });
  });

  it('retries with backoff when the SMTP server refuses, and records why without the address', async () => {
    const notifier = newNotifier();
    const { id } = await order();
    refusals.push(`451 4.3.0 <${CONTACT.email}> mailbox busy, try later`, '421 4.7.0 too many connections');

    await notifier.drainOrder(id);
    let entry = (await outboxOf(id)).entries[0];
    expect(entry).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: server.clock.now + BACKOFF_MS });
    expect(entry.lastError).toContain('451');
    expect(entry.lastError).not.toContain(CONTACT.email);
    await notifier.drainOrder(id);
    expect((await outboxOf(id)).entries[0].attempts).toBe(1);

    server.clock.advance(BACKOFF_MS);
    await notifier.drainOrder(id);
    entry = (await outboxOf(id)).entries[0];
    expect(entry).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: server.clock.now + 2 * BACKOFF_MS });
    server.clock.advance(2 * BACKOFF_MS);
    await notifier.sweep();

    expect((await mailsFor(id)).map((m) => m.subject)).toEqual([`Your Atelier order ${id} is placed`]);
    expect((await outboxOf(id)).entries[0]).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(notifier.counts.failedAttempts).toBe(2);
  });

  it('stops the mails for one order from the link in the mail (page, one-click POST), and no other order', async () => {
    const notifier = newNotifier();
    const { id, token } = await order();
    const other = await order();
    await notifier.sweep();
    const stopPath = `/api/orders/${id}/notifications/stop?token=${token}`;

    const page = await fetch(`${server.url}${stopPath}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect((await outboxOf(id)).stoppedAt).toBeNull();
    const wrongToken = await fetch(`${server.url}/api/orders/${id}/notifications/stop?token=${other.token}`, { method: 'POST' });
    expect(wrongToken.status).toBe(404);
    const oneClick = await fetch(`${server.url}${stopPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    for (const o of [{ id }, other]) await shopCall(shops[0], o.id, 'claim');
    await notifier.sweep();

    expect((await mailsFor(id)).map((m) => m.subject)).toEqual([`Your Atelier order ${id} is placed`]);
    expect((await mailsFor(other.id)).map((m) => m.subject)).toEqual([`Your Atelier order ${other.id} is placed`, `A print shop has taken your order ${other.id}`]);
    expect((await api('POST', `/orders/${id}/notifications/stop`, { token })).status).toBe(200);
  });

  it('after erasure the address is in no table item, object, outbox or log line, and a pending mail is dropped', async () => {
    const notifier = newNotifier();
    const { id, token } = await order();
    await notifier.drainOrder(id);
    expect((await api('POST', `/orders/${id}/cancel`, { token })).status).toBe(200);
    expect((await outboxOf(id)).entries.map((e) => e.status)).toEqual(['sent', 'pending']);

    expect((await api('DELETE', `/orders/${id}/personal-data`, { token })).status).toBe(200);
    await notifier.sweep();
    await notifier.drainOrder(id);

    expect((await mailsFor(id)).map((m) => m.subject)).toEqual([`Your Atelier order ${id} is placed`]);
    expect((await outboxOf(id)).entries.map((e) => e.status)).toEqual(['sent', 'dropped']);
    // Every order of this file has been erased or never had... so look for this order's trace only where it
    // could be: its own item, and everything shared (bucket, logs).
    const item = (await scanTable(server)).find((i) => i.PK.S === `ORDER#${id}`);
    expect(JSON.stringify(item)).not.toContain(CONTACT.email);
    for (const object of await listBucket(server.stack)) {
      expect(Buffer.from(await readObject(server.stack, object.key)).toString('latin1')).not.toContain(CONTACT.email);
    }
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(CONTACT.email);
    expect(logLines.some((l) => l.includes('notification sent') && l.includes(id))).toBe(true);
  });
});
