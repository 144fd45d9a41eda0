// What every view gets: the API client, the shared mesh worker and thumbnail service, the
// browser-only memory, navigation, and a one-shot message from the previous view.
import type { ApiClient } from './api/client.ts';
import type { MeshWorkerClient } from './preview/mesh-worker-client.ts';
import type { ThumbnailService } from './preview/thumbnail-service.ts';
import type { LocalMemory } from './state/local-memory.ts';

export interface AppContext {
  api: ApiClient;
  worker: MeshWorkerClient;
  thumbnails: ThumbnailService;
  memory: LocalMemory;
  /** Goes to a hash route, e.g. `#/shop`. */
  navigate(hash: string): void;
  /** Set by the order form so the order page can greet a brand-new order once. */
  flash: { justOrdered?: string };
}
