// The server's exact quote, as the customer reads it: price, size, weight, print time and
// how many shops nearby can make it. The headline names the item ("for 2 × Name tag in PLA").
import type { Quote } from '../api/types.ts';
import { h } from '../dom.ts';
import { formatCents, formatDuration, formatGrams, formatSize, formatTime } from '../format.ts';

export const quoteSummary = (quote: Quote, itemName: string): HTMLElement => {
  const row = (term: string, value: string, key: string) => h('div', { 'data-quote': key }, h('dt', {}, term), h('dd', {}, value));
  const price = quote.price;
  // Focusable, so focus can land on the answer once "Get exact price" is done.
  return h('div', { class: 'quote-summary', 'data-quote-id': quote.id, tabindex: '-1' },
    price
      ? h('p', { class: 'price' }, h('span', { class: 'price-total', 'data-quote': 'total' }, formatCents(price.totalCents)),
          h('span', { class: 'price-note' }, ` for ${quote.quantity} × ${itemName} in ${quote.material}, delivered. Valid until ${formatTime(quote.expiresAt)}.`))
      : h('p', { class: 'alert alert-warning', role: 'status' }, 'No print shop near this location can make this yet. Try another material or location.'),
    h('dl', { class: 'facts' },
      price ? row('Price per piece', formatCents(price.unitCents), 'unit') : null,
      price ? row('Setup (once per order)', formatCents(price.setupFeeCents), 'setup') : null,
      row('Size', formatSize(quote.dimensionsMm), 'size'),
      row('Weight', `${formatGrams(quote.weightGrams)} each`, 'weight'),
      row('Print time', `${formatDuration(quote.printSeconds)}`, 'time'),
      row('Shops nearby', quote.shopCount === 1 ? '1 can make it' : `${quote.shopCount} can make it`, 'shops'),
      row('Material', quote.materialLabel, 'material'),
    ),
  );
};
