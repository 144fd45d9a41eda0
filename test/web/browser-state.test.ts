// What the browser keeps and how links carry settings: share links round-trip through the
// shared validator, localStorage holds configurations once each and orders by id, and a
// configuration reads in the schema's own words.
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, findDesign, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import { defaultParams, validateParams } from '../../functions/designs/validate.ts';
import { describeParams } from '../../web/src/params-text.ts';
import { LocalMemory } from '../../web/src/state/local-memory.ts';
import { designHash, paramsFromQuery } from '../../web/src/state/share-link.ts';

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const queryOf = (hash: string) => new URLSearchParams(hash.split('?')[1] ?? '');

describe('share links', () => {
  beforeAll(prepareCatalogue);
  it.each(catalogue.map((d) => [d.id, d] as const))('%s: the link restores exactly the validated params', (_, design) => {
    const params = defaultParams(design);
    const hash = designHash(design.id, params);
    expect(hash.startsWith(`#/design/${design.id}`)).toBe(true);
    const restored = validateParams(design, paramsFromQuery(design, queryOf(hash)));
    expect(restored).toEqual({ ok: true, params });
  });

  it('keeps text that looks like a number as text, and leaves non-numbers to the validator', () => {
    const tag = findDesign('name-tag')!;
    const raw = paramsFromQuery(tag, new URLSearchParams('text=2024&letterHeight=big&unknown=1'));
    expect(raw).toEqual({ text: '2024', letterHeight: 'big' });
    const result = validateParams(tag, raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.field, e.code])).toEqual([['letterHeight', 'type']]);
  });

  it('encodes text with spaces and symbols', () => {
    const tag = findDesign('name-tag')!;
    const params = { ...defaultParams(tag), text: 'A&B #1' };
    expect(paramsFromQuery(tag, queryOf(designHash('name-tag', params))).text).toBe('A&B #1');
  });
});

describe('LocalMemory', () => {
  it('remembers a configuration once, newest first, whatever the key order', () => {
    const memory = new LocalMemory(new MemoryStorage());
    memory.rememberConfiguration({ designId: 'name-tag', designName: 'Name tag', params: { text: 'A', thickness: 3 }, savedAt: 1 });
    memory.rememberConfiguration({ designId: 'name-tag', designName: 'Name tag', params: { text: 'B' }, savedAt: 2 });
    memory.rememberConfiguration({ designId: 'name-tag', designName: 'Name tag', params: { thickness: 3, text: 'A' }, savedAt: 3 });
    expect(memory.configurations().map((c) => [c.params.text, c.savedAt])).toEqual([['A', 3], ['B', 2]]);
    memory.forgetConfiguration({ designId: 'name-tag', params: { text: 'B' } });
    expect(memory.configurations()).toHaveLength(1);
  });

  it('keeps orders by id and updates their last seen state', () => {
    const memory = new LocalMemory(new MemoryStorage());
    const order = { id: 'o1', token: 't', designId: 'name-tag', designName: 'Name tag', params: {}, priceCents: 100, placedAt: 1, state: 'PLACED' };
    memory.rememberOrder(order);
    memory.rememberOrder({ ...order });
    memory.updateOrderState('o1', 'SHIPPED');
    expect(memory.orders()).toEqual([{ ...order, state: 'SHIPPED' }]);
    memory.forgetOrder('o1');
    expect(memory.orders()).toEqual([]);
  });

  it('survives corrupt or missing storage', () => {
    const storage = new MemoryStorage();
    storage.setItem('atelier.orders.v1', '{not json');
    expect(new LocalMemory(storage).orders()).toEqual([]);
    const none = new LocalMemory(undefined);
    none.rememberOrder({ id: 'x', token: 't', designId: 'd', designName: 'D', params: {}, priceCents: 0, placedAt: 0, state: 'PLACED' });
    expect(none.orders()).toEqual([]);
  });
});

describe('describeParams', () => {
  it('uses the schema’s labels, units and option labels', () => {
    expect(describeParams('name-tag', { text: 'ADA', letterHeight: 8, thickness: 3, style: 'raised' })).toBe('Text “ADA” · Letter height 8 mm · Plate thickness 3 mm · Letters: Raised');
    expect(describeParams('gone', { a: 1 })).toBe('a 1');
  });
});
