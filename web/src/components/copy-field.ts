// A read-only link with a Copy button, for share links and the private order link.
import { h, uid } from '../dom.ts';

export interface CopyField {
  root: HTMLElement;
  set(value: string): void;
}

export const copyField = (label: string, value: string): CopyField => {
  const id = uid('copy');
  const input = h('input', { id, type: 'text', readonly: true, value, class: 'copy-input', onfocus: () => input.select() });
  const done = h('span', { class: 'copy-done', role: 'status', 'aria-live': 'polite' });
  const button = h('button', {
    type: 'button', class: 'button-secondary',
    onclick: async () => {
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
        done.textContent = 'Copied';
      } catch {
        done.textContent = 'Selected: press Ctrl+C (⌘C) to copy';
      }
    },
  }, 'Copy');
  const root = h('div', { class: 'copy-field' }, h('label', { for: id }, label), h('div', { class: 'field-row' }, input, button), done);
  return {
    root,
    set: (next) => {
      input.value = next;
      done.textContent = '';
    },
  };
};
