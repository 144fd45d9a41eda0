// The server's exact quote, as the customer reads it: price, size, weight, print time and
// how many shops nearby can make it, and the colours part by part with their grams. The
// headline names the item ("for 2 × Name tag in PLA").
import type { Quote } from '../api/types.ts';
import { h } from '../dom.ts';
import { colourList } from './colour-list.ts';
import { formatCents, formatDuration, formatGrams, formatSize, formatTime } from '../format.ts';

export const quoteSummary = (quote: Quote, itemName: string): HTMLElement => {
  const row = (term: string, value: string, key: string) => h('div', { 'data-quote': key }, h('dt', {}, term), h('dd', {}, value));
  const price = quote.price;
  // Focusable, so focus can land on the answer once "Get exact price" is done.
  return h('div', { class: 'quote-summary', 'data-quote-id': quote.id, tabindex: '-1' },
    price
      ? h('p', { class: 'price' }, h('span', { class: 'price-total', 'data-quote': 'total' }, formatCents(price.totalCents)),
          h('span', { class: 'price-note' }, ` for ${quote.quantity} × ${itemName} in ${quote.material}, delivered. Valid until ${formatTime(quote.expiresAt)}.`))
      : h('p', { class: 'alert alert-warning', role: 'status' }, noShopText(quote)),
    h('dl', { class: 'facts' },
      price ? row('Price per piece', formatCents(price.unitCents), 'unit') : null,
      price ? row('Setup (once per order)', formatCents(price.setupFeeCents), 'setup') : null,
      row('Size', formatSize(quote.dimensionsMm), 'size'),
      row('Weight', `${formatGrams(quote.weightGrams)} each`, 'weight'),
      quote.parts.length > 1 || quote.colours.length > 0
        ? h('div', { 'data-quote': 'colours' }, h('dt', {}, quote.parts.length > 1 ? 'Parts and colours' : 'Colour'), h('dd', {}, colourList(quote, { grams: true })))
        : null,
      quote.toolChanges > 0 ? row('Colour changes', `${quote.toolChanges} per piece, ${formatGrams(quote.purgeGrams)} purged`, 'colour-changes') : null,
      row('Print time', `${formatDuration(quote.printSeconds)}`, 'time'),
      row('Shops nearby', quote.shopCount === 1 ? '1 can make it' : `${quote.shopCount} can make it`, 'shops'),
      row('Material', quote.materialLabel, 'material'),
    ),
  );
};

/** Why there is no price, in the customer's words: colours when a single colour would find a shop. */
const noShopText = (quote: Quote): string =>
  quote.oneColourShopCount
    ? `No shop near you prints ${quote.colours.length === 2 ? 'two' : 'several'} colours yet. Pick the same colour for every part and ${quote.oneColourShopCount === 1 ? 'a shop' : `${quote.oneColourShopCount} shops`} can make it.`
    : 'No print shop near this location can make this yet. Try another material or location.';
