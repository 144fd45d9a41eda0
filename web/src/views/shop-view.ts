// The shop dashboard: the shop's API key (kept in this tab's sessionStorage only), then the
// jobs it may see (its own first, then offers by distance), refreshed while the tab is visible.
import { ApiError } from '../api/api-error.ts';
import type { ShopOrderView } from '../api/types.ts';
import type { AppContext } from '../app-context.ts';
import { errorBox, loadingBox, whileBusy } from '../components/alerts.ts';
import { inputField } from '../components/form-field.ts';
import { JobCard } from '../components/job-card.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatTime } from '../format.ts';
import { clearShopKey, readShopKey, saveShopKey } from '../state/shop-key.ts';
import type { View } from '../view.ts';

const REFRESH_MS = 30_000;

export const shopView = (ctx: AppContext): View => {
  const content = h('div');
  const root = h('section', { class: 'page shop-page' }, h('h1', { tabindex: '-1' }, 'Print shop dashboard'), content);
  let timer: ReturnType<typeof setInterval> | undefined;
  let disposed = false;

  const signIn = (problem?: unknown): void => {
    clearInterval(timer);
    const key = inputField('key', 'Shop API key', { help: 'Kept in this browser tab only and forgotten when the tab closes.', attrs: { type: 'password', autocomplete: 'off', spellcheck: 'false' } });
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
        const { jobs } = await whileBusy(submit, 'Checking…', () => ctx.api.shopJobs(value));
        saveShopKey(value);
        dashboard(value, jobs);
      } catch (error) {
        problems.replaceChildren(errorBox(error instanceof ApiError && error.status === 401 ? new Error('This key is not known. Check it and try again.') : error));
      }
    });
    replaceChildren(content, h('p', { class: 'lead' }, 'Claim jobs near you, download the files, and report printing, printed and shipped.'), form);
    key.control.focus();
  };

  const dashboard = (key: string, initial?: ShopOrderView[]): void => {
    const list = h('div', { class: 'jobs', 'aria-live': 'polite' });
    const updated = h('span', { class: 'help' });
    const cards = new Map<string, JobCard>();
    const show = (jobs: ShopOrderView[]): void => {
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
      if (!cards.size) show([]);
    };
    const refresh = async (): Promise<void> => {
      try {
        const { jobs } = await ctx.api.shopJobs(key);
        if (!disposed) show(jobs);
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
    replaceChildren(content, h('div', { class: 'toolbar' }, refreshButton, updated, signOut), list);
    if (initial) show(initial);
    else {
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
