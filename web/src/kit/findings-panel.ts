// The design kit's findings beside the model: what `design check` found in the served file,
// each with the fastest route to fix it, refreshed over Vite's HMR socket after every save.
import type { CheckState } from '../../../functions/designs/kit/check-runner.ts';
import { FIX } from '../../../functions/designs/kit/findings.ts';
import { h, replaceChildren } from '../dom.ts';

const FINDINGS_EVENT = 'atelier:findings'; // as in functions/designs/kit/serve-plugin.ts
const FINDINGS_PATH = '/__atelier/findings';

export interface HotChannel {
  on(event: string, listener: (data: CheckState) => void): void;
}

export class FindingsPanel {
  readonly root = h('section', { class: 'panel findings', 'aria-labelledby': 'findings-heading', 'aria-live': 'polite', 'data-state': 'checking' });
  private revision = -1;

  /** Listens for new check results and fetches the current one (the page may load mid-check). */
  follow(hot: HotChannel | undefined): void {
    hot?.on(FINDINGS_EVENT, (state) => this.show(state));
    void fetch(FINDINGS_PATH).then(async (response) => (response.ok ? this.show((await response.json()) as CheckState) : undefined), () => undefined);
  }

  show(state: CheckState): void {
    if (!state || state.revision < this.revision) return; // an older answer than the one on screen
    this.revision = state.revision;
    this.root.dataset.state = state.state;
    this.root.dataset.revision = String(state.revision);
    const heading = h('h2', { id: 'findings-heading' }, 'Check');
    if (state.state === 'checking') return replaceChildren(this.root, heading, h('p', {}, 'Checking the saved file…'));
    if (state.state === 'error') return replaceChildren(this.root, heading, h('p', { class: 'alert alert-error' }, 'The check could not run:'), h('pre', {}, state.message));
    const { report } = state;
    this.root.dataset.findings = String(report.findings.length);
    const figures = [
      `${report.sampled} random valid configurations built`,
      report.sweep && `build time p50 ${report.sweep.p50.toFixed(1)} ms, p95 ${report.sweep.p95.toFixed(1)} ms`,
      report.largest && `largest params: p95 ${report.largest.p95.toFixed(1)} ms, ${report.largest.triangles} triangles`,
      `checked in ${(state.ms / 1000).toFixed(1)} s`,
    ].filter(Boolean).join(' · ');
    const list = report.findings.length
      ? h('ol', { class: 'finding-list' }, report.findings.map((f) =>
          h('li', { 'data-kind': f.kind }, h('strong', {}, f.kind), f.param ? ` (${f.param})` : '', `: ${f.message}`, h('p', { class: 'help' }, `Fix: ${FIX[f.kind]}`))))
      : h('p', { class: 'callout' }, '0 findings: fit for the catalogue.');
    replaceChildren(this.root, heading, h('p', { class: 'help' }, figures), list);
  }
}
