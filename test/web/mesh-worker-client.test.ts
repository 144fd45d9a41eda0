// The page side of the worker: the newest request of a lane wins even when answers arrive
// out of order, lanes are independent, and a crashed worker rejects every waiting request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MeshWorkerClient } from '../../web/src/preview/mesh-worker-client.ts';
import type { BuildRequest, BuildResponse } from '../../web/src/worker/protocol.ts';

class FakeWorker {
  static last: FakeWorker;
  readonly sent: BuildRequest[] = [];
  readonly listeners = new Map<string, (event: unknown) => void>();
  terminated = false;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(message: BuildRequest) {
    this.sent.push(message);
  }
  addEventListener(type: string, listener: (event: unknown) => void) {
    this.listeners.set(type, listener);
  }
  terminate() {
    this.terminated = true;
  }
  answer(message: BuildResponse) {
    this.listeners.get('message')!({ data: message });
  }
}

const built = (id: number): BuildResponse => {
  const positions = new Float32Array(9);
  const indices = new Uint32Array([0, 1, 2]);
  const parts = [{ role: 'body', label: 'Body', colourSlot: 0, positions, indices }];
  return { type: 'built', id, positions, indices, parts, size: [1, 1, 1], triangles: 1, volume: 0, buildMs: 1 };
};

describe('MeshWorkerClient', () => {
  const original = (globalThis as { Worker?: unknown }).Worker;
  beforeEach(() => {
    (globalThis as { Worker?: unknown }).Worker = FakeWorker;
  });
  afterEach(() => {
    (globalThis as { Worker?: unknown }).Worker = original;
  });

  it('drops an answer that arrives after a newer request on the same lane', async () => {
    const client = new MeshWorkerClient();
    const older = client.build('preview', 'name-tag', { thickness: 2 });
    const newer = client.build('preview', 'name-tag', { thickness: 3 });
    const worker = FakeWorker.last;
    const [first, second] = worker.sent;
    worker.answer(built(second.id));
    worker.answer(built(first.id)); // a slow old build finishing last
    expect((await newer).type).toBe('built');
    expect((await older).type).toBe('stale');
  });

  it('keeps lanes independent', async () => {
    const client = new MeshWorkerClient();
    const a = client.build('thumb:a', 'name-tag', {});
    const b = client.build('thumb:b', 'name-tag', {});
    const worker = FakeWorker.last;
    for (const request of worker.sent) worker.answer(built(request.id));
    expect([(await a).type, (await b).type]).toEqual(['built', 'built']);
  });

  it('rejects every waiting request when the worker fails, and starts a fresh one next time', async () => {
    const client = new MeshWorkerClient();
    const pending = client.build('preview', 'name-tag', {});
    const crashed = FakeWorker.last;
    crashed.listeners.get('error')!({ message: 'boom', preventDefault: () => undefined });
    await expect(pending).rejects.toThrow(/could not start \(boom\)/);
    expect(crashed.terminated).toBe(true);
    void client.build('preview', 'name-tag', {});
    expect(FakeWorker.last).not.toBe(crashed);
  });
});
