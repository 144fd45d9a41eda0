// The customer's item in the scene: one PartModel per printed part, each painted in the colour
// of its filament slot. Parts are reused across updates (a two-colour tag stays two meshes
// while a slider moves) and extra ones are disposed at once, so GPU buffers do not pile up.
import { Box3, Group, Sphere } from 'three';
import { slotColour } from '../../../functions/mesh/slot-colours.ts';
import { PartModel } from './PartModel.ts';

/** What the item model draws of one part. */
export interface ItemPart {
  positions: Float32Array;
  indices: Uint32Array;
  colourSlot: number;
}

/**
 * Colours per slot until the page chooses (the colour pickers call setColours): the house blue
 * for the first, then the palette's defaults for the others (the colours the 3MF names).
 */
export const PREVIEW_SLOT_HEX: readonly string[] = ['#2c6fbb', slotColour(1), slotColour(2), slotColour(3)];

export class ItemModel {
  readonly object = new Group();
  private parts: PartModel[] = [];
  private slots: number[] = [];
  private colours: string[] = [...PREVIEW_SLOT_HEX];

  constructor() {
    this.object.visible = false;
  }

  /** Shows new parts; the previous geometry is freed. */
  update(parts: readonly ItemPart[]): void {
    while (this.parts.length > parts.length) this.parts.pop()!.dispose();
    while (this.parts.length < parts.length) {
      const model = new PartModel();
      this.parts.push(model);
      this.object.add(model.object);
    }
    this.slots = parts.map((part) => part.colourSlot);
    parts.forEach((part, i) => this.parts[i].update(part.positions, part.indices));
    this.paint();
    this.object.visible = parts.length > 0;
  }

  /** Sets the CSS colour ('#rrggbb') of each filament slot; slots past the list keep theirs. */
  setColours(colours: readonly string[]): void {
    colours.forEach((colour, slot) => (this.colours[slot] = colour));
    this.paint();
  }

  /** The colour each part is drawn in now, in part order (tests read it). */
  get partColours(): string[] {
    return this.parts.map((part) => `#${part.object.material.color.getHexString()}`);
  }

  private paint(): void {
    this.parts.forEach((part, i) => part.setColour(this.colours[this.slots[i]] ?? PREVIEW_SLOT_HEX[0]));
  }

  /** The box around every part, or null before the first update. */
  get boundingBox(): Box3 | null {
    if (!this.object.visible || this.parts.length === 0) return null;
    const box = new Box3();
    for (const part of this.parts) {
      const partBox = part.object.geometry.boundingBox;
      if (partBox) box.union(partBox);
    }
    return box.isEmpty() ? null : box;
  }

  get boundingSphere(): Sphere | null {
    return this.boundingBox?.getBoundingSphere(new Sphere()) ?? null;
  }

  get partCount(): number {
    return this.parts.length;
  }

  /** Crease lines over all parts. */
  get creaseCount(): number {
    return this.parts.reduce((sum, part) => sum + part.creaseCount, 0);
  }

  dispose(): void {
    for (const part of this.parts) part.dispose();
    this.parts = [];
    this.object.removeFromParent();
  }
}
