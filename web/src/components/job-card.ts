// One job on the shop dashboard: a picture built from the job's own settings, what to print,
// how far, and the next step the shop can take (claim, files, printing → printed → shipped,
// delivered, or decline with a reason). Each action re-renders the card from the server's answer.
import { findDesign } from '../../../functions/designs/catalogue.ts';
import type { Params } from '../../../functions/designs/types.ts';
import { isAtWork } from '../../../functions/domain/order-model.ts';
import type { RejectReason, ShopOrderView, ShopStatus } from '../api/types.ts';
import type { AppContext } from '../app-context.ts';
import { colourList } from './colour-list.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatDateTime, formatDuration, formatGrams, formatKm, formatSize, formatState, formatTime } from '../format.ts';
import { errorBox, statusLine, whileBusy } from './alerts.ts';
import { productionProgress } from './production-progress.ts';
import { inputField, selectField } from './form-field.ts';
import { thumbnail } from './thumbnail.ts';
import { describeParams } from '../params-text.ts';

const REASONS: { value: RejectReason; label: string }[] = [
  { value: 'printer_busy', label: 'Printers are busy' },
  { value: 'material_unavailable', label: 'Material not in stock' },
  { value: 'cannot_print', label: 'Cannot print this part' },
  { value: 'other', label: 'Other reason' },
];

const NEXT: Partial<Record<string, { status: ShopStatus; label: string; busy: string }>> = {
  CLAIMED: { status: 'PRINTING', label: 'Start printing', busy: 'Saving…' },
  PRINTING: { status: 'PRINTED', label: 'Mark printed', busy: 'Saving…' },
  PRINTED: { status: 'SHIPPED', label: 'Mark shipped', busy: 'Saving…' },
  SHIPPED: { status: 'DELIVERED', label: 'Mark delivered', busy: 'Saving…' },
};

/** What the shop's slicer said next to what the quote assumed, for the whole quantity. */
const slicedFacts = (job: ShopOrderView): HTMLElement | null => {
  const sliced = job.sliced;
  if (!sliced) return null;
  const quoted = `quoted ${formatGrams(job.weightGrams * job.quantity)}, ${formatDuration(job.printSeconds * job.quantity)}`;
  return h('div', { 'data-testid': 'sliced' },
    h('dt', {}, 'Sliced (all pieces)'),
    h('dd', { title: `${sliced.slicer}, profile ${sliced.profile}` }, `${formatGrams(sliced.filamentGrams)}, ${formatDuration(sliced.printSeconds)} `, h('span', { class: 'help' }, `(${quoted})`)));
};

export class JobCard {
  readonly root: HTMLElement;
  private readonly notice = statusLine();

  constructor(private readonly ctx: AppContext, private readonly key: string, job: ShopOrderView, private readonly onGone: (id: string) => void) {
    this.root = h('article', { class: 'job card', 'aria-labelledby': `job-${job.id}-title` });
    this.render(job);
  }

  render(job: ShopOrderView): void {
    const design = findDesign(job.designId);
    const name = design?.name ?? job.designId;
    this.root.dataset.jobId = job.id;
    this.root.dataset.state = job.state;
    this.root.dataset.held = String(job.claimedByYou);
    replaceChildren(this.root,
      design ? thumbnail(this.ctx.thumbnails, job.designId, job.params as Params, `${name} as ordered`) : h('div', { class: 'thumb' }, h('span', { class: 'thumb-note' }, 'No preview')),
      h('div', { class: 'job-main' },
        h('h3', { id: `job-${job.id}-title` }, `${name}: ${job.quantity} × ${job.material}`),
        h('p', {}, h('span', { class: `badge state-${job.state.toLowerCase()}`, 'data-testid': 'job-state' }, job.claimedByYou || job.state !== 'PLACED' ? formatState(job.state) : 'Offered to you')),
        h('dl', { class: 'facts' },
          h('div', {}, h('dt', {}, 'Size'), h('dd', {}, formatSize(job.dimensionsMm))),
          h('div', {}, h('dt', {}, 'Material'), h('dd', {}, job.material)),
          // What to load: the colour per part (a two-colour job comes only to a multi-material shop).
          job.colours?.length ? h('div', { 'data-testid': 'job-colours' }, h('dt', {}, new Set(job.colours).size > 1 ? 'Colours (load both)' : 'Colour'), h('dd', {}, colourList(job))) : null,
          h('div', {}, h('dt', {}, 'Distance to customer'), h('dd', {}, formatKm(job.distanceKm))),
          h('div', {}, h('dt', {}, 'Weight, print time'), h('dd', {}, `${formatGrams(job.weightGrams)} each, ${formatDuration(job.printSeconds)}`)),
          job.sliced ? slicedFacts(job) : null,
          h('div', {}, h('dt', {}, 'Settings'), h('dd', {}, describeParams(job.designId, job.params))),
          // A lease matters while the shop works on the job; once shipped there is none to keep.
          !job.claimedByYou ? h('div', {}, h('dt', {}, 'Offered'), h('dd', {}, formatDateTime(job.offeredAt)))
            : job.leaseUntil && isAtWork(job.state) ? h('div', { 'data-testid': 'lease' }, h('dt', {}, 'Lease until'), h('dd', {}, formatTime(job.leaseUntil))) : null,
          job.tracking ? h('div', {}, h('dt', {}, 'Tracking'), h('dd', {}, job.tracking)) : null,
        ),
        job.progress && isAtWork(job.state) ? productionProgress(job.progress, { showMessage: true }) : null,
        job.delivery
          ? h('details', {}, h('summary', {}, 'Ship to'), h('address', {}, [job.delivery.name, job.delivery.line1, job.delivery.line2, `${job.delivery.postalCode} ${job.delivery.city}`, job.delivery.country].filter(Boolean).flatMap((l) => [l, h('br')])))
          : null,
      ),
      h('div', { class: 'job-side' }, this.actions(job), this.notice),
    );
    // The dashboard keeps the shop's own jobs above the offers.
    this.root.dispatchEvent(new CustomEvent('job-changed', { bubbles: true }));
  }

