// The customer's part in the scene. Each update replaces the geometry and disposes the old
// one at once, so dragging a slider for a minute does not pile up GPU buffers. Creases (an
// engraved or raised letter's walls, a chamfer) are drawn as thin dark lines, so lettering
// reads in the picture even where a letter's floor faces the same way as the face around it.
import { BufferGeometry, EdgesGeometry, LineBasicMaterial, LineSegments, Mesh, MeshStandardMaterial, type Sphere } from 'three';
import { meshGeometry } from './mesh-geometry.ts';

/** Faces meeting at more than this angle (degrees) get a line. */
const CREASE_DEGREES = 35;

export class PartModel {
  readonly object: Mesh<BufferGeometry, MeshStandardMaterial>;
  private readonly creases: LineSegments<BufferGeometry, LineBasicMaterial>;

  constructor(color: number | string = 0x2c6fbb) {
    const material = new MeshStandardMaterial({ color, roughness: 0.55, metalness: 0.05, flatShading: true, polygonOffset: true, polygonOffsetFactor: 1, polygonOffsetUnits: 1 });
    this.object = new Mesh(new BufferGeometry(), material);
    this.object.visible = false;
    this.creases = new LineSegments(new BufferGeometry(), new LineBasicMaterial({ color: 0x0d2440, transparent: true, opacity: 0.75 }));
    this.object.add(this.creases);
  }

  /** Shows a new mesh; the previous geometry (and its crease lines) are freed. */
  update(positions: Float32Array, indices: Uint32Array): void {
    const previous = this.object.geometry;
    const previousCreases = this.creases.geometry;
    this.object.geometry = meshGeometry(positions, indices);
    this.creases.geometry = new EdgesGeometry(this.object.geometry, CREASE_DEGREES);
    this.object.visible = true;
    previous.dispose();
    previousCreases.dispose();
  }

  /** Paints the part in a CSS colour ('#rrggbb'). */
  setColour(css: string): void {
    this.object.material.color.set(css);
  }

  /** Line segments drawn along creases (tests read it). */
  get creaseCount(): number {
    return (this.creases.geometry.getAttribute('position')?.count ?? 0) / 2;
  }

  get boundingSphere(): Sphere | null {
    return this.object.geometry.boundingSphere;
  }

  dispose(): void {
    this.object.removeFromParent();
    this.object.geometry.dispose();
    this.object.material.dispose();
    this.creases.geometry.dispose();
    this.creases.material.dispose();
  }
}
