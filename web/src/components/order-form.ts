// The order form: only what delivery needs (name and address) and an optional email for
// updates. One Idempotency-Key per quote, so a double click or a retry after a network
// error returns the same order instead of placing a second one. The address and email are
// checked in the page (the server's schemas, the country's postal format) before sending.
import { ApiError } from '../api/api-error.ts';
import { loadChecks, loadedChecks } from '../checks/load-checks.ts';
import type { PlacedOrder } from '../api/client.ts';
import type { OrderRequest, Quote } from '../api/types.ts';
import type { AppContext } from '../app-context.ts';
import { coloursText } from '../../../functions/domain/colours.ts';
import { h } from '../dom.ts';
import { randomKey } from '../ids.ts';
import { errorBox, whileBusy } from './alerts.ts';
import { countryOptions } from './countries.ts';
import { inputField, selectField, showFieldErrors, type FormField } from './form-field.ts';

export interface OrderFormOptions {
  quote: Quote;
  country?: string;
  city?: string;
  onPlaced: (placed: PlacedOrder) => void;
}

export const orderForm = (ctx: AppContext, { quote, country, city, onPlaced }: OrderFormOptions): HTMLElement => {
  const idempotencyKey = randomKey();
  const fields = {
    name: inputField('delivery.name', 'Name', { attrs: { autocomplete: 'name', maxlength: 100 } }),
    line1: inputField('delivery.line1', 'Street and number', { attrs: { autocomplete: 'address-line1', maxlength: 200 } }),
    line2: inputField('delivery.line2', 'Address line 2 (optional)', { attrs: { autocomplete: 'address-line2', maxlength: 200 } }),
    postalCode: inputField('delivery.postalCode', 'Postal code', { attrs: { autocomplete: 'postal-code', maxlength: 20 } }),
    city: inputField('delivery.city', 'City', { attrs: { autocomplete: 'address-level2', maxlength: 100, value: city } }),
    country: selectField('delivery.country', 'Country', countryOptions(), { attrs: { autocomplete: 'country' } }),
    email: inputField('contact.email', 'Email for updates (optional)', {
      help: 'Only for news about this order. Without it, keep the private order link.',
      attrs: { type: 'email', autocomplete: 'email', maxlength: 254 },
    }),
  };
  if (country) fields.country.control.value = country;
  const all: FormField[] = Object.values(fields);
  for (const key of ['name', 'line1', 'postalCode', 'city', 'country'] as const) fields[key].control.setAttribute('aria-required', 'true');

  const problems = h('div', { class: 'form-problems' });
  const submit = h('button', { type: 'submit', class: 'button-primary' }, 'Place order');
  const form = h('form', { class: 'order-form', novalidate: true, 'aria-label': 'Delivery address' },
    h('h3', {}, 'Delivery'),
    h('div', { class: 'grid-2' }, all.map((f) => f.root)),
    problems,
    h('p', { class: 'help', 'data-testid': 'order-form-colours' }, `Printed in ${coloursText(quote) || 'the shop’s colour'}. `, 'Nothing is printed before you order. You can cancel until a shop takes the job.'),
    submit,
  );

  const value = (f: FormField) => f.control.value.trim();
  const request = (): OrderRequest => ({
    quoteId: quote.id,
    delivery: {
      name: value(fields.name), line1: value(fields.line1), postalCode: value(fields.postalCode), city: value(fields.city), country: value(fields.country),
      ...(value(fields.line2) ? { line2: value(fields.line2) } : {}),
    },
    ...(value(fields.email) ? { contact: { email: value(fields.email) } } : {}),
  });
  /** Checks the whole form in the page (the server's schemas, the country's postal format); shows and returns the problems. */
  const check = async () => {
    const checks = loadedChecks() ?? (await loadChecks()); // without them the server still checks
    const { delivery, contact } = request();
    const found = checks?.orderProblems(delivery, contact?.email ?? '') ?? [];
    showFieldErrors(all, found);
    return found;
  };
  // Once a field has been marked, it is re-checked as the customer corrects it.
  form.addEventListener('input', () => {
    if (all.some((f) => f.root.classList.contains('invalid'))) void check();
  });
  form.addEventListener('change', (event) => {
    if (event.target === fields.country.control && value(fields.postalCode)) void check();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problems.replaceChildren();
    const found = await check();
    if (found.length) {
      all.find((f) => f.name === found[0].field)?.control.focus();
      return;
    }
    try {
      const placed = await whileBusy(submit, 'Placing order…', () => ctx.api.placeOrder(request(), idempotencyKey));
      onPlaced(placed);
    } catch (error) {
      const orphans = error instanceof ApiError ? showFieldErrors(all, error.fieldErrors) : [];
      problems.replaceChildren(errorBox(error, orphans));
    }
  });
  return form;
};
