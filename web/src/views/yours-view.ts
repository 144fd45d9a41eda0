// "Yours": past configurations and orders this browser remembers (localStorage only),
// to reopen, tweak and order again, or to forget.
import { findDesign } from '../../../functions/designs/catalogue.ts';
import type { AppContext } from '../app-context.ts';
import { thumbnail } from '../components/thumbnail.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatCents, formatDateTime, formatState } from '../format.ts';
import type { SavedConfiguration, SavedOrder } from '../state/local-memory.ts';
import { designHash } from '../state/share-link.ts';
import type { View } from '../view.ts';
import { describeParams } from '../params-text.ts';

export const yoursView = (ctx: AppContext): View => {
  const configurations = h('div');
  const orders = h('div');

  const configurationItem = (c: SavedConfiguration) =>
    h('li', { class: 'card' },
      findDesign(c.designId) ? thumbnail(ctx.thumbnails, c.designId, c.params, `${c.designName} as you set it`) : null,
      h('h3', {}, c.designName),
      h('p', { class: 'help' }, describeParams(c.designId, c.params)),
      h('p', { class: 'help' }, `Saved ${formatDateTime(c.savedAt)}`),
      h('div', { class: 'actions' },
        h('a', { class: 'button-primary', href: designHash(c.designId, c.params) }, 'Open'),
        h('button', { type: 'button', class: 'button-secondary', onclick: () => { ctx.memory.forgetConfiguration(c); render(); } }, 'Forget'),
      ),
    );

  const orderItem = (o: SavedOrder) =>
    h('li', { class: 'order-row' },
      h('a', { href: `#/orders/${encodeURIComponent(o.id)}?token=${encodeURIComponent(o.token)}` }, `${o.designName}, ${formatCents(o.priceCents)}`),
      h('span', { class: `badge state-${o.state.toLowerCase()}` }, formatState(o.state)),
      h('span', { class: 'help' }, `ordered ${formatDateTime(o.placedAt)}`),
      h('a', { href: designHash(o.designId, o.params) }, 'Order again'),
      h('button', { type: 'button', class: 'button-link', onclick: () => { ctx.memory.forgetOrder(o.id); render(); } }, 'Forget link'),
    );

  const render = () => {
    const savedConfigurations = ctx.memory.configurations();
    const savedOrders = ctx.memory.orders();
    replaceChildren(configurations, savedConfigurations.length
      ? h('ul', { class: 'cards' }, savedConfigurations.map(configurationItem))
      : h('p', {}, 'Nothing yet. Configurations are remembered when you ask for a price or press “Remember in this browser”.'));
    replaceChildren(orders, savedOrders.length
      ? h('ul', { class: 'order-list' }, savedOrders.map(orderItem))
      : h('p', {}, 'No orders placed from this browser.'));
  };
  render();

  const root = h('section', { class: 'page' },
    h('h1', { tabindex: '-1' }, 'Yours'),
    h('p', { class: 'lead' }, 'Kept in this browser only: nothing here is sent anywhere or tied to an account. Forgetting an order link here does not cancel the order.'),
    h('h2', {}, 'Orders'), orders,
    h('h2', {}, 'Configurations'), configurations,
  );
  return { title: 'Yours', root, dispose: () => undefined };
};
