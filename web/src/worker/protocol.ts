// Messages between the page and the mesh worker. A request names a lane: within a lane only
// the newest request matters (the configurator's live preview is one lane); thumbnails each
// get their own lane so they never displace one another.
import type { FieldError } from '../../../functions/designs/validate.ts';
import type { Params } from '../../../functions/designs/types.ts';
import type { PartInfo, Vec3 } from '../../../functions/mesh/types.ts';

export interface BuildRequest {
  type: 'build';
  id: number;
  lane: string;
  designId: string;
  params: Params;
}

/** One part of the item in the item's frame, to draw in its slot's colour. */
export interface BuiltPart extends PartInfo {
  positions: Float32Array;
  indices: Uint32Array;
}

export interface BuiltMesh {
  type: 'built';
  id: number;
  /** The whole item (the union of its parts). */
  positions: Float32Array;
  indices: Uint32Array;
  /** Each part; a single-part item has one ('body', slot 0) sharing the whole's arrays. */
  parts: BuiltPart[];
  size: Vec3;
  triangles: number;
  volume: number;
  /** Time spent in build() + manifold-3d + measuring, inside the worker. */
  buildMs: number;
}

export type BuildResponse =
  | BuiltMesh
  | { type: 'invalid'; id: number; errors: FieldError[] }
  | { type: 'failed'; id: number; message: string }
  /** A newer request on the same lane replaced this one before it was built. */
  | { type: 'stale'; id: number };

/** The lane of the configurator's live preview; the worker serves it before thumbnails. */
export const PREVIEW_LANE = 'preview';
