// Small 2D helpers the designs share when they draw a section by its points.
import { geometries, type Geom2 } from '../mesh/jscad.ts';

/** Snaps float noise (cos(π/2) = 6e-17) to 0, so mirrored points are exactly equal. */
export const exact = (value: number): number => (Math.abs(value) < 1e-12 ? 0 : value);

/** The x extent and the top of a list of points. */
export const bounds = (points: [number, number][]): { minX: number; maxX: number; maxY: number } => ({
  minX: Math.min(...points.map(([x]) => x)),
  maxX: Math.max(...points.map(([x]) => x)),
  maxY: Math.max(...points.map(([, y]) => y)),
});

/**
 * A horizontal hole's section that prints without support: a circle of radius r below, a 45°
 * roof meeting at an apex r·√2 above the centre; `segments` points along the round part.
 * @example teardropSection(1.5, 12) // an M3 hole's section, apex up (+y)
 */
export const teardropSection = (r: number, segments: number): Geom2 => {
  const round = Array.from({ length: segments + 1 }, (_, i) => {
    const a = (3 * Math.PI) / 4 + ((3 * Math.PI) / 2) * (i / segments);
    return [r * Math.cos(a), r * Math.sin(a)] as [number, number];
  });
  return geometries.geom2.fromPoints([...round, [0, r * Math.SQRT2]]);
};
