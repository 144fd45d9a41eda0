// Controls generated from a design's parameter schema: a slider with a number field and its
// unit for numbers, a text field with a counter, radio buttons (or a list) for choices.
// It reports every edit with the raw values; the caller runs the shared validator and
// hands the field errors back through showErrors().
import type { ChoiceParam, NumberParam, ParamSpec, TextParam } from '../../../functions/designs/types.ts';
import { h, uid } from '../dom.ts';

export type ChangeListener = (event: Event) => void;

interface Control {
  spec: ParamSpec;
  root: HTMLElement;
  read(): unknown;
  write(value: unknown): void;
  inputs: HTMLElement[];
  error: HTMLElement;
}

const UNIT_LABEL: Record<NumberParam['unit'], string> = { mm: 'mm', deg: '°', count: '' };

const unitWords = (spec: NumberParam): string => (spec.unit === 'deg' ? 'degrees' : spec.unit === 'count' ? '' : 'millimetres');

const describe = (...ids: string[]): string => ids.join(' ');

function numberControl(spec: NumberParam, onChange: ChangeListener): Control {
  const id = uid(`param-${spec.key}`);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const range = h('input', {
    type: 'range', id, name: spec.key, min: spec.min, max: spec.max, step: spec.step, 'aria-describedby': describe(helpId, errorId),
  });
  const field = h('input', {
    type: 'number', name: `${spec.key}-value`, min: spec.min, max: spec.max, step: spec.step, inputmode: 'decimal',
    'aria-label': `${spec.label}${unitWords(spec) ? ` in ${unitWords(spec)}` : ''}`, 'aria-describedby': describe(helpId, errorId),
  });
  range.addEventListener('input', (event) => {
    field.value = range.value;
    onChange(event);
  });
  field.addEventListener('input', (event) => {
    if (field.value !== '' && Number.isFinite(field.valueAsNumber)) range.value = field.value;
    onChange(event);
  });
  const unit = UNIT_LABEL[spec.unit];
  const limits = `${spec.min}–${spec.max}${unit ? ` ${unit}` : ''}`;
  const error = h('p', { class: 'field-error', id: errorId, 'aria-live': 'polite' });
  const root = h('div', { class: 'field field-number', 'data-key': spec.key },
    h('label', { for: id }, spec.label),
    h('div', { class: 'field-row' }, range, h('span', { class: 'number-with-unit' }, field, unit ? h('span', { class: 'unit', 'aria-hidden': 'true' }, unit) : null)),
    h('p', { class: 'help', id: helpId }, `${spec.help} (${limits})`),
    error,
  );
  return {
    spec, root, error, inputs: [range, field],
    // The number field is the exact value; text that is not a number goes to the validator as text.
    read: () => (field.value !== '' && Number.isFinite(field.valueAsNumber) ? field.valueAsNumber : field.value),
    write: (value) => {
      field.value = String(value);
      range.value = String(value);
    },
  };
}

