// A `design check` report as text a designer can act on: figures first, then each finding
// with the fastest route to fix it.
import type { CheckReport } from './check.ts';
import { FIX } from './findings.ts';

export const formatReport = (report: CheckReport): string => {
  const lines = [`design ${report.designId}: ${report.sampled} random valid configurations built`];
  if (report.sweep) lines.push(`  build time over the sweep: p50 ${report.sweep.p50.toFixed(1)} ms, p95 ${report.sweep.p95.toFixed(1)} ms`);
  if (report.largest)
    lines.push(`  at the largest params (${report.largest.runs} runs, ${report.largest.triangles} triangles): p50 ${report.largest.p50.toFixed(1)} ms, p95 ${report.largest.p95.toFixed(1)} ms`);
  if (report.findings.length === 0) {
    lines.push('  0 findings');
    return lines.join('\n');
  }
  lines.push(`  ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}:`);
  report.findings.forEach((f, i) => {
    lines.push(`  ${i + 1}. [${f.kind}]${f.param ? ` ${f.param}:` : ''} ${f.message}`, `     fix: ${FIX[f.kind]}`);
  });
  return lines.join('\n');
};
