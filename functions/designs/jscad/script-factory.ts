// How a committed JSCAD script is run. The script stays exactly as written for jscad.app
// (CommonJS: require('@jscad/modeling'), module.exports = { main, getParameterDefinitions }).
// `npm run design -- jscad-sync` copies its text, unchanged, into a generated TypeScript module
// as the body of a function (require, module, exports) => { ... }: a ScriptFactory.
// Why a generated module rather than a bundler alias or eval: the same designs run in vitest,
// the tsx CLI, the Lambda esbuild bundle and the browser's Vite worker, and the site's CSP has no
// 'unsafe-eval'. A plain function needs no loader, alias or plugin in any of the four, only
// committed code ever runs, and the require() we pass decides which @jscad/modeling the script
// gets: ours (booleans on manifold-3d) for orders, JSCAD's own for the comparison tests.
import type { Modeling } from './modeling-shim.ts';

export type ScriptRequire = (id: string) => unknown;
export type ScriptFactory = (require: ScriptRequire, module: { exports: unknown }, exports: unknown) => void;

/** One entry of getParameterDefinitions(), as jscad.app reads it; anything may be missing. */
export interface JscadParamDefinition {
  name?: unknown;
  type?: unknown;
  caption?: unknown;
  initial?: unknown;
  checked?: unknown;
  min?: unknown;
  max?: unknown;
  step?: unknown;
  values?: unknown;
  captions?: unknown;
  maxLength?: unknown;
  [other: string]: unknown;
}

export interface JscadScript {
  main: (params: Record<string, unknown>) => unknown;
  getParameterDefinitions: () => JscadParamDefinition[];
}

/**
 * Runs a script's top level with `modeling` as its @jscad/modeling and returns its exports.
 * @example const script = runScript(spacerScript, atelierModeling); script.main({ thickness: 3 });
 */
export const runScript = (factory: ScriptFactory, modeling: Modeling): JscadScript => {
  const module: { exports: any } = { exports: {} };
  const require: ScriptRequire = (id) => {
    if (id === '@jscad/modeling') return modeling;
    throw new Error(`a design script may require only '@jscad/modeling', not '${id}'`);
  };
  factory(require, module, module.exports);
  const { main, getParameterDefinitions } = module.exports ?? {};
  if (typeof main !== 'function') throw new Error('the script exports no main(params) function');
  return { main, getParameterDefinitions: typeof getParameterDefinitions === 'function' ? getParameterDefinitions : () => [] };
};
