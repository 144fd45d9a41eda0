// Starts a bundled Lambda handler in a worker thread (lambda-host.mjs) and invokes it with
// API Gateway events. A worker gives the bundle Node's native ESM loader and its own
// process.env, exactly what the Lambda runtime gives it, inside the test process.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HttpApiEvent, HttpApiResult } from './apigw-event.ts';

export interface LambdaRunner {
  /** import.meta keys seen in the worker: Node's own loader adds no test-runner keys (env, glob). */
  importMetaKeys: string[];
  invoke: (event: HttpApiEvent) => Promise<HttpApiResult>;
  close: () => Promise<void>;
}

type Reply = { ready: true; importMetaKeys: string[] } | { ready: false; error: string } | { id: number; result: HttpApiResult } | { id: number; error: string };

export const startLambda = async (bundleDir: string, env: Record<string, string>, functionName = 'atelier'): Promise<LambdaRunner> => {
  const worker = new Worker(new URL('./lambda-host.mjs', import.meta.url), {
    workerData: { bundleUrl: pathToFileURL(join(bundleDir, 'index.mjs')).href, functionName },
    env: {
      ...env,
      AWS_LAMBDA_FUNCTION_NAME: functionName,
      // These machines run Node 20; the SDK's notice about its future Node 22 floor is noise.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    execArgv: [],
  });
  const pending = new Map<number, { resolve: (r: HttpApiResult) => void; reject: (e: Error) => void }>();
  let next = 0;
  const importMetaKeys = await new Promise<string[]>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: Reply) => {
      if ('ready' in message) {
        if (message.ready) resolve(message.importMetaKeys);
        else reject(new Error(`bundle failed to load: ${message.error}`));
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if ('result' in message) waiter?.resolve(message.result);
      else waiter?.reject(new Error(message.error));
    });
  });
  return {
    importMetaKeys,
    invoke: (event) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, event });
      }),
    close: async () => {
      await worker.terminate();
    },
  };
};
