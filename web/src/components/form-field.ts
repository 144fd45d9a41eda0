// A labelled input or select with a help line and an error line wired for screen readers,
// plus showFieldErrors() that puts a problem's `errors` next to the matching fields.
import { h, uid, type Attrs } from '../dom.ts';

export interface FormField<E extends HTMLInputElement | HTMLSelectElement = HTMLInputElement | HTMLSelectElement> {
  /** The API field path the server reports errors under, e.g. `delivery.postalCode`. */
  name: string;
  root: HTMLElement;
  control: E;
  error: HTMLElement;
}

interface FieldOptions {
  help?: string;
  attrs?: Attrs;
}

const wire = <E extends HTMLInputElement | HTMLSelectElement>(name: string, label: string, control: E, id: string, help?: string): FormField<E> => {
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  control.setAttribute('aria-describedby', help ? `${helpId} ${errorId}` : errorId);
  const error = h('p', { class: 'field-error', id: errorId, 'aria-live': 'polite' });
  const root = h('div', { class: 'field', 'data-field': name }, h('label', { for: id }, label), control, help ? h('p', { class: 'help', id: helpId }, help) : null, error);
  return { name, root, control, error };
};

export const inputField = (name: string, label: string, { help, attrs = {} }: FieldOptions = {}): FormField<HTMLInputElement> => {
  const id = uid('field');
  return wire(name, label, h('input', { id, name, type: 'text', ...attrs }), id, help);
};

export const selectField = (name: string, label: string, options: readonly { value: string; label: string }[], { help, attrs = {} }: FieldOptions = {}): FormField<HTMLSelectElement> => {
  const id = uid('field');
  const select = h('select', { id, name, ...attrs }, options.map((o) => h('option', { value: o.value }, o.label)));
  return wire(name, label, select, id, help);
};

/** Shows each error at its field (first one wins); returns the errors with no field on the form. */
export const showFieldErrors = (fields: readonly FormField[], errors: readonly { field: string; message: string }[]): { field: string; message: string }[] => {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const shown = new Set<string>();
  const orphans: { field: string; message: string }[] = [];
  for (const error of errors) {
    const field = byName.get(error.field);
    if (!field) orphans.push(error);
    else if (!shown.has(error.field)) {
      shown.add(error.field);
      field.error.textContent = error.message;
    }
  }
  for (const field of fields) {
    const invalid = shown.has(field.name);
    if (!invalid) field.error.textContent = '';
    field.root.classList.toggle('invalid', invalid);
    if (invalid) field.control.setAttribute('aria-invalid', 'true');
    else field.control.removeAttribute('aria-invalid');
  }
  return orphans;
};
