// The configurator's 3D view: renderer, camera with orbit controls, lights, build plate,
// the part and its bounding box. Renders on demand (a change, a resize, a camera move)
// rather than every frame, which keeps phones cool. init / animate / onResize / dispose.
import { Color, DirectionalLight, HemisphereLight, PerspectiveCamera, Scene, WebGLRenderer } from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { BoundsBox } from './BoundsBox.ts';
import { BuildPlate } from './BuildPlate.ts';
import { fitCamera } from './fit-camera.ts';
import { PartModel } from './PartModel.ts';

export class PreviewScene {
  readonly canvas: HTMLCanvasElement;
  private renderer!: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(35, 1, 0.5, 5000);
  private controls!: OrbitControls;
  private readonly plate = new BuildPlate();
  private readonly part = new PartModel();
  private readonly bounds = new BoundsBox();
  private readonly hemisphere = new HemisphereLight(0xffffff, 0x7d8794, 1.4);
  private readonly sun = new DirectionalLight(0xffffff, 1.8);
  private observer: ResizeObserver | undefined;
  private frame = 0;
  private fitted = false;
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

  /** Shows a new mesh of overall size [x, y, z]; frames it the first time. */
  show(positions: Float32Array, indices: Uint32Array, size: readonly number[]): void {
    this.part.update(positions, indices);
    this.bounds.update(size);
    if (!this.fitted) this.fitView();
    this.requestRender();
  }

  /** Frames the part (or the plate centre before there is one). */
  fitView(): void {
    const sphere = this.part.boundingSphere;
    if (!sphere) return;
    this.fitted = true;
    this.controls.target.copy(fitCamera(this.camera, sphere));
    this.controls.update();
    this.requestRender();
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
