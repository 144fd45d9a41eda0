// The one mesh type every part of Atelier exchanges: welded triangles in millimetres.

/** A 3-vector [x, y, z] in millimetres. */
export type Vec3 = [number, number, number];

/** Axis-aligned bounding box. */
export interface BoundingBox {
  min: Vec3;
  max: Vec3;
}

/**
 * An indexed triangle mesh: `positions` holds x, y, z per vertex, `indices` three
 * vertex indices per triangle, counter-clockwise seen from outside.
 */
export interface Mesh {
  positions: Float32Array;
  indices: Uint32Array;
}

/** What a shop and a customer are told about a mesh. */
export interface Measurements {
  bbox: BoundingBox;
  /** Size of the bounding box, [x, y, z] in mm. */
  size: Vec3;
  /** Enclosed volume in mm³. */
  volume: number;
  /** Surface area in mm². */
  surfaceArea: number;
  triangleCount: number;
}

/** What names one printed part of an item: its role, a label for people, its filament. */
export interface PartInfo {
  /** Stable key, unique within an item: 'body' for a single-part item, else e.g. 'base', 'letters'. */
  role: string;
  /** Shown to customers and shops, e.g. "Letters". */
  label: string;
  /** Which filament prints it: 0 is the first (the only one for single-colour items). */
  colourSlot: number;
}

/** One part of an item with its own measurements (the item's `measurements` cover the whole). */
export interface PartSummary extends PartInfo {
  measurements: Measurements;
}

/** The role, label and slot a single-part item's one body has. */
export const SINGLE_PART: PartInfo = { role: 'body', label: 'Body', colourSlot: 0 };
