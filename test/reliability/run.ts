// `npm run reliability`: the long runs behind the reliability figures. Runs every scenario at
// full size, prints one table of figures, and writes it (with the access matrix and any
// violations) to test-artifacts/reliability.md or the path given with --out.
//   npm run reliability                      all eight areas
//   npm run reliability -- --only=fuzz,races  some of them
//   npm run reliability -- --out=/tmp/r.md    elsewhere
// Exits 1 when a promise did not hold.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { execSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { runAccess } from './access.ts';
import { runCrash } from './crash.ts';
import { runDependencies } from './dependencies.ts';
import { runFuzz } from './fuzz.ts';
import { runLimits } from './limits.ts';
import { runPrivacy } from './privacy.ts';
import { runRaces } from './races.ts';
import { Findings, renderTable, type Figure, type ScenarioResult } from './report.ts';
import { runRetries } from './retries.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = arg('only')?.split(',');
const out = resolve(arg('out') ?? 'test-artifacts/reliability.md');

/** API Gateway's stage throttling, as the stack declares it (read, not deployed). */
const gatewayThrottle = async (): Promise<ScenarioResult> => {
  const f = new Findings('6 Abuse limits');
  const { DEFAULT_OPTIONS } = await import('../../infra/atelier.ts');
  f.figure('AWS: API Gateway stage throttle, all routes together (rate / burst)', `${DEFAULT_OPTIONS.throttle.rateLimit}/s / ${DEFAULT_OPTIONS.throttle.burstLimit}`);
  f.figure('AWS: POST /api/quotes route throttle (rate / burst)', `${DEFAULT_OPTIONS.quoteThrottle.rateLimit}/s / ${DEFAULT_OPTIONS.quoteThrottle.burstLimit}`);
  return f;
};

const SCENARIOS: [string, () => Promise<ScenarioResult & { matrix?: string }>][] = [
  ['fuzz', () => runFuzz({ requests: 10_000, transport: 'socket' })],
  ['races', () => runRaces({ shops: 50, jobs: 1_000, contenders: 10, statusJobs: 200 })],
  ['crash', () => runCrash({ cycles: 3, loadMs: 5_000, workers: 8 })],
  ['retries', () => runRetries({ keys: 100, attemptsPerKey: 10, jobs: 20 })],
  ['access', () => runAccess()],
  ['limits', () => runLimits()],
  ['throttle', () => gatewayThrottle()],
  ['privacy', () => runPrivacy()],
  ['dependencies', () => runDependencies({ hang: true })],
];

const figures: Figure[] = [];
const violations: { area: string; message: string }[] = [];
const failed = new Set<string>();
let matrix = '';
const started = performance.now();
for (const [name, run] of SCENARIOS) {
  if (only && !only.includes(name)) continue;
  const t = performance.now();
  process.stderr.write(`${name}… `);
  try {
    const result = await run();
    figures.push(...result.figures);
    if (result.matrix) matrix = result.matrix;
    const area = result.figures[0]?.area ?? name;
    for (const message of result.violations) violations.push({ area, message });
    if (result.violations.length) failed.add(area);
    process.stderr.write(`${((performance.now() - t) / 1000).toFixed(1)} s, ${result.violations.length} violations\n`);
  } catch (error) {
    violations.push({ area: name, message: `the scenario failed: ${(error as Error).stack ?? error}` });
    failed.add(name);
    process.stderr.write(`failed: ${(error as Error).message}\n`);
  }
}

const commit = (() => {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const table = renderTable(figures, failed);
const header = [
  '# Atelier reliability run',
  '',
  `${new Date().toISOString()} · commit ${commit} · Node ${process.version} · ${cpus().length} CPUs · load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} · ${((performance.now() - started) / 1000).toFixed(0)} s`,
  '',
  '',
].join('\n');
const report = [
  header,
  table,
  matrix ? `\n## Access matrix (status per route and caller)\n\n${matrix}\n` : '',
  violations.length ? `\n## Violations (${violations.length})\n\n${violations.map((v) => `- ${v.area}: ${v.message.replaceAll('\n', ' ')}`).join('\n')}\n` : '\n## Violations\n\nnone\n',
].join('');
await mkdir(dirname(out), { recursive: true });
await writeFile(out, report);
process.stdout.write(`${report}\nWritten to ${out}\n`);
process.exit(violations.length ? 1 : 0);
