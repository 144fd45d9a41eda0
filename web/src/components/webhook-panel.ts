// The dashboard's "Webhook" panel: register or replace the URL Atelier POSTs the shop's events
// to, the signing secret shown once (with a copy button) right after saving, remove, and the
// delivery status: active, failing (how many, the last error, when) or disabled (gave up; saving
// the URL again resumes). The status comes from GET /api/shop/webhook when the dashboard calls
// refresh() (at sign-in and with every refresh of the jobs).
import { ApiError } from '../api/api-error.ts';
import type { WebhookState } from '../api/types.ts';
import type { AppContext } from '../app-context.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatDateTime } from '../format.ts';
import { webhookStatusText } from '../../../functions/domain/webhooks.ts';
import { errorBox, loadingBox, statusLine, whileBusy } from './alerts.ts';
import { confirmAction } from './confirm-action.ts';
import { copyField } from './copy-field.ts';
import { inputField, showFieldErrors } from './form-field.ts';

const STATUS_LABEL = { active: 'Active', failing: 'Failing', disabled: 'Disabled' } as const;

/** The shared status line (its state word is on the badge already) as a sentence. */
const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

export interface WebhookPanel {
  root: HTMLElement;
  refresh(): Promise<void>;
}

export const webhookPanel = (ctx: AppContext, key: string): WebhookPanel => {
  const status = h('div', { class: 'webhook-status', 'data-testid': 'webhook-status', 'aria-live': 'polite' }, loadingBox('Loading webhook…'));
  const secretBox = h('div', { class: 'webhook-secret' });
  const problems = h('div');
  const done = statusLine();
  const url = inputField('url', 'Webhook URL', {
    help: 'An https address on your side (for example the shop agent started with --listen, behind a TLS proxy). Saving makes a new signing secret.',
    attrs: { type: 'url', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', placeholder: 'https://shop.example/atelier/webhook' },
  });
  const save = h('button', { type: 'submit', class: 'button-primary' }, 'Save URL');
  const removeSlot = h('div');
  const form = h('form', { class: 'webhook-form', novalidate: true, 'aria-label': 'Register a webhook' }, url.root, problems, h('div', { class: 'actions' }, save, removeSlot), done);
  const root = h('section', { class: 'panel webhook-panel', 'aria-labelledby': 'webhook-heading' },
    h('h2', { id: 'webhook-heading' }, 'Webhook'),
    h('p', { class: 'help' }, 'Atelier can POST to your server the moment a job is offered to you, a held lease is about to lapse, or an offered order is cancelled, each signed with an Atelier-Signature header. Polling keeps working without it.'),
    status, secretBox, form);

  let shownUrl = '';
  let shown: string | undefined;
  const show = (webhook: WebhookState | null): void => {
    // An unchanged status is left alone: not announced again every refresh, and an open
    // "Stop sending webhooks?" question is not closed under the shop's hands.
    const text = webhook
      ? JSON.stringify([webhook.url, webhook.registeredAt, webhook.status, webhook.consecutiveFailures, webhook.lastDeliveryAt, webhook.lastFailureAt, webhook.lastError, webhook.disabledAt])
      : 'none';
    if (text === shown) return;
    shown = text;
    if (!webhook) {
      replaceChildren(status, h('p', {}, 'No webhook registered.'));
      replaceChildren(removeSlot);
      save.textContent = 'Save URL';
      return;
    }
    const tone = webhook.status === 'active' ? '' : webhook.status === 'failing' ? 'alert alert-warning' : 'alert alert-error';
    replaceChildren(status, h('div', { class: tone, 'data-status': webhook.status },
      h('p', {}, h('span', { class: `badge webhook-${webhook.status}` }, STATUS_LABEL[webhook.status]), ' ', h('code', {}, webhook.url)),
      h('p', {}, sentence(webhookStatusText(webhook, formatDateTime).replace(/^(failing|disabled): /, ''))),
    ));
    // Never overwrite what the shop is typing: only an empty field or the URL shown before follows.
    if (url.control.value === '' || url.control.value === shownUrl) url.control.value = webhook.url;
    shownUrl = webhook.url;
    save.textContent = webhook.status === 'disabled' ? 'Save URL again to resume' : 'Save URL';
    replaceChildren(removeSlot, confirmAction({
      label: 'Remove webhook', question: 'Stop sending webhooks to this URL?', confirmLabel: 'Remove', busyLabel: 'Removing…', danger: true,
      action: async () => {
        await ctx.api.removeShopWebhook(key);
        replaceChildren(secretBox);
        url.control.value = shownUrl = '';
        done.textContent = 'Webhook removed.';
        show(null);
      },
    }));
  };

  const refresh = async (): Promise<void> => {
    try {
      show(await ctx.api.shopWebhook(key));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) replaceChildren(status, errorBox(error));
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = url.control.value.trim();
    showFieldErrors([url], []);
    replaceChildren(problems);
    if (!value) {
      showFieldErrors([url], [{ field: 'url', message: 'Enter the https address Atelier should call.' }]);
      url.control.focus();
      return;
    }
    try {
      const saved = await whileBusy(save, 'Saving…', () => ctx.api.saveShopWebhook(key, value));
      const secret = copyField('Signing secret (shown once)', saved.secret);
      replaceChildren(secretBox, h('div', { class: 'alert alert-warning', 'data-testid': 'webhook-secret' },
        h('p', {}, h('strong', {}, 'Copy the signing secret now: it is not shown again. '),
          'Put it in the shop agent\'s config as "webhookSecret" (or the environment variable ATELIER_WEBHOOK_SECRET). Saving the URL again makes a new one.'),
        secret.root,
        h('button', { type: 'button', class: 'button-link', onclick: () => replaceChildren(secretBox) }, 'I have saved it'),
      ));
      done.textContent = 'Webhook saved.';
      show(saved);
    } catch (error) {
      const orphans = error instanceof ApiError ? showFieldErrors([url], error.fieldErrors) : [];
      if (!(error instanceof ApiError) || orphans.length || !error.fieldErrors.length) replaceChildren(problems, errorBox(error, orphans));
      if (error instanceof ApiError && error.fieldErrors.length) url.control.focus();
    }
  });

  return { root, refresh };
};
