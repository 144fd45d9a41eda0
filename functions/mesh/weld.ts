// Rebuilds an indexed mesh from a triangle soup (as read from STL or 3MF) by merging
// vertices whose float32 coordinates are bit-identical, the way slicers weld on import.
import type { Mesh } from './types.ts';

export const weldSoup = (soup: Float32Array): Mesh => {
  const bits = new Uint32Array(soup.buffer, soup.byteOffset, soup.length);
  const index = new Map<string, number>();
  const positions: number[] = [];
  const indices = new Uint32Array(soup.length / 3);
  for (let v = 0; v < soup.length / 3; v++) {
    const key = `${bits[v * 3]},${bits[v * 3 + 1]},${bits[v * 3 + 2]}`;
    let id = index.get(key);
    if (id === undefined) {
      id = positions.length / 3;
      index.set(key, id);
      positions.push(soup[v * 3], soup[v * 3 + 1], soup[v * 3 + 2]);
    }
    indices[v] = id;
  }
  return { positions: new Float32Array(positions), indices };
};
