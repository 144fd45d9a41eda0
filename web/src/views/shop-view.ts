// The shop dashboard: the shop's API key (kept in this tab's sessionStorage only), then the
// jobs it may see (its own first, then offers by distance, also right after a claim), refreshed
// while the tab is visible. It says which shop is signed in and where a key comes from. Below the
// jobs, the shop's webhook (components/webhook-panel.ts).
import { ApiError } from '../api/api-error.ts';
import type { ShopOrderView } from '../api/types.ts';
import type { AppContext } from '../app-context.ts';
import { errorBox, loadingBox, whileBusy } from '../components/alerts.ts';
import { inputField } from '../components/form-field.ts';
import { JobCard } from '../components/job-card.ts';
import { webhookPanel } from '../components/webhook-panel.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatTime } from '../format.ts';
import { clearShopKey, readShopKey, saveShopKey } from '../state/shop-key.ts';
import type { View } from '../view.ts';

const REFRESH_MS = 30_000;

type ShopName = { id: string; name: string };

export const shopView = (ctx: AppContext): View => {
  const content = h('div');
  const root = h('section', { class: 'page shop-page' }, h('h1', { tabindex: '-1' }, 'Print shop dashboard'), content);
  let timer: ReturnType<typeof setInterval> | undefined;
  let disposed = false;

  const signIn = (problem?: unknown): void => {
    clearInterval(timer);
    const key = inputField('key', 'Shop API key', {
      help: 'The Atelier operator who registered your shop gave you this key (it is printed once, when the shop is added; a lost key is replaced, not recovered). Kept in this browser tab only and forgotten when the tab closes.',
      attrs: { type: 'password', autocomplete: 'off', spellcheck: 'false' } });
    const submit = h('button', { type: 'submit', class: 'button-primary' }, 'Open dashboard');
    const problems = h('div', {}, problem ? errorBox(problem) : null);
    const form = h('form', { class: 'panel narrow', novalidate: true, 'aria-label': 'Sign in with your shop key' }, key.root, problems, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = key.control.value.trim();
      if (!value) {
        key.error.textContent = 'Paste the API key the operator gave your shop.';
        key.control.focus();
        return;
      }
      try {
        const { shop, jobs } = await whileBusy(submit, 'Checking…', () => ctx.api.shopJobs(value));
        saveShopKey(value);
        dashboard(value, { shop, jobs });
      } catch (error) {
        problems.replaceChildren(errorBox(error instanceof ApiError && error.status === 401 ? new Error('This key is not known. Check it and try again.') : error));
      }
    });
    replaceChildren(content, h('p', { class: 'lead' }, 'Claim jobs near you, download the files, and report printing, printed and shipped.'), form);
    key.control.focus();
  };

  const dashboard = (key: string, initial?: { shop: ShopName; jobs: ShopOrderView[] }): void => {
    const list = h('div', { class: 'jobs', 'aria-live': 'polite' });
    const updated = h('span', { class: 'help' });
    const signedIn = h('p', { class: 'signed-in', 'data-testid': 'signed-in' });
    const cards = new Map<string, JobCard>();
    // A job the shop just claimed moves up to its other jobs, above the offers.
    list.addEventListener('job-changed', () => {
      const cardsNow = [...list.querySelectorAll<HTMLElement>(':scope > .job')];
      const ordered = [...cardsNow.filter((c) => c.dataset.held === 'true'), ...cardsNow.filter((c) => c.dataset.held !== 'true')];
      if (ordered.some((c, i) => c !== cardsNow[i])) {
        const focused = document.activeElement;
        list.append(...ordered);
        if (focused instanceof HTMLElement && list.contains(focused)) focused.focus();
      }
    });
    const show = (shop: ShopName, jobs: ShopOrderView[]): void => {
      signedIn.replaceChildren('Signed in as ', h('strong', {}, shop.name), ` (${shop.id})`);
      updated.textContent = `Updated ${formatTime(Date.now())}`;
      cards.clear();
      if (!jobs.length) {
        replaceChildren(list, h('p', { class: 'empty' }, 'No jobs for you right now. New orders near you show up here.'));
        return;
      }
      for (const job of jobs) cards.set(job.id, new JobCard(ctx, key, job, gone));
      replaceChildren(list, [...cards.values()].map((c) => c.root));
    };
    const gone = (id: string): void => {
      cards.get(id)?.root.remove();
      cards.delete(id);
      if (!cards.size) replaceChildren(list, h('p', { class: 'empty' }, 'No jobs for you right now. New orders near you show up here.'));
    };
    const webhook = webhookPanel(ctx, key);
    const refresh = async (): Promise<void> => {
      void webhook.refresh();
      try {
        const { shop, jobs } = await ctx.api.shopJobs(key);
        if (!disposed) show(shop, jobs);
      } catch (error) {
        if (disposed) return;
        if (error instanceof ApiError && error.status === 401) {
          clearShopKey();
          signIn(new Error('This key no longer works. Sign in again.'));
        } else list.prepend(errorBox(error));
      }
    };
    const refreshButton = h('button', { type: 'button', class: 'button-secondary', onclick: () => void whileBusy(refreshButton, 'Refreshing…', refresh) }, 'Refresh');
    const signOut = h('button', { type: 'button', class: 'button-link', onclick: () => { clearShopKey(); signIn(); } }, 'Forget key');
    replaceChildren(content, signedIn, h('div', { class: 'toolbar' }, refreshButton, updated, signOut), list, webhook.root);
    if (initial) {
      show(initial.shop, initial.jobs);
      void webhook.refresh();
    } else {
      list.append(loadingBox('Loading jobs…'));
      void refresh();
    }
    clearInterval(timer);
    timer = setInterval(() => {
      // Never re-render under the shop's hands (a half-typed tracking number, an open menu).
      if (document.visibilityState === 'visible' && !list.contains(document.activeElement) && !list.querySelector('details[open]')) void refresh();
    }, REFRESH_MS);
  };

  const saved = readShopKey();
  if (saved) dashboard(saved);
  else signIn();

  return {
    title: 'Shop dashboard',
    root,
    dispose: () => {
      disposed = true;
      clearInterval(timer);
    },
  };
};
