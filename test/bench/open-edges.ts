// Counts open edges the way a slicer would meet them: polygons split into triangles, vertices
// welded by their float32 position (what an STL stores), and every edge not shared by exactly
// two triangles counted. Triangles that weld down to a segment are dropped, as slicers do.
import { geometries, type Geom3 } from '../../functions/mesh/jscad.ts';
import type { Mesh } from '../../functions/mesh/types.ts';

const { geom3 } = geometries;

type Point = ArrayLike<number>;

const countEdges = (triangles: Iterable<[Point, Point, Point]>): number => {
  const ids = new Map<string, number>();
  const idOf = (p: Point): number => {
    const key = `${Math.fround(p[0])},${Math.fround(p[1])},${Math.fround(p[2])}`;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const uses = new Map<string, number>();
  for (const [a, b, c] of triangles) {
    const [i, j, k] = [idOf(a), idOf(b), idOf(c)];
    if (i === j || j === k || i === k) continue;
    for (const [u, v] of [[i, j], [j, k], [k, i]]) {
      const key = u < v ? `${u},${v}` : `${v},${u}`;
      uses.set(key, (uses.get(key) ?? 0) + 1);
    }
  }
  let open = 0;
  for (const count of uses.values()) if (count !== 2) open++;
  return open;
};

/** Open edges of a JSCAD solid; its polygons are convex, so a fan splits each one. */
export const openEdgesOfGeom3 = (geom: Geom3): number =>
  countEdges(
    (function* () {
      for (const polygon of geom3.toPolygons(geom)) {
        const v = polygon.vertices as unknown as Point[];
        for (let i = 1; i + 1 < v.length; i++) yield [v[0], v[i], v[i + 1]] as [Point, Point, Point];
      }
    })(),
  );

/** Open edges of an indexed mesh, by the same rule (a sanity check: manifold output gives 0). */
export const openEdgesOfMesh = ({ positions: p, indices }: Mesh): number =>
  countEdges(
    (function* () {
      const at = (i: number): Point => p.subarray(i * 3, i * 3 + 3);
      for (let t = 0; t < indices.length; t += 3) yield [at(indices[t]), at(indices[t + 1]), at(indices[t + 2])] as [Point, Point, Point];
    })(),
  );