  private actions(job: ShopOrderView): HTMLElement {
    const box = h('div', { class: 'job-actions' });
    if (!job.claimedByYou) {
      box.append(this.button('Claim', 'Claiming…', () => this.ctx.api.claimJob(this.key, job.id), 'Claimed: it is yours while the lease runs.', true), this.rejectForm(job));
      return box;
    }
    const next = NEXT[job.state];
    const files = h('div', { class: 'files' });
    box.append(h('button', { type: 'button', class: 'button-secondary', onclick: (e: Event) => void this.files(e.currentTarget as HTMLButtonElement, job.id, files) }, 'Get STL / 3MF'), files);
    if (next?.status === 'SHIPPED') box.append(this.shipForm(job));
    else if (next) box.append(this.button(next.label, next.busy, () => this.ctx.api.setJobStatus(this.key, job.id, next.status), `${formatState(next.status)}.`, true));
    if (isAtWork(job.state)) {
      box.append(this.button('Extend lease', 'Extending…', () => this.ctx.api.heartbeatJob(this.key, job.id), 'Lease extended.'));
    }
    if (job.state === 'CLAIMED') box.append(this.rejectForm(job));
    return box;
  }

  private button(label: string, busy: string, work: () => Promise<ShopOrderView>, done: string, primary = false): HTMLButtonElement {
    const button = h('button', { type: 'button', class: primary ? 'button-primary' : 'button-secondary' }, label);
    button.addEventListener('click', async () => {
      try {
        const job = await whileBusy(button, busy, work);
        this.render(job);
        this.notice.textContent = done;
        this.root.querySelector<HTMLElement>('.job-actions button')?.focus();
      } catch (error) {
        this.notice.replaceChildren(errorBox(error));
      }
    });
    return button;
  }

  private shipForm(job: ShopOrderView): HTMLElement {
    const tracking = inputField('tracking', 'Tracking number', { attrs: { autocomplete: 'off', maxlength: 200, required: true } });
    const submit = h('button', { type: 'submit', class: 'button-primary' }, 'Mark shipped');
    const form = h('form', { class: 'inline-form', novalidate: true }, tracking.root, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = tracking.control.value.trim();
      if (value.length < 3) {
        tracking.error.textContent = 'Enter the parcel’s tracking number (at least 3 characters).';
        tracking.control.setAttribute('aria-invalid', 'true');
        tracking.control.focus();
        return;
      }
      try {
        this.render(await whileBusy(submit, 'Saving…', () => this.ctx.api.setJobStatus(this.key, job.id, 'SHIPPED', value)));
        this.notice.textContent = 'Shipped. The customer sees the tracking number.';
      } catch (error) {
        this.notice.replaceChildren(errorBox(error));
      }
    });
    return form;
  }

  private rejectForm(job: ShopOrderView): HTMLElement {
    const reason = selectField('reason', 'Reason to decline', REASONS);
    const submit = h('button', { type: 'submit', class: 'button-danger-outline' }, 'Decline');
    const form = h('form', { class: 'inline-form' }, reason.root, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await whileBusy(submit, 'Declining…', () => this.ctx.api.rejectJob(this.key, job.id, reason.control.value as RejectReason));
        this.onGone(job.id);
      } catch (error) {
        this.notice.replaceChildren(errorBox(error));
      }
    });
    return h('details', { class: 'decline' }, h('summary', {}, 'Decline this job'), form);
  }

  private async files(button: HTMLButtonElement, id: string, slot: HTMLElement): Promise<void> {
    try {
      const files = await whileBusy(button, 'Preparing…', () => this.ctx.api.jobFiles(this.key, id));
      replaceChildren(slot,
        h('a', { href: files.stl.url, download: `${id}.stl`, 'data-file': 'stl' }, `STL (${Math.ceil(files.stl.bytes / 1024)} KB)`), ' · ',
        h('a', { href: files.threeMf.url, download: `${id}.3mf`, 'data-file': '3mf' }, `3MF (${Math.ceil(files.threeMf.bytes / 1024)} KB)`),
        h('span', { class: 'help' }, ` links valid until ${formatTime(files.expiresAt)}; sha256 ${files.stl.sha256.slice(0, 12)}…`),
      );
    } catch (error) {
      slot.replaceChildren(errorBox(error));
    }
  }
}
