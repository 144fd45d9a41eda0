// The size of each part in a 3MF or STL, read before slicing to check it against the profile's
// printable volume (the slicer places parts itself, so only their sizes matter, not positions).
// Light on purpose: bounding boxes only, no welding or checks; undefined when the file cannot be
// read this way (the slicer then has the last word).
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

export type Size3 = [number, number, number];

interface Box {
  min: Size3;
  max: Size3;
}

const empty = (): Box => ({ min: [Infinity, Infinity, Infinity], max: [-Infinity, -Infinity, -Infinity] });

const grow = (box: Box, x: number, y: number, z: number): void => {
  const p = [x, y, z];
  for (let k = 0; k < 3; k++) {
    if (p[k] < box.min[k]) box.min[k] = p[k];
    if (p[k] > box.max[k]) box.max[k] = p[k];
  }
};

const sizeOf = (box: Box): Size3 | undefined =>
  box.min.every(Number.isFinite) ? [box.max[0] - box.min[0], box.max[1] - box.min[1], box.max[2] - box.min[2]] : undefined;

/** 3MF transform "m00 m01 m02 m10 m11 m12 m20 m21 m22 m30 m31 m32" (row vectors) applied to a box's corners. */
const transformBox = (box: Box, transform: string | undefined): Box => {
  const m = transform?.trim().split(/\s+/).map(Number);
  if (!m || m.length !== 12 || !m.every(Number.isFinite)) return box;
  const out = empty();
  for (const x of [box.min[0], box.max[0]]) {
    for (const y of [box.min[1], box.max[1]]) {
      for (const z of [box.min[2], box.max[2]]) {
        grow(out, x * m[0] + y * m[3] + z * m[6] + m[9], x * m[1] + y * m[4] + z * m[7] + m[10], x * m[2] + y * m[5] + z * m[8] + m[11]);
      }
    }
  }
  return out;
};

const UNIT_MM: Record<string, number> = { micron: 0.001, millimeter: 1, centimeter: 10, inch: 25.4, foot: 304.8, meter: 1000 };

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Sizes of the build items of a 3MF package, in mm. */
export const threeMfPartSizes = (bytes: Uint8Array): Size3[] | undefined => {
  const entries = unzipSync(bytes, { filter: (file) => file.name.toLowerCase().endsWith('.model') });
  const boxes = new Map<string, Box>();
  const items: { objectId: string; transform?: string }[] = [];
  let scale = 1;
  for (const [name, data] of Object.entries(entries)) {
    const xml = strFromU8(data);
    const isRoot = name.toLowerCase() === '3d/3dmodel.model';
    if (isRoot) scale = UNIT_MM[/<model[^>]*\sunit="([^"]+)"/.exec(xml)?.[1] ?? 'millimeter'] ?? 1;
    for (const object of xml.matchAll(/<object\b([^>]*)>([\s\S]*?)<\/object>/g)) {
      const id = attr(object[1], 'id');
      if (!id) continue;
      const box = empty();
      for (const v of object[2].matchAll(/<vertex\b[^>]*?\sx="([^"]+)"[^>]*?\sy="([^"]+)"[^>]*?\sz="([^"]+)"/g)) {
        grow(box, Number(v[1]), Number(v[2]), Number(v[3]));
      }
      for (const c of object[2].matchAll(/<component\b([^>]*)\/?>/g)) {
        const part = boxes.get(attr(c[1], 'objectid') ?? '');
        if (!part) continue;
        const moved = transformBox(part, attr(c[1], 'transform'));
        grow(box, ...moved.min);
        grow(box, ...moved.max);
      }
      if (isRoot || !boxes.has(id)) boxes.set(id, box);
    }
    if (isRoot) {
      for (const item of xml.matchAll(/<item\b([^>]*)\/?>/g)) {
        const objectId = attr(item[1], 'objectid');
        if (objectId) items.push({ objectId, transform: attr(item[1], 'transform') });
      }
    }
  }
  const sizes: Size3[] = [];
  for (const item of items) {
    const box = boxes.get(item.objectId);
    const size = box && sizeOf(transformBox(box, item.transform));
    if (size) sizes.push(size.map((v) => v * scale) as Size3);
  }
  return sizes.length ? sizes : undefined;
};

/** Size of a binary or ASCII STL, in mm. */
export const stlPartSize = (bytes: Uint8Array): Size3 | undefined => {
  const box = empty();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = bytes.length >= 84 ? view.getUint32(80, true) : -1;
  if (count >= 0 && bytes.length === 84 + count * 50) {
    for (let t = 0; t < count; t++) {
      for (let v = 0; v < 3; v++) {
        const at = 84 + t * 50 + 12 + v * 12;
        grow(box, view.getFloat32(at, true), view.getFloat32(at + 4, true), view.getFloat32(at + 8, true));
      }
    }
  } else {
    for (const v of strFromU8(bytes).matchAll(/vertex\s+(\S+)\s+(\S+)\s+(\S+)/g)) grow(box, Number(v[1]), Number(v[2]), Number(v[3]));
  }
  return sizeOf(box);
};

/** The size of each part in a .3mf or .stl file; undefined when it cannot be read this way. */
export const readPartSizes = async (path: string): Promise<Size3[] | undefined> => {
  try {
    const bytes = await readFile(path);
    const ext = extname(path).toLowerCase();
    if (ext === '.3mf') return threeMfPartSizes(bytes);
    if (ext === '.stl') {
      const size = stlPartSize(bytes);
      return size && [size];
    }
    return undefined;
  } catch {
    return undefined;
  }
};
