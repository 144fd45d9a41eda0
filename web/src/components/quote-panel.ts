// Price and order: material, quantity and location go to the server, which answers with the
// exact quote; a priced quote opens the order form. Any change to the design's settings
// withdraws the quote, so what is ordered is always what is on screen.
import type { AnyDesign, Params } from '../../../functions/designs/types.ts';
import { MATERIAL_IDS, MATERIALS, type Material } from '../../../functions/domain/materials.ts';
import { ApiError } from '../api/api-error.ts';
import { loadChecks, loadedChecks } from '../checks/load-checks.ts';
import type { PlacedOrder } from '../api/client.ts';
import type { Quote } from '../api/types.ts';
import type { AppContext } from '../app-context.ts';
import { h } from '../dom.ts';
import { errorBox, loadingBox, whileBusy } from './alerts.ts';
import { inputField, selectField, showFieldErrors } from './form-field.ts';
import { LocationPicker } from './location-picker.ts';
import { orderForm } from './order-form.ts';
import { quoteSummary } from './quote-summary.ts';

export interface QuotePanelOptions {
  design: AnyDesign;
  /** The current settings when they are valid, else null. */
  currentParams: () => Params | null;
  /** The colour per slot the customer picked (palette ids). */
  currentColours: () => string[];
  /** Shows server messages about the design's settings next to their controls. */
  showParamErrors: (errors: { field: string; message: string }[]) => void;
}

export class QuotePanel {
  readonly root: HTMLElement;
  private readonly result = h('div', { class: 'quote-result', 'aria-live': 'polite' });
  private readonly order = h('div', { class: 'order-slot' });
  private readonly location = new LocationPicker();
  private generation = 0;

  constructor(private readonly ctx: AppContext, private readonly options: QuotePanelOptions) {
    const material = selectField('material', 'Material', MATERIAL_IDS.map((id) => ({ value: id, label: MATERIALS[id].label })));
    const quantity = inputField('quantity', 'Quantity', { attrs: { type: 'number', min: 1, max: 50, step: 1, value: 1, inputmode: 'numeric' } });
    const submit = h('button', { type: 'submit', class: 'button-primary' }, 'Get exact price');
    const form = h('form', { class: 'quote-form', novalidate: true, 'aria-label': 'Get a price' },
      h('div', { class: 'grid-2' }, material.root, quantity.root), this.location.root, submit);
    // A quote is for one material, quantity and place: changing any of them withdraws it.
    form.addEventListener('change', () => this.invalidate());
    this.location.onChange = () => this.invalidate();
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      // The quantity is checked here, in words, before anything is sent.
      const checks = loadedChecks() ?? (await loadChecks()); // without them the server still checks
      const problem = checks?.quantityProblem(quantity.control.value) ?? null;
      showFieldErrors([material, quantity], problem ? [{ field: 'quantity', message: problem }] : []);
      if (problem) {
        this.result.replaceChildren();
        this.order.replaceChildren();
        quantity.control.focus();
        return;
      }
      void this.requestQuote(submit, material.control.value as Material, Number(quantity.control.value.trim().replace(',', '.')), [material, quantity]);
    });
    quantity.control.addEventListener('input', async () => {
      if (quantity.root.classList.contains('invalid')) {
        const checks = loadedChecks() ?? (await loadChecks());
        const problem = checks?.quantityProblem(quantity.control.value) ?? null;
        showFieldErrors([material, quantity], problem ? [{ field: 'quantity', message: problem }] : []);
      }
    });
    void loadChecks(); // fetched now, so the checks answer at once on the click
    this.root = h('section', { class: 'panel quote-panel', 'aria-labelledby': 'quote-heading' },
      h('h2', { id: 'quote-heading' }, 'Price and order'), form, this.result, this.order);
  }

  /** The settings changed: the quote on screen no longer describes them (nor a quote under way). */
  invalidate(): void {
    this.generation++;
    if (!this.result.firstChild && !this.order.firstChild) return;
    this.result.replaceChildren(h('p', { class: 'help' }, 'Something changed: get a new price.'));
    this.order.replaceChildren();
  }

  private async requestQuote(button: HTMLButtonElement, material: Material, quantity: number, fields: Parameters<typeof showFieldErrors>[0]): Promise<void> {
    const params = this.options.currentParams();
    this.order.replaceChildren();
    if (!params) {
      this.result.replaceChildren(errorBox(new Error('Fix the highlighted settings first.')));
      return;
    }
    const generation = ++this.generation;
    this.result.replaceChildren(loadingBox('Building the exact part and asking shops nearby…'));
    try {
      const quote = await whileBusy(button, 'Getting price…', () =>
        this.ctx.api.quote({ designId: this.options.design.id, params, material, quantity, location: this.location.location(), colours: this.options.currentColours() }),
      );
      if (generation !== this.generation) return; // settings changed while the server worked
      showFieldErrors(fields, []);
      this.ctx.memory.rememberConfiguration({ designId: this.options.design.id, designName: this.options.design.name, params: quote.params, savedAt: Date.now() });
      this.showQuote(quote);
    } catch (error) {
      if (generation !== this.generation) return;
      const problems = error instanceof ApiError ? error.fieldErrors : [];
      this.options.showParamErrors(problems.filter((p) => p.field.startsWith('params.')));
      const orphans = showFieldErrors(fields, problems.filter((p) => !p.field.startsWith('params.')));
      this.result.replaceChildren(errorBox(error, [...problems.filter((p) => p.field.startsWith('params.')), ...orphans]));
      button.focus(); // to try again
    }
  }

  private showQuote(quote: Quote): void {
    const summary = quoteSummary(quote, this.options.design.name);
    this.result.replaceChildren(summary);
    summary.focus(); // the button was busy and lost focus; the answer is what to read next
    if (!quote.price) return;
    this.order.replaceChildren(orderForm(this.ctx, {
      quote, country: this.location.country(), city: this.location.cityName(), onPlaced: (placed) => this.placed(quote, placed),
    }));
  }

  private placed(quote: Quote, placed: PlacedOrder): void {
    this.ctx.memory.rememberOrder({
      id: placed.id, token: placed.token, designId: quote.designId, designName: this.options.design.name, params: quote.params,
      priceCents: placed.order.priceCents, placedAt: placed.order.placedAt, state: placed.order.state,
    });
    this.ctx.flash.justOrdered = placed.id;
    this.ctx.navigate(`#/orders/${encodeURIComponent(placed.id)}?token=${encodeURIComponent(placed.token)}`);
  }
}
