// Error and status boxes: an error is announced (role=alert) and lists the server's per-field
// messages that no input on the page could show; a status line is announced politely.
import { ApiError, describeError } from '../api/api-error.ts';
import { h } from '../dom.ts';

/**
 * An error box for any thrown value. It lists `unshown` field messages (those no input on the
 * page displays); without that argument, every field message of the problem.
 */
export const errorBox = (error: unknown, unshown?: readonly { field: string; message: string }[]): HTMLElement => {
  const listed = unshown ?? (error instanceof ApiError ? error.fieldErrors : []);
  return h('div', { class: 'alert alert-error', role: 'alert' },
    h('p', {}, describeError(error)),
    listed.length ? h('ul', {}, listed.map((e) => h('li', {}, e.field ? `${e.field}: ${e.message}` : e.message))) : null,
  );
};

/** A small "Loading …" placeholder with a spinner, announced to screen readers. */
export const loadingBox = (text: string): HTMLElement => h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);

/** A polite live region for results of actions ("Claimed", "Copied"). */
export const statusLine = (): HTMLElement => h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });

/** Marks a button busy while `work` runs; re-enables it afterwards. */
export const whileBusy = async <T>(button: HTMLButtonElement, busyText: string, work: () => Promise<T>): Promise<T> => {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyText;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
};
