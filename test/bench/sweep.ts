// Long robustness sweep: builds N random valid configurations per design (fixed seed) and
// counts contract failures. `npx tsx test/bench/sweep.ts 3000 name-tag planter ...`
import fc from 'fast-check';
import { catalogue, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import { generateValidated } from '../../functions/designs/generate.ts';
import { validParams } from '../../functions/designs/kit/arbitraries.ts';
const n = Number(process.argv[2] ?? 2000);
await prepareCatalogue();
for (const d of catalogue.filter(d => process.argv.slice(3).includes(d.id))) {
  const samples = fc.sample(validParams(d), { numRuns: n, seed: 42 });
  let fails = 0; const t0 = performance.now(); let worst = 0;
  for (const p of samples) {
    const s = performance.now();
    try { await generateValidated(d, p); } catch (e) { fails++; if (fails < 4) console.log(d.id, JSON.stringify(p), (e as Error).message); }
    worst = Math.max(worst, performance.now() - s);
  }
  console.log(d.id, 'fails', fails, '/', n, 'avg ms', ((performance.now() - t0) / n).toFixed(1), 'worst', worst.toFixed(0));
}
