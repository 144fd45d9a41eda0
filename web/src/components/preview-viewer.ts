// The live preview: asks the worker for the newest settings, draws the answer in the 3D
// scene, and shows the overall dimensions. Answers to superseded requests are dropped.
// Each displayed change is recorded as a User Timing measure `atelier:preview`, from the
// input event to the drawn frame (the bench reads these).
import type { AnyDesign, Params } from '../../../functions/designs/types.ts';
import type { PartInfo } from '../../../functions/mesh/types.ts';
import type { FieldError } from '../../../functions/designs/validate.ts';
import type { AppContext } from '../app-context.ts';
import { h } from '../dom.ts';
import { formatSize } from '../format.ts';
import { PreviewScene } from '../three/PreviewScene.ts';
import { PREVIEW_LANE } from '../worker/protocol.ts';

export const PREVIEW_MEASURE = 'atelier:preview';

export class PreviewViewer {
  readonly root: HTMLElement;
  private readonly stage = h('div', { class: 'viewer-stage' });
  private readonly dims = h('figcaption', { class: 'dims', 'aria-live': 'polite' }, 'Building the preview…');
  private readonly status = h('p', { class: 'viewer-status', role: 'status' });
  private scene: PreviewScene | undefined;
  /** The parts of the build on screen (role, label, colour slot); empty before the first. */
  parts: PartInfo[] = [];
  private revision = 0;
  /** The settings on screen became invalid after the newest build was asked for. */
  private invalidNow = false;
  private disposed = false;

  /** `onFieldErrors` hears what the worker refused that the page could not check (the typeface's own limits). */
  constructor(private readonly ctx: AppContext, private readonly design: AnyDesign, private readonly onFieldErrors?: (errors: FieldError[]) => void) {
    const fit = h('button', { type: 'button', class: 'button-secondary button-small', onclick: () => this.scene?.fitView() }, 'Fit view');
    this.root = h('figure', { class: 'viewer', 'data-state': 'loading', 'data-revision': '0' },
      this.stage, h('div', { class: 'viewer-tools' }, fit), this.status, this.dims);
    try {
      this.scene = new PreviewScene(this.stage);
      this.scene.canvas.tabIndex = 0;
      this.scene.canvas.setAttribute('role', 'img');
      this.scene.canvas.setAttribute('aria-label', `3D preview of the ${design.name}. Drag to turn, scroll to zoom; arrow keys pan.`);
    } catch {
      this.stage.append(h('p', { class: 'alert alert-warning' }, 'This browser cannot draw 3D (WebGL is off), so there is no picture. The sizes below still update, and you can order as usual.'));
    }
  }

  /** Builds and shows `params`; `inputAt` is the triggering event's timeStamp. */
  async update(params: Params, inputAt = performance.now()): Promise<void> {
    this.invalidNow = false;
    this.setState('building', 'Updating…');
    let result;
    try {
      result = await this.ctx.worker.build(PREVIEW_LANE, this.design.id, params);
    } catch (error) {
      if (!this.disposed) this.setState('error', error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.disposed || result.type === 'stale') return;
    if (result.type === 'invalid' && this.onFieldErrors) {
      this.onFieldErrors(result.errors);
      return;
    }
    if (result.type !== 'built') {
      if (this.invalidNow) return; // the notice about the fields on screen says more
      this.setState('error', result.type === 'failed' ? `This shape cannot be built: ${result.message}` : result.errors.map((e) => e.message).join(' '));
      return;
    }
    this.scene?.show(result.positions, result.indices, result.size, result.parts);
    this.parts = result.parts.map(({ role, label, colourSlot }) => ({ role, label, colourSlot }));
    const drawnAt = this.scene ? await this.scene.nextFrame() : performance.now();
    if (this.disposed) return;
    performance.measure(PREVIEW_MEASURE, { start: inputAt, end: drawnAt, detail: { designId: this.design.id, buildMs: result.buildMs, triangles: result.triangles } });
    this.revision++;
    this.root.dataset.revision = String(this.revision);
    this.root.dataset.triangles = String(result.triangles);
    this.root.dataset.size = result.size.map((v) => v.toFixed(2)).join(',');
    if (this.scene) {
      this.root.dataset.geometries = String(this.scene.gpuMemory.geometries);
      this.root.dataset.creases = String(this.scene.creaseCount);
      this.root.dataset.partColours = this.scene.partColours.join(',');
    }
    this.root.dataset.parts = result.parts.map((p) => `${p.role}:${p.colourSlot}`).join(',');
    this.dims.textContent = `Overall size ${formatSize(result.size)}`;
    // Typing on past a valid setting while it was built: the picture is of those last valid
    // settings, not of what the fields now say, and the notice must stay.
    if (this.invalidNow) this.showInvalid();
    else this.setState('ready', '');
  }

  /**
   * Sets the colour (CSS '#rrggbb') of each filament slot, 0 first; parts are drawn in their
   * slot's colour, now and after every later build (the colour pickers call this).
   */
  setColours(colours: readonly string[]): void {
    if (!this.scene) return;
    this.scene.setColours(colours);
    this.root.dataset.partColours = this.scene.partColours.join(',');
  }

  /** The settings on screen are invalid: keep the last good picture and say so. */
  showInvalid(): void {
    this.invalidNow = true;
    this.setState('invalid', this.revision ? 'Showing the last valid settings: fix the highlighted fields.' : 'Fix the highlighted fields to see the preview.');
  }

  private setState(state: string, message: string): void {
    this.root.dataset.state = state;
    this.status.textContent = message;
    this.status.classList.toggle('alert-error', state === 'error');
  }

  dispose(): void {
    this.disposed = true;
    this.scene?.dispose();
    this.scene = undefined;
  }
}
