// A print bed under the part: a plate with a 10 mm grid, so size reads at a glance.
// The part rests on z = 0; the plate sits a hair below to avoid z-fighting.
import { Group, GridHelper, Mesh, MeshStandardMaterial, PlaneGeometry } from 'three';

export class BuildPlate {
  readonly object = new Group();
  private readonly plate: Mesh<PlaneGeometry, MeshStandardMaterial>;
  private readonly grid: GridHelper;

  /** @param size edge length of the square bed in mm; @param cell grid spacing in mm. */
  constructor(size = 220, cell = 10) {
    this.plate = new Mesh(new PlaneGeometry(size, size), new MeshStandardMaterial({ color: 0xeef0f3, roughness: 0.95, metalness: 0 }));
    this.plate.position.z = -0.3;
    this.grid = new GridHelper(size, size / cell, 0x6f7987, 0x9fa8b5);
    this.grid.rotation.x = Math.PI / 2;
    this.grid.position.z = -0.15;
    this.object.add(this.plate, this.grid);
    this.object.name = 'build-plate';
  }

  dispose(): void {
    this.object.removeFromParent();
    this.plate.geometry.dispose();
    this.plate.material.dispose();
    this.grid.dispose();
  }
}
