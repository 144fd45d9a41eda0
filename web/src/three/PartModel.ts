// The customer's part in the scene. Each update replaces the geometry and disposes the old
// one at once, so dragging a slider for a minute does not pile up GPU buffers.
import { BufferGeometry, Mesh, MeshStandardMaterial, type Sphere } from 'three';
import { meshGeometry } from './mesh-geometry.ts';

export class PartModel {
  readonly object: Mesh<BufferGeometry, MeshStandardMaterial>;

  constructor(color = 0x2c6fbb) {
    const material = new MeshStandardMaterial({ color, roughness: 0.55, metalness: 0.05, flatShading: true });
    this.object = new Mesh(new BufferGeometry(), material);
    this.object.visible = false;
  }

  /** Shows a new mesh; the previous geometry is freed. */
  update(positions: Float32Array, indices: Uint32Array): void {
    const previous = this.object.geometry;
    this.object.geometry = meshGeometry(positions, indices);
    this.object.visible = true;
    previous.dispose();
  }

  get boundingSphere(): Sphere | null {
    return this.object.geometry.boundingSphere;
  }

  dispose(): void {
    this.object.removeFromParent();
    this.object.geometry.dispose();
    this.object.material.dispose();
  }
}
