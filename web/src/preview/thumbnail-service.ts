// Thumbnails by (design, params): built in the mesh worker, drawn by the shared off-screen
// renderer, cached for the session so the catalogue and dashboard render each one once.
// Rendered in the browser rather than at build time because shop jobs and saved
// configurations carry customers' own parameters, which no build step can know.
import { canonicalJson } from '../../../functions/mesh/hash.ts';
import type { Params } from '../../../functions/designs/types.ts';
import { ThumbnailRenderer } from '../three/ThumbnailRenderer.ts';
import type { MeshWorkerClient } from './mesh-worker-client.ts';

export class ThumbnailService {
  private renderer: ThumbnailRenderer | undefined;
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly worker: MeshWorkerClient) {}

  /** A PNG data URL of the design built with `params`. */
  picture(designId: string, params: Params): Promise<string> {
    const key = `${designId}:${canonicalJson(params)}`;
    let cached = this.cache.get(key);
    if (!cached) {
      cached = this.draw(key, designId, params);
      cached.catch(() => this.cache.delete(key)); // let a later view retry
      this.cache.set(key, cached);
    }
    return cached;
  }

  private async draw(key: string, designId: string, params: Params): Promise<string> {
    const result = await this.worker.build(`thumb:${key}`, designId, params);
    if (result.type === 'built') {
      this.renderer ??= new ThumbnailRenderer();
      return this.renderer.render(result.positions, result.indices, result.parts);
    }
    if (result.type === 'invalid') throw new Error(result.errors.map((e) => e.message).join('; '));
    if (result.type === 'failed') throw new Error(result.message);
    throw new Error('The picture was replaced by a newer one.');
  }

  dispose(): void {
    this.renderer?.dispose();
    this.renderer = undefined;
    this.cache.clear();
  }
}
