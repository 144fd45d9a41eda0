// The configurator: controls generated from the design's schema, checked by the same
// validator the server runs on every keystroke, a live 3D preview, a share link that
// always holds the current settings, and the quote and order panel.
import { findDesign } from '../../../functions/designs/catalogue.ts';
import { validateParams } from '../../../functions/designs/validate.ts';
import type { AnyDesign, Params } from '../../../functions/designs/types.ts';
import type { AppContext } from '../app-context.ts';
import { statusLine } from '../components/alerts.ts';
import { ColourPickers } from '../components/colour-pickers.ts';
import { copyField } from '../components/copy-field.ts';
import { ParamControls } from '../components/param-controls.ts';
import { PreviewViewer } from '../components/preview-viewer.ts';
import { QuotePanel } from '../components/quote-panel.ts';
import { h } from '../dom.ts';
import { coloursFromQuery, designHash, paramsFromQuery, shareUrl } from '../state/share-link.ts';
import type { View } from '../view.ts';
import { notFoundView } from './not-found-view.ts';

const URL_DELAY_MS = 250;

export const configuratorView = (ctx: AppContext, designId: string, query: URLSearchParams): View => {
  const design = findDesign(designId);
  return design ? new ConfiguratorView(ctx, design, query) : notFoundView(`There is no design called “${designId}”.`);
};

class ConfiguratorView implements View {
  readonly title: string;
  readonly root: HTMLElement;
  private readonly viewer: PreviewViewer;
  private readonly controls: ParamControls;
  private readonly quote: QuotePanel;
  private readonly pickers: ColourPickers;
  private readonly share = copyField('Share link: opens these exact settings', '');
  private readonly saved = statusLine();
  private valid: Params | null = null;
  private urlTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ctx: AppContext, private readonly design: AnyDesign, query: URLSearchParams) {
    this.title = design.name;
    this.viewer = new PreviewViewer(ctx, design, (errors) => {
      // Checks that read the typeface run in the worker, which has it loaded.
      this.valid = null;
      this.controls.showErrors(errors);
      this.viewer.showInvalid();
    });
    this.controls = new ParamControls(design.params, paramsFromQuery(design, query), (event) => this.changed(event.timeStamp));
    this.pickers = new ColourPickers(() => {
      this.viewer.setColours(this.pickers.hexes());
      this.quote.invalidate();
      if (this.valid) this.showLink(this.valid);
    }, coloursFromQuery(query));
    this.pickers.setParts([]);
    this.quote = new QuotePanel(ctx, {
      design, currentParams: () => this.valid, currentColours: () => this.pickers.colours(), showParamErrors: (errors) => this.controls.showErrors(errors),
    });
    const reset = h('button', { type: 'button', class: 'button-secondary', onclick: () => this.reset() }, 'Back to defaults');
    const remember = h('button', { type: 'button', class: 'button-secondary', onclick: () => this.remember() }, 'Remember in this browser');
    this.root = h('div', { class: 'configurator' },
      h('div', { class: 'config-head' }, h('h1', { tabindex: '-1' }, design.name), h('p', { class: 'lead' }, design.description)),
      h('div', { class: 'viewer-column' }, this.viewer.root),
      h('div', { class: 'side-column' },
        h('section', { class: 'panel', 'aria-labelledby': 'settings-heading' },
          h('h2', { id: 'settings-heading' }, 'Settings'), this.controls.root, this.pickers.root, h('div', { class: 'actions' }, reset, remember), this.saved),
        h('section', { class: 'panel', 'aria-label': 'Share' }, this.share.root),
        this.quote.root,
      ),
    );
    this.changed(performance.now());
  }

  /** Runs the shared validator on the raw values; valid settings go to the preview and the link. */
  private changed(inputAt: number): void {
    // The page never loads a typeface: checks that need one are left to the worker.
    const result = validateParams(this.design, this.controls.values(), { unloadedTypeface: 'defer' });
    this.controls.showErrors(result.ok ? [] : result.errors);
    this.quote.invalidate();
    this.saved.textContent = '';
    if (!result.ok) {
      this.valid = null;
      this.viewer.showInvalid();
      return;
    }
    this.valid = result.params;
    this.showLink(result.params);
    void this.viewer.update(result.params, inputAt).then(() => this.showParts());
  }

  /** A build finished: one colour picker per slot of what is on screen, and the preview in those colours. */
  private showParts(): void {
    if (!this.viewer.parts.length) return;
    const before = this.pickers.colours().join();
    this.pickers.setParts(this.viewer.parts);
    this.viewer.setColours(this.pickers.hexes());
    if (this.pickers.colours().join() === before) return;
    this.quote.invalidate();
    if (this.valid) this.showLink(this.valid);
  }

  /** The settings and colours in the share field now, and in the address bar once a drag pauses (browsers throttle history updates). */
  private showLink(params: Params): void {
    const colours = this.pickers.linkColours();
    this.share.set(shareUrl(this.design.id, params, colours));
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => history.replaceState(history.state, '', designHash(this.design.id, params, colours)), URL_DELAY_MS);
  }

  private reset(): void {
    this.controls.setValues(Object.fromEntries(this.design.params.map((p) => [p.key, p.default])));
    this.changed(performance.now());
  }

  private remember(): void {
    if (!this.valid) {
      this.saved.textContent = 'Fix the highlighted settings first.';
      return;
    }
    this.ctx.memory.rememberConfiguration({ designId: this.design.id, designName: this.design.name, params: this.valid, savedAt: Date.now() });
    this.saved.textContent = 'Remembered in this browser. Find it under “Yours”.';
  }

  dispose(): void {
    clearTimeout(this.urlTimer);
    this.viewer.dispose();
  }
}
