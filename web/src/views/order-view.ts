// The order page behind the private link: status timeline, what was ordered, the STL, and
// cancel / erase-my-data while the server allows them. Refreshes itself while visible.
import { findDesign } from '../../../functions/designs/catalogue.ts';
import { isAtWork } from '../../../functions/domain/order-model.ts';
import type { PublicOrderView } from '../api/types.ts';
import type { AppContext } from '../app-context.ts';
import { errorBox, loadingBox, statusLine, whileBusy } from '../components/alerts.ts';
import { confirmAction } from '../components/confirm-action.ts';
import { copyField } from '../components/copy-field.ts';
import { countryName } from '../components/countries.ts';
import { productionProgress } from '../components/production-progress.ts';
import { statusTimeline } from '../components/status-timeline.ts';
import { colourList } from '../components/colour-list.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatCents, formatDateTime, formatDuration, formatGrams, formatSize, formatState } from '../format.ts';
import { designHash } from '../state/share-link.ts';
import type { View } from '../view.ts';
import { describeParams } from '../params-text.ts';

const REFRESH_MS = 20_000;

export const orderView = (ctx: AppContext, id: string, query: URLSearchParams): View => {
  const token = query.get('token') ?? ctx.memory.orders().find((o) => o.id === id)?.token ?? '';
  const fresh = ctx.flash.justOrdered === id;
  ctx.flash.justOrdered = undefined;
  const link = `${location.origin}${location.pathname}#/orders/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`;

  const body = h('div', { class: 'order-body' }, loadingBox('Loading your order…'));
  const notice = statusLine();
  const linkNote = h('p', {}, h('strong', {}, 'This is your private order link.'), ' Bookmark or copy it: anyone who has it can see and cancel this order. This browser remembers it under “Yours”.');
  const root = h('section', { class: 'page narrow order-page', 'data-order-id': id },
    h('h1', { tabindex: '-1' }, fresh ? 'Thank you: your order is placed' : 'Your order'),
    fresh ? h('div', { class: 'callout', role: 'status' }, linkNote, copyField('Private order link', link).root) : null,
    body,
    notice,
  );

  let timer: ReturnType<typeof setInterval> | undefined;
  let disposed = false;

  const act = async (work: () => Promise<PublicOrderView>, done: string): Promise<void> => {
    try {
      render(await work());
      notice.textContent = done;
    } catch (error) {
      notice.replaceChildren(errorBox(error));
    }
  };

  const download = h('button', { type: 'button', class: 'button-secondary' }, 'Download STL');
  const downloadSlot = h('span', { class: 'download-slot' });
  download.addEventListener('click', async () => {
    try {
      const files = await whileBusy(download, 'Preparing…', () => ctx.api.orderFiles(id, token));
      const anchor = h('a', { href: files.stl, download: `${id}.stl`, 'data-file': 'stl' }, 'STL file (link valid 15 minutes)');
      downloadSlot.replaceChildren(anchor);
      anchor.click();
    } catch (error) {
      downloadSlot.replaceChildren(errorBox(error));
    }
  });

  const render = (order: PublicOrderView): void => {
    ctx.memory.updateOrderState(order.id, order.state);
    const design = findDesign(order.designId);
    root.dataset.state = order.state;
    // With an email on file the emails lead back here too; without one, the link is the only way.
    linkNote.replaceChildren(h('strong', {}, 'This is your private order link.'), order.contact?.email
      ? ` We will email ${order.contact.email} as the order moves on, with this link. Anyone who has it can see and cancel this order. This browser remembers it under “Yours”.`
      : ' Bookmark or copy it: it is the only way back to this order, and anyone who has it can see and cancel it. This browser remembers it under “Yours”.');
    replaceChildren(body,
      h('p', { class: 'order-state' }, 'Status: ', h('strong', { class: `badge state-${order.state.toLowerCase()}`, 'data-testid': 'order-state' }, formatState(order.state)),
        order.tracking ? h('span', {}, ` · tracking ${order.tracking}`) : null),
      // The shop's latest progress while it works on the part; the timeline tells the rest.
      order.progress && isAtWork(order.state) ? productionProgress(order.progress) : null,
      statusTimeline(order),
      h('h2', {}, 'What you ordered'),
      h('dl', { class: 'facts' },
        h('div', {}, h('dt', {}, 'Design'), h('dd', {}, design?.name ?? order.designId, ' · ', h('a', { href: designHash(order.designId, order.params) }, 'open these settings'))),
        h('div', {}, h('dt', {}, 'Settings'), h('dd', {}, describeParams(order.designId, order.params))),
        h('div', {}, h('dt', {}, 'Material and quantity'), h('dd', {}, `${order.material}, ${order.quantity} ×`)),
        order.colours.length ? h('div', { 'data-testid': 'order-colours' }, h('dt', {}, order.parts.length > 1 ? 'Colours' : 'Colour'), h('dd', {}, colourList(order))) : null,
        h('div', {}, h('dt', {}, 'Size'), h('dd', {}, formatSize(order.dimensionsMm))),
        h('div', {}, h('dt', {}, 'Weight and print time'), h('dd', {}, `${formatGrams(order.weightGrams)} each, about ${formatDuration(order.printSeconds)}`)),
        h('div', {}, h('dt', {}, 'Price'), h('dd', {}, formatCents(order.priceCents))),
        h('div', {}, h('dt', {}, 'Ordered'), h('dd', {}, formatDateTime(order.placedAt))),
      ),
      h('h2', {}, 'Delivery'),
      order.delivery
        ? h('address', {}, [order.delivery.name, order.delivery.line1, order.delivery.line2, `${order.delivery.postalCode} ${order.delivery.city}`, countryName(order.delivery.country)]
            .filter(Boolean).flatMap((line) => [line, h('br')]))
        : h('p', {}, order.erasedAt ? `Your name, address and email were erased on ${formatDateTime(order.erasedAt)}.` : 'No address on file.'),
      h('div', { class: 'actions' }, download, downloadSlot,
        h('button', { type: 'button', class: 'button-secondary', onclick: (e: Event) => void whileBusy(e.currentTarget as HTMLButtonElement, 'Refreshing…', load) }, 'Refresh')),
      order.canCancel
        ? confirmAction({ label: 'Cancel order', question: 'Cancel this order? No shop has taken it yet, so nothing is printed.', confirmLabel: 'Yes, cancel the order', busyLabel: 'Cancelling…', danger: true,
            action: () => act(() => ctx.api.cancelOrder(id, token), 'The order is cancelled.') })
        : null,
      order.canErase && order.delivery
        ? confirmAction({ label: 'Erase my personal data', question: 'Erase your name, address and email from this order? This cannot be undone.', confirmLabel: 'Yes, erase them', busyLabel: 'Erasing…', danger: true,
            action: () => act(() => ctx.api.erasePersonalData(id, token), 'Your personal data is erased.') })
        : null,
      // A shop holds the job: too late to cancel, too early to erase the address.
      isAtWork(order.state) ? h('p', { class: 'help' }, 'A shop has the job, so it can no longer be cancelled here. You can erase your personal data once it has shipped.') : null,
    );
  };

  const load = async (): Promise<void> => {
    if (!token) {
      replaceChildren(body, errorBox(new Error('This link has no order token. Open the full private link you got when ordering.')));
      return;
    }
    try {
      const order = await ctx.api.order(id, token);
      if (!disposed) render(order);
    } catch (error) {
      if (!disposed && !body.querySelector('.timeline')) replaceChildren(body, errorBox(error));
      else if (!disposed) notice.replaceChildren(errorBox(error));
    }
  };

  void load();
  timer = setInterval(() => {
    if (document.visibilityState === 'visible') void load();
  }, REFRESH_MS);

  return {
    title: 'Your order',
    root,
    dispose: () => {
      disposed = true;
      clearInterval(timer);
      timer = undefined;
    },
  };
};
