// Part sizes read before slicing: 3MF (units, build-item transforms, components) and STL (binary,
// ASCII); undefined for what cannot be read this way.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { stlPartSize, threeMfPartSizes } from '../../../functions/agent/slicing/part-size.ts';
import { writeStl } from '../../../functions/mesh/stl.ts';
import { write3mf } from '../../../functions/mesh/threemf.ts';
import { boxMesh } from './support.ts';

/** A 3MF package with the given model XML. */
const package3mf = (model: string): Uint8Array =>
  zipSync({ '[Content_Types].xml': strToU8('<Types/>'), '_rels/.rels': strToU8('<Relationships/>'), '3D/3dmodel.model': strToU8(model) });

const cubeObject = (id: number, size: number) =>
  `<object id="${id}" type="model"><mesh><vertices>` +
  `<vertex x="0" y="0" z="0"/><vertex x="${size}" y="0" z="0"/><vertex x="0" y="${size}" z="0"/><vertex x="0" y="0" z="${size}"/>` +
  `</vertices><triangles><triangle v1="0" v2="1" v3="2"/></triangles></mesh></object>`;

describe('threeMfPartSizes', () => {
  it('reads the size of a 3MF written by the mesh code', () => {
    const sizes = threeMfPartSizes(write3mf(boxMesh(59.5, 15, 4)));
    expect(sizes).toHaveLength(1);
    expect(sizes![0][0]).toBeCloseTo(59.5, 4);
    expect(sizes![0][1]).toBeCloseTo(15, 4);
    expect(sizes![0][2]).toBeCloseTo(4, 4);
  });

  it('applies the unit and the build item transform (a 90° turn about Z, scaled ×2)', () => {
    const model = `<model unit="centimeter"><resources>${cubeObject(1, 1)}</resources>` +
      `<build><item objectid="1" transform="0 2 0 -2 0 0 0 0 2 5 5 0"/></build></model>`;
    expect(threeMfPartSizes(package3mf(model))).toEqual([[20, 20, 20]]);
  });

  it('sizes an object made of components, one size per build item', () => {
    const model = `<model><resources>${cubeObject(1, 10)}` +
      `<object id="2"><components><component objectid="1"/><component objectid="1" transform="1 0 0 0 1 0 0 0 1 30 0 0"/></components></object>` +
      `</resources><build><item objectid="2"/><item objectid="1"/></build></model>`;
    expect(threeMfPartSizes(package3mf(model))).toEqual([[40, 10, 10], [10, 10, 10]]);
  });

  it('has nothing to say about a package without build items', () => {
    expect(threeMfPartSizes(package3mf(`<model><resources>${cubeObject(1, 1)}</resources><build/></model>`))).toBeUndefined();
  });
});

describe('stlPartSize', () => {
  it('reads a binary STL', () => {
    const size = stlPartSize(writeStl(boxMesh(230, 20, 2)));
    expect(size![0]).toBeCloseTo(230, 3);
    expect(size![1]).toBeCloseTo(20, 3);
    expect(size![2]).toBeCloseTo(2, 3);
  });

  it('reads an ASCII STL', () => {
    const ascii = 'solid t\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 12.5 0 0\nvertex 0 8 3e0\nendloop\nendfacet\nendsolid t\n';
    expect(stlPartSize(strToU8(ascii))).toEqual([12.5, 8, 3]);
  });

  it('is undefined for something else', () => {
    expect(stlPartSize(strToU8('hello'))).toBeUndefined();
  });
});
