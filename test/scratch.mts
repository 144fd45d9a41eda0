import { loadManifold } from '../functions/mesh/runtime.ts';
import { nameTag } from '../functions/designs/name-tag.ts';
import { generateMesh } from '../functions/designs/generate.ts';
const w: any = await loadManifold();
console.log(Object.keys(w).filter(k => /HEAP|memory|wasmMemory/i.test(k)));
for (let i = 0; i < 30; i++) { await generateMesh(nameTag, { text: 'LEAK' + i }); if (i % 10 == 0) console.log(w.HEAPU8?.length, w.wasmMemory?.buffer?.byteLength); }
console.log(w.HEAPU8?.length);
