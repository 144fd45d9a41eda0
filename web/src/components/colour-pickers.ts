// One colour picker per colour slot of the configuration on screen: swatches from the filament
// palette as native radio buttons (a label each, arrow keys move within a slot, Tab between
// slots). A single-colour item gets one picker too: every order now carries its colour, and the
// customer, not the shop, should say what it is. The choice per slot survives rebuilds.
import { defaultColours, PALETTE, type ColourId } from '../../../functions/domain/colours.ts';
import { h, uid } from '../dom.ts';

/** What a picker needs to know of a part: its name and its slot. */
export interface SlotPart {
  label: string;
  colourSlot: number;
}

export class ColourPickers {
  readonly root = h('div', { class: 'colour-pickers', 'data-slots': '0' });
  private chosen: ColourId[] = [];
  private slotLabels: string[] = [];

  /** `onChange` gets the colour id per slot after the customer picks one. */
  constructor(private readonly onChange: (colours: ColourId[]) => void) {}

  /** The colour per slot, palette ids. */
  colours(): ColourId[] {
    return [...this.chosen];
  }

  /** The CSS hex per slot, for the preview. */
  hexes(): string[] {
    return this.chosen.map((id) => PALETTE.find((c) => c.id === id)?.hex ?? PALETTE[0].hex);
  }

  /** The configuration's parts changed (a build finished): one picker per slot, keeping earlier picks. */
  setParts(parts: readonly SlotPart[]): void {
    const slots = Math.max(1, ...parts.map((p) => p.colourSlot + 1));
    const labels = Array.from({ length: slots }, (_, slot) => {
      const names = parts.filter((p) => p.colourSlot === slot).map((p) => p.label);
      return slots === 1 ? 'Colour' : `${names.join(' and ') || `Part ${slot + 1}`} colour`;
    });
    const defaults = defaultColours(slots);
    const next = defaults.map((d, i) => this.chosen[i] ?? d);
    if (labels.join('|') === this.slotLabels.join('|') && next.join() === this.chosen.join()) return;
    this.chosen = next;
    this.slotLabels = labels;
    this.root.dataset.slots = String(slots);
    this.root.replaceChildren(...labels.map((label, slot) => this.picker(label, slot)));
  }

  private picker(label: string, slot: number): HTMLElement {
    const name = uid('colour');
    return h('fieldset', { class: 'field colour-picker', 'data-slot': String(slot) },
      h('legend', {}, label),
      h('div', { class: 'swatches' },
        PALETTE.map((c) =>
          h('label', { class: 'swatch-option', title: c.name },
            h('input', {
              type: 'radio', name, value: c.id, checked: c.id === this.chosen[slot],
              onchange: () => this.pick(slot, c.id),
            }),
            h('span', { class: 'swatch', style: `background:${c.hex}`, 'aria-hidden': 'true' }),
            h('span', { class: 'swatch-name' }, c.name),
          ),
        ),
      ),
    );
  }

  private pick(slot: number, id: ColourId): void {
    this.chosen[slot] = id;
    this.onChange(this.colours());
  }
}
