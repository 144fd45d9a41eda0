// The preview's item model, in Node (no WebGL needed): one PartModel per part, each painted in
// its slot's colour, colours set per slot by the page (the colour pickers), parts reused and
// extra ones disposed across updates, and one bounding box around every part.
import { describe, expect, it } from 'vitest';
import { PREVIEW_SLOT_HEX, ItemModel } from '../../web/src/three/ItemModel.ts';

/** A closed box [x0, x0 + 1] × [0, 1] × [z0, z0 + 1] as positions and indices. */
const cube = (x0: number, z0: number) => {
  const positions = new Float32Array([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1].map((v, i) => v + (i % 3 === 0 ? x0 : i % 3 === 2 ? z0 : 0)));
  // prettier-ignore
  const indices = new Uint32Array([0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 1, 2, 6, 1, 6, 5, 2, 3, 7, 2, 7, 6, 3, 0, 4, 3, 4, 7]);
  return { positions, indices };
};

describe('ItemModel', () => {
  it('draws each part in its slot’s colour and repaints when the page sets colours', () => {
    const item = new ItemModel();
    item.update([{ ...cube(0, 0), colourSlot: 0 }, { ...cube(2, 1), colourSlot: 1 }]);
    expect(item.partColours).toEqual([PREVIEW_SLOT_HEX[0], PREVIEW_SLOT_HEX[1]]);
    item.setColours(['#ff0000', '#00ff00']);
    expect(item.partColours).toEqual(['#ff0000', '#00ff00']);
    const box = item.boundingBox!;
    expect([box.min.x, box.min.z, box.max.x, box.max.z]).toEqual([0, 0, 3, 2]);
    item.dispose();
  });

  it('keeps chosen colours across updates and drops parts no longer there', () => {
    const item = new ItemModel();
    item.setColours(['#123456', '#abcdef']);
    item.update([{ ...cube(0, 0), colourSlot: 0 }, { ...cube(2, 1), colourSlot: 1 }]);
    expect(item.partCount).toBe(2);
    item.update([{ ...cube(0, 0), colourSlot: 0 }]);
    expect(item.partCount).toBe(1);
    expect(item.object.children).toHaveLength(1);
    expect(item.partColours).toEqual(['#123456']);
    item.dispose();
  });
});
