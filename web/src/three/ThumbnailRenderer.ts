// Pictures of real geometry for the catalogue, saved configurations and shop jobs: one
// off-screen WebGL renderer shared by every thumbnail, returning PNG data URLs. Each
// render's geometry is disposed as soon as the picture is taken.
import { Color, DirectionalLight, HemisphereLight, PerspectiveCamera, Scene, WebGLRenderer } from 'three';
import { fitCamera } from './fit-camera.ts';
import { ItemModel, type ItemPart } from './ItemModel.ts';

export class ThumbnailRenderer {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera: PerspectiveCamera;
  private readonly hemisphere = new HemisphereLight(0xffffff, 0x7d8794, 1.4);
  private readonly sun = new DirectionalLight(0xffffff, 1.8);

  /** Throws when the browser has no WebGL. */
  constructor(width = 480, height = 360) {
    this.renderer = new WebGLRenderer({ canvas: document.createElement('canvas'), antialias: true, preserveDrawingBuffer: true });
    this.renderer.setSize(width, height, false);
    this.camera = new PerspectiveCamera(30, width / height, 0.5, 5000);
    this.camera.up.set(0, 0, 1);
    this.scene.background = new Color(0xf1f3f6);
    this.sun.position.set(120, -200, 300);
    this.scene.add(this.hemisphere, this.sun);
  }

  /** Renders one mesh (or its parts, each in its slot's colour) and returns it as a PNG data URL. */
  render(positions: Float32Array, indices: Uint32Array, parts?: readonly ItemPart[]): string {
    const part = new ItemModel();
    try {
      part.update(parts ?? [{ positions, indices, colourSlot: 0 }]);
      this.scene.add(part.object);
      fitCamera(this.camera, part.boundingSphere!, 1.05);
      this.renderer.render(this.scene, this.camera);
      return this.renderer.domElement.toDataURL('image/png');
    } finally {
      part.dispose();
    }
  }

  dispose(): void {
    this.hemisphere.dispose();
    this.sun.dispose();
    this.renderer.dispose();
    this.renderer.forceContextLoss();
  }
}
