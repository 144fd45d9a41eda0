// A button that asks once more before doing something that cannot be undone; the question
// appears inline (no blocking dialog) and focus moves to the confirming button.
import { h } from '../dom.ts';
import { whileBusy } from './alerts.ts';

export interface ConfirmActionOptions {
  label: string;
  question: string;
  confirmLabel: string;
  busyLabel: string;
  action: () => Promise<void>;
  danger?: boolean;
}

export const confirmAction = ({ label, question, confirmLabel, busyLabel, action, danger = false }: ConfirmActionOptions): HTMLElement => {
  const root = h('div', { class: 'confirm-action' });
  const ask = (): void => {
    const yes = h('button', { type: 'button', class: danger ? 'button-danger' : 'button-primary' }, confirmLabel);
    const no = h('button', { type: 'button', class: 'button-secondary', onclick: () => idle(true) }, 'Keep it');
    yes.addEventListener('click', () => void whileBusy(yes, busyLabel, action));
    root.replaceChildren(h('p', { role: 'alert' }, question), h('div', { class: 'actions' }, yes, no));
    yes.focus();
  };
  const idle = (focus = false): void => {
    const button = h('button', { type: 'button', class: danger ? 'button-danger-outline' : 'button-secondary', onclick: ask }, label);
    root.replaceChildren(button);
    if (focus) button.focus();
  };
  idle();
  return root;
};
