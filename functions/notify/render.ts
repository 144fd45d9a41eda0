// The customer's emails: one short message per kind, as plain text and HTML, each with the
// private order link and a link that stops further mails about this order. Pure.
import type { NotificationKind } from '../domain/notifications.ts';
import type { Order } from '../domain/order.ts';

export interface OrderLinks {
  /** The private order page (carries the order token). */
  order: string;
  /** Stops the mails for this order (GET shows a one-button page; POST stops). */
  stop: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The links in a mail, from the site's base URL and the order's token. */
export const orderLinks = (baseUrl: string, orderId: string, token: string): OrderLinks => {
  const base = baseUrl.replace(/\/+$/, '');
  const id = encodeURIComponent(orderId);
  const t = encodeURIComponent(token);
  return { order: `${base}/#/orders/${id}?token=${t}`, stop: `${base}/api/orders/${id}/notifications/stop?token=${t}` };
};

const euros = (cents: number) => `€${(cents / 100).toFixed(2)}`;
const what = (order: Order) => `${order.quantity} × ${order.designId.replace(/-/g, ' ')} in ${order.material}`;

/** Subject and paragraphs per kind; the first paragraph says what happened, in the customer's words. */
const CONTENT: Record<NotificationKind, (order: Order) => { subject: string; lines: string[] }> = {
  placed: (o) => ({
    subject: `Your Atelier order ${o.id} is placed`,
    lines: [
      `Thank you: your order for ${what(o)} (${euros(o.priceCents)}) is placed. A print shop near you will take it soon.`,
      'Keep this email: the link below is the only way back to your order, and anyone who has it can see the order.',
    ],
  }),
  claimed: (o) => ({ subject: `A print shop has taken your order ${o.id}`, lines: [`A print shop near you has taken your order for ${what(o)} and will print it soon.`] }),
  printing: (o) => ({ subject: `Your order ${o.id} is being printed`, lines: [`Your ${what(o)} is on the printer now.`] }),
  shipped: (o) => ({
    subject: `Your order ${o.id} is on its way`,
    lines: [`Your ${what(o)} has been printed and sent.`, `Tracking number: ${o.tracking ?? '(none given)'}`],
  }),
  delivered: (o) => ({ subject: `Your order ${o.id} was delivered`, lines: [`The print shop reports that your ${what(o)} was delivered. Enjoy it!`] }),
  cancelled: (o) => ({ subject: `Your order ${o.id} is cancelled`, lines: [`Your order for ${what(o)} is cancelled, as you asked. Nothing will be printed.`] }),
  unroutable: (o) => ({
    subject: `No print shop could take your order ${o.id}`,
    lines: [`None of the print shops near you could take your order for ${what(o)} in time, so nothing will be printed. You can ask for a new quote on the site and order again.`],
  }),
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The email for one outbox entry of this order.
 * @example renderEmail('shipped', order, links).text // "Your 1 × planter in PLA has been printed and sent.\n…Tracking number: …"
 */
export function renderEmail(kind: NotificationKind, order: Order, links: OrderLinks): RenderedEmail {
  const { subject, lines } = CONTENT[kind](order);
  const footer = `You get these emails because this address was given with order ${order.id}. Stop emails about this order:`;
  const text = [...lines, `Your order: ${links.order}`, '--', `${footer} ${links.stop}`, ''].join('\n\n');
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem">
${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}
<p><a href="${escapeHtml(links.order)}">See your order</a></p>
<hr><p style="color:#666;font-size:small">${escapeHtml(footer)} <a href="${escapeHtml(links.stop)}">stop these emails</a>.</p>
</body></html>`;
  return { subject, text, html };
}
