// The kit page's one view: the design's controls (checked by the shared validator), the live
// preview from the mesh worker, and the findings panel. No quote, no order, no share link:
// the settings moved off their defaults live in the address bar's hash, so a reload after a
// save keeps them.
import type { AnyDesign } from '../../../functions/designs/types.ts';
import { validateParams } from '../../../functions/designs/validate.ts';
import type { AppContext } from '../app-context.ts';
import { ParamControls } from '../components/param-controls.ts';
import { PreviewViewer } from '../components/preview-viewer.ts';
import { h } from '../dom.ts';
import { paramsFromQuery } from '../state/share-link.ts';
import type { FindingsPanel } from './findings-panel.ts';

export class KitView {
  readonly root: HTMLElement;
  private readonly viewer: PreviewViewer;
  private readonly controls: ParamControls;

  constructor(ctx: AppContext, private readonly design: AnyDesign, findings: FindingsPanel) {
    // Checks that read a typeface run in the worker, which has it loaded (as in the configurator).
    this.viewer = new PreviewViewer(ctx, design, (errors) => {
      this.controls.showErrors(errors);
      this.viewer.showInvalid();
    });
    const saved = paramsFromQuery(design, new URLSearchParams(location.hash.slice(1)));
    this.controls = new ParamControls(design.params, saved, (event) => this.changed(event.timeStamp));
    this.root = h('div', { class: 'configurator design-kit' },
      h('div', { class: 'config-head' }, h('h1', { tabindex: '-1' }, design.name), h('p', { class: 'lead' }, design.description),
        h('p', { class: 'kit-note' }, `Design kit preview of “${design.id}” (version ${design.version}): saving the file rebuilds it. Ordering is off here.`)),
      h('div', { class: 'viewer-column' }, this.viewer.root),
      h('div', { class: 'side-column' },
        h('section', { class: 'panel', 'aria-labelledby': 'settings-heading' }, h('h2', { id: 'settings-heading' }, 'Settings'), this.controls.root),
        findings.root,
      ),
    );
    this.changed(performance.now());
  }

  private changed(inputAt: number): void {
    const values = this.controls.values();
    const result = validateParams(this.design, values, { unloadedTypeface: 'defer' });
    this.controls.showErrors(result.ok ? [] : result.errors);
    history.replaceState(null, '', `#${this.changedFromDefaults(values).toString()}`);
    if (!result.ok) {
      this.viewer.showInvalid();
      return;
    }
    void this.viewer.update(result.params, inputAt);
  }

  /** Only the settings moved off their defaults, so a default changed in the file shows after a save. */
  private changedFromDefaults(values: Record<string, unknown>): URLSearchParams {
    const query = new URLSearchParams();
    for (const spec of this.design.params) if (values[spec.key] !== undefined && String(values[spec.key]) !== String(spec.default)) query.set(spec.key, String(values[spec.key]));
    return query;
  }
}
