// Loads the manifold-3d WASM module once per process (Lambda warm starts, the browser
// worker) and hands out the same instance to every caller.
import Module from 'manifold-3d';
import type { ManifoldToplevel } from 'manifold-3d';

let loading: Promise<ManifoldToplevel> | undefined;

/** Options for hosts that must say where the .wasm file lives (bundled Lambda code). */
export interface RuntimeOptions {
  locateFile?: () => string;
  wasmBinary?: ArrayBuffer | Uint8Array;
}

/**
 * Returns the shared manifold-3d instance, loading it on first use.
 * @example const wasm = await loadManifold(); const cube = wasm.Manifold.cube([1, 1, 1]);
 */
export const loadManifold = (options: RuntimeOptions = {}): Promise<ManifoldToplevel> => {
  loading ??= (Module as unknown as (o: RuntimeOptions) => Promise<ManifoldToplevel>)(options).then(
    (wasm) => {
      wasm.setup();
      return wasm;
    },
    (error: unknown) => {
      // A failed load (e.g. the .wasm briefly unreadable) must not break every later build.
      loading = undefined;
      throw error;
    },
  );
  return loading;
};
