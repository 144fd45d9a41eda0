// The page's side of the mesh worker: one worker for the whole app, a promise per request,
// and "the newest request wins" per lane: an answer to anything but the latest request of
// its lane resolves as stale, so a slow old build can never overwrite a newer preview.
import type { Params } from '../../../functions/designs/types.ts';
import type { BuildRequest, BuildResponse } from '../worker/protocol.ts';

type Waiter = { lane: string; resolve: (response: BuildResponse) => void; reject: (error: Error) => void };

export class MeshWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private readonly latest = new Map<string, number>();

  /** Builds `params` of a design; resolves with the mesh, field errors, a failure, or stale. */
  build(lane: string, designId: string, params: Params): Promise<BuildResponse> {
    const worker = this.start();
    const id = this.nextId++;
    this.latest.set(lane, id);
    const request: BuildRequest = { type: 'build', id, lane, designId, params };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { lane, resolve, reject });
      worker.postMessage(request);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.failAll(new Error('The preview worker was stopped.'));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../worker/mesh-worker.ts', import.meta.url), { type: 'module', name: 'atelier-mesh' });
    worker.addEventListener('message', this.onMessage);
    worker.addEventListener('error', this.onError);
    this.worker = worker;
    return worker;
  }

  private readonly onMessage = ({ data }: MessageEvent<BuildResponse>): void => {
    const waiter = this.waiting.get(data.id);
    if (!waiter) return;
    this.waiting.delete(data.id);
    waiter.resolve(this.latest.get(waiter.lane) === data.id ? data : { type: 'stale', id: data.id });
  };

  private readonly onError = (event: ErrorEvent): void => {
    event.preventDefault();
    this.worker?.terminate();
    this.worker = undefined;
    this.failAll(new Error(`The 3D preview could not start (${event.message || 'worker error'}). Reload the page to try again.`));
  };

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
