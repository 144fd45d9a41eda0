// Turns a kernel mesh (welded, indexed, z-up millimetres) into a three.js BufferGeometry.
// No normals: materials use flat shading, which derives them per pixel, so sharp edges stay sharp.
import { BufferAttribute, BufferGeometry } from 'three';

export const meshGeometry = (positions: Float32Array, indices: Uint32Array): BufferGeometry => {
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setIndex(new BufferAttribute(indices, 1));
  geometry.computeBoundingBox();
  geometry.computeBoundingSphere();
  return geometry;
};
