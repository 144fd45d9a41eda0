// Entry of a mesh pool worker thread. Worker threads do not inherit the TypeScript loader of
// the process that starts them in every runner (vitest does not pass one on), so the worker
// registers tsx itself before it loads the TypeScript build code.
import { register } from 'tsx/esm/api';

register();
const { buildTask } = await import('./mesh-worker.ts');

export default buildTask;
