// A thin outline of the part's bounding box, whose edges the overall dimensions describe.
// The box is updated in place: one geometry for the life of the scene.
import { Box3, Box3Helper, Color, Vector3 } from 'three';

export class BoundsBox {
  private readonly box = new Box3();
  readonly object: Box3Helper;

  constructor(color = 0xe2673a) {
    this.object = new Box3Helper(this.box, new Color(color));
    this.object.visible = false;
  }

  /** A part of size [x, y, z] centred on x = y = 0 and resting on z = 0. */
  update([x, y, z]: readonly number[]): void {
    this.box.set(new Vector3(-x / 2, -y / 2, 0), new Vector3(x / 2, y / 2, z));
    this.object.visible = true;
  }

  dispose(): void {
    this.object.removeFromParent();
    this.object.dispose();
  }
}
