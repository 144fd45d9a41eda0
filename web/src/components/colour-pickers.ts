// One colour picker per colour slot of the configuration on screen: swatches from the filament
// palette as native radio buttons (a label each, arrow keys move within a slot, Tab between
// slots). A single-colour item gets one picker too: every order now carries its colour, and the
// customer, not the shop, should say what it is. The choice per slot survives rebuilds.
import { defaultColours, findColour, PALETTE, slotCount, type ColourId } from '../../../functions/domain/colours.ts';
import { h, uid } from '../dom.ts';

/** What a picker needs to know of a part: its name and its slot. */
export interface SlotPart {
  label: string;
  colourSlot: number;
}

export class ColourPickers {
  readonly root = h('div', { class: 'colour-pickers', 'data-slots': '0' });
  /** What was picked per slot, kept beyond the slots on screen (a rebuild with fewer parts forgets nothing). */
  private readonly picked: (ColourId | undefined)[];
  private slots = 1;
  private slotLabels: string[] = [];

  /** `onChange` gets the colour id per slot after the customer picks one; `initial` (a share link's) fills slots in order. */
  constructor(private readonly onChange: (colours: ColourId[]) => void, initial: readonly string[] = []) {
    this.picked = initial.every((c) => findColour(c)) ? [...initial] : [];
  }

  /** The colour per slot on screen, palette ids. */
  colours(): ColourId[] {
    return defaultColours(this.slots).map((d, i) => this.picked[i] ?? d);
  }

  /** The colours for a share link: none while every slot shows its default (links stay as they were). */
  linkColours(): ColourId[] {
    const colours = this.colours();
    return colours.join() === defaultColours(this.slots).join() ? [] : colours;
  }

  /** The CSS hex per slot, for the preview. */
  hexes(): string[] {
    return this.colours().map((id) => findColour(id)?.hex ?? PALETTE[0].hex);
  }

  /** The configuration's parts changed (a build finished): one picker per slot, keeping earlier picks. */
  setParts(parts: readonly SlotPart[]): void {
    const slots = slotCount(parts);
    const labels = Array.from({ length: slots }, (_, slot) => {
      const names = parts.filter((p) => p.colourSlot === slot).map((p) => p.label);
      return slots === 1 ? 'Colour' : `${names.join(' and ') || `Part ${slot + 1}`} colour`;
    });
    if (labels.join('|') === this.slotLabels.join('|') && this.root.firstChild) return;
    this.slots = slots;
    this.slotLabels = labels;
    this.root.dataset.slots = String(slots);
    const chosen = this.colours();
    this.root.replaceChildren(...labels.map((label, slot) => this.picker(label, slot, chosen[slot])));
  }

  private picker(label: string, slot: number, chosen: ColourId): HTMLElement {
    const name = uid('colour');
    return h('fieldset', { class: 'field colour-picker', 'data-slot': String(slot) },
      h('legend', {}, label),
      h('div', { class: 'swatches' },
        PALETTE.map((c) =>
          h('label', { class: 'swatch-option', title: c.name },
            h('input', { type: 'radio', name, value: c.id, checked: c.id === chosen, onchange: () => this.pick(slot, c.id) }),
            h('span', { class: 'swatch', style: `background:${c.hex}`, 'aria-hidden': 'true' }),
            h('span', { class: 'swatch-name' }, c.name),
          ),
        ),
      ),
    );
  }

  private pick(slot: number, id: ColourId): void {
    this.picked[slot] = id;
    this.onChange(this.colours());
  }
}
