// The configurator's 3D view: renderer, camera with orbit controls, lights, build plate,
// the part and its bounding box. Renders on demand (a change, a resize, a camera move)
// rather than every frame, which keeps phones cool. When the part's size changes it is
// framed again from the angle the customer is looking from. init / animate / onResize / dispose.
import { Color, DirectionalLight, HemisphereLight, PerspectiveCamera, Scene, Sphere, Vector3, WebGLRenderer } from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { BoundsBox } from './BoundsBox.ts';
import { BuildPlate } from './BuildPlate.ts';
import { fitCamera, VIEW_DIRECTION } from './fit-camera.ts';
import { ItemModel, type ItemPart } from './ItemModel.ts';

export class PreviewScene {
  readonly canvas: HTMLCanvasElement;
  private renderer!: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(35, 1, 0.5, 5000);
  private controls!: OrbitControls;
  private readonly plate = new BuildPlate();
  private readonly part = new ItemModel();
  private readonly bounds = new BoundsBox();
  private readonly hemisphere = new HemisphereLight(0xffffff, 0x7d8794, 1.4);
  private readonly sun = new DirectionalLight(0xffffff, 1.8);
  private observer: ResizeObserver | undefined;
  private frame = 0;
  private fitted = false;
  private shownSize = '';
  private frameWaiters: ((at: number) => void)[] = [];

  /** Throws when the browser has no WebGL; the caller shows a message instead. */
  constructor(private readonly container: HTMLElement) {
    this.canvas = document.createElement('canvas');
    this.init();
  }

  private init(): void {
    this.renderer = new WebGLRenderer({ canvas: this.canvas, antialias: true });
    this.renderer.setPixelRatio(Math.min(globalThis.devicePixelRatio || 1, 2));
    this.scene.background = new Color(0xf1f3f6);
    this.camera.up.set(0, 0, 1);
    this.camera.position.set(60, -100, 80);
    this.sun.position.set(120, -200, 300);
    this.scene.add(this.hemisphere, this.sun, this.plate.object, this.part.object, this.bounds.object);

    this.controls = new OrbitControls(this.camera, this.canvas);
    this.controls.enableDamping = true;
    this.controls.maxPolarAngle = Math.PI * 0.49; // stay above the plate
    this.controls.listenToKeyEvents(this.canvas);
    this.controls.addEventListener('change', this.requestRender);

    this.container.appendChild(this.canvas);
    this.observer = new ResizeObserver(this.onResize);
    this.observer.observe(this.container);
    this.onResize();
  }

  /**
   * Shows a new mesh of overall size [x, y, z]. Frames it the first time; when the size
   * changes, frames it again from the customer's current viewing angle, so a taller or
   * wider part is never cut off and a smaller one does not shrink to a speck. `parts` (from
   * the worker) draws each part in its slot's colour; without it the whole is one part.
   */
  show(positions: Float32Array, indices: Uint32Array, size: readonly number[], parts?: readonly ItemPart[]): void {
    this.part.update(parts ?? [{ positions, indices, colourSlot: 0 }]);
    this.bounds.update(size);
    const sizeKey = size.map((v) => v.toFixed(1)).join(',');
    if (!this.fitted || sizeKey !== this.shownSize) this.fitView();
    this.shownSize = sizeKey;
    this.requestRender();
  }

  /** Sets the CSS hex colour ('#rrggbb') of each filament slot (0 = first) and redraws. */
  setColours(colours: readonly string[]): void {
    this.part.setColours(colours);
    this.requestRender();
  }

  /** The colour each part is drawn in, in part order. */
  get partColours(): string[] {
    return this.part.partColours;
  }

  /** Frames the part from the current viewing angle (the default angle the first time). */
  fitView(): void {
    const box = this.part.boundingBox;
    if (!box) return;
    // The sphere around the whole bounding box, so its corners (the outline drawn) stay on the canvas too.
    const sphere = box.getBoundingSphere(new Sphere());
    this.controls.target.copy(fitCamera(this.camera, sphere, 1.08, this.fitted ? this.viewDirection() : VIEW_DIRECTION));
    this.fitted = true;
    this.controls.update();
    this.requestRender();
  }

  /** The unit vector from the point looked at towards the camera. */
  viewDirection(): Vector3 {
    return this.camera.position.clone().sub(this.controls.target).normalize();
  }

  /**
   * How the part sits in the picture: the largest |x| and |y| of its bounding box's corners
   * in normalized device coordinates (≤ 1 means every corner is on the canvas) and the
   * viewing direction. The tests and the bench read it.
   */
  framing(): { extent: number; direction: number[] } | null {
    const box = this.part.boundingBox;
    if (!box) return null;
    this.camera.updateMatrixWorld();
    let extent = 0;
    const corner = new Vector3();
    for (let i = 0; i < 8; i++) {
      corner.set(i & 1 ? box.max.x : box.min.x, i & 2 ? box.max.y : box.min.y, i & 4 ? box.max.z : box.min.z).project(this.camera);
      extent = Math.max(extent, Math.abs(corner.x), Math.abs(corner.y));
    }
    return { extent, direction: this.viewDirection().toArray() };
  }

  /** Crease lines drawn on the part. */
  get creaseCount(): number {
    return this.part.creaseCount;
  }

  /** GPU objects three.js holds right now; constant while the part is replaced (tests read it). */
  get gpuMemory(): { geometries: number; textures: number } {
    return { ...this.renderer.info.memory };
  }

  /** Resolves with performance.now() right after the next frame has been drawn. */
  nextFrame(): Promise<number> {
    return new Promise((resolve) => {
      this.frameWaiters.push(resolve);
      this.requestRender();
    });
  }

  readonly requestRender = (): void => {
    if (this.frame === 0) this.frame = requestAnimationFrame(this.animate);
  };

  private readonly animate = (): void => {
    this.frame = 0;
    this.controls.update(); // fires 'change' (and so another frame) while damping settles
    this.renderer.render(this.scene, this.camera);
    const framing = this.framing();
    if (framing) {
      this.container.dataset.extent = framing.extent.toFixed(3);
      this.container.dataset.direction = framing.direction.map((v) => v.toFixed(4)).join(',');
    }
    const now = performance.now();
    const waiters = this.frameWaiters;
    this.frameWaiters = [];
    for (const resolve of waiters) resolve(now);
  };

  private readonly onResize = (): void => {
    const width = Math.max(1, this.container.clientWidth);
    const height = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    if (this.fitted) this.fitView(); // a turned phone or a resized window keeps the whole part in view
    this.requestRender();
  };

  dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.observer?.disconnect();
    this.controls.removeEventListener('change', this.requestRender);
    this.controls.stopListenToKeyEvents();
    this.controls.dispose();
    this.part.dispose();
    this.plate.dispose();
    this.bounds.dispose();
    this.hemisphere.dispose();
    this.sun.dispose();
    this.renderer.dispose();
    this.renderer.forceContextLoss();
    this.canvas.remove();
    for (const resolve of this.frameWaiters) resolve(performance.now());
    this.frameWaiters = [];
  }
}