function textControl(spec: TextParam, onChange: ChangeListener): Control {
  const id = uid(`param-${spec.key}`);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const counter = h('span', { class: 'counter', 'aria-hidden': 'true' });
  const input = h('input', { type: 'text', id, name: spec.key, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': describe(helpId, errorId) });
  const count = () => (counter.textContent = `${input.value.trim().length} / ${spec.maxLength}`);
  input.addEventListener('input', (event) => {
    count();
    onChange(event);
  });
  const error = h('p', { class: 'field-error', id: errorId, 'aria-live': 'polite' });
  const root = h('div', { class: 'field field-text', 'data-key': spec.key },
    h('label', { for: id }, spec.label),
    h('div', { class: 'field-row' }, input, counter),
    h('p', { class: 'help', id: helpId }, `${spec.help} (${spec.minLength}–${spec.maxLength} characters)`),
    error,
  );
  return {
    spec, root, error, inputs: [input],
    read: () => input.value,
    write: (value) => {
      input.value = String(value);
      count();
    },
  };
}

function choiceControl(spec: ChoiceParam, onChange: ChangeListener): Control {
  const id = uid(`param-${spec.key}`);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const error = h('p', { class: 'field-error', id: errorId, 'aria-live': 'polite' });
  const help = h('p', { class: 'help', id: helpId }, spec.help);
  if (spec.options.length > 4) {
    const select = h('select', { id, name: spec.key, 'aria-describedby': describe(helpId, errorId), onchange: onChange },
      spec.options.map((o) => h('option', { value: o.value }, o.label)));
    const root = h('div', { class: 'field field-choice', 'data-key': spec.key }, h('label', { for: id }, spec.label), select, help, error);
    return { spec, root, error, inputs: [select], read: () => select.value, write: (value) => (select.value = String(value)) };
  }
  const radios = spec.options.map((o) => h('input', { type: 'radio', name: id, value: o.value, onchange: onChange }));
  const root = h('fieldset', { class: 'field field-choice', 'data-key': spec.key, 'aria-describedby': describe(helpId, errorId) },
    h('legend', {}, spec.label),
    h('div', { class: 'segmented' }, spec.options.map((o, i) => h('label', { class: 'segment' }, radios[i], h('span', {}, o.label)))),
    help, error,
  );
  return {
    spec, root, error, inputs: radios,
    read: () => radios.find((r) => r.checked)?.value ?? '',
    write: (value) => radios.forEach((r) => (r.checked = r.value === value)),
  };
}

const controlFor = (spec: ParamSpec, onChange: ChangeListener): Control => {
  switch (spec.type) {
    case 'number':
      return numberControl(spec, onChange);
    case 'text':
      return textControl(spec, onChange);
    case 'choice':
      return choiceControl(spec, onChange);
  }
};

export class ParamControls {
  readonly root: HTMLElement;
  private readonly controls = new Map<string, Control>();

  constructor(specs: readonly ParamSpec[], initial: Record<string, unknown>, private readonly onChange: ChangeListener) {
    for (const spec of specs) {
      const control = controlFor(spec, onChange);
      control.write(initial[spec.key] ?? spec.default);
      this.controls.set(spec.key, control);
    }
    this.root = h('div', { class: 'param-controls' }, [...this.controls.values()].map((c) => c.root));
  }

  /** The raw values as typed, keyed by parameter. */
  values(): Record<string, unknown> {
    return Object.fromEntries([...this.controls].map(([key, control]) => [key, control.read()]));
  }

  /** Sets every control to the given values (e.g. the defaults). */
  setValues(values: Record<string, unknown>): void {
    for (const [key, control] of this.controls) if (key in values) control.write(values[key]);
  }

  /** "Use 7.5 mm": puts the nearest valid value in the field, as if typed. */
  private nearestButton(control: Control, value: number): HTMLButtonElement {
    const unit = control.spec.type === 'number' ? UNIT_LABEL[control.spec.unit] : '';
    const button = h('button', { type: 'button', class: 'button-secondary button-small', 'data-nearest': String(value) }, `Use ${value}${unit ? ` ${unit}` : ''}`);
    button.addEventListener('click', (event) => {
      control.write(value);
      (control.inputs[1] ?? control.inputs[0]).focus();
      this.onChange(event);
    });
    return button;
  }

  /** Shows the first message per field; returns the errors no control can show. */
  showErrors(errors: readonly { field: string; message: string; code?: string; limit?: number }[]): { field: string; message: string }[] {
    const shown = new Set<string>();
    const orphans: { field: string; message: string }[] = [];
    for (const error of errors) {
      const key = error.field.replace(/^params\./, '');
      const control = this.controls.get(key);
      if (!control) orphans.push(error);
      else if (!shown.has(key)) {
        shown.add(key);
        control.error.textContent = error.message;
        if (error.code === 'step' && error.limit !== undefined) control.error.append(' ', this.nearestButton(control, error.limit));
      }
    }
    for (const [key, control] of this.controls) {
      const invalid = shown.has(key);
      if (!invalid) control.error.textContent = '';
      control.root.classList.toggle('invalid', invalid);
      for (const input of control.inputs) {
        if (invalid) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
    }
    return orphans;
  }
}
