// `npm run insights`: which limits customers push against, per design, so the catalogue can
// grow toward what people actually want (counts only; no personal data is ever recorded);
// and "quoted vs actual": the quote's print time and weight against the shops' slicers.
import { findDesign } from '../designs/catalogue.ts';
import { compareQuotedToSliced, type QuotedVsSliced } from '../domain/quoted-vs-sliced.ts';
import { InsightsStore, type InsightRow } from '../store/insights.ts';
import { readSlicedJobs } from '../store/sliced-orders.ts';
import { connect } from './connect.ts';

const DIRECTION_TEXT: Record<InsightRow['direction'], string> = {
  too_small: 'below the minimum',
  too_large: 'above the maximum',
  too_long: 'longer than allowed',
  charset: 'with characters the font cannot draw',
  rule: 'refused by a rule (e.g. too long for the size)',
};

const limitOf = (row: InsightRow): string => {
  const spec = findDesign(row.designId)?.params.find((p) => p.key === row.param);
  if (!spec) return '';
  if (spec.type === 'number') return row.direction === 'too_small' ? `(min ${spec.min} ${spec.unit})` : `(max ${spec.max} ${spec.unit})`;
  if (spec.type === 'text') return `(max ${spec.maxLength} characters)`;
  return '';
};

const minutes = (seconds: number): string => `${(seconds / 60).toFixed(1)} min`;
const grams = (g: number | null): string => (g === null ? '–' : `${g.toFixed(1)} g`);
const ratio = (r: number | null): string => (r === null ? '–' : `${r.toFixed(2)}×`);

const printQuotedVsSliced = (rows: QuotedVsSliced[], where: string): void => {
  if (!rows.length) {
    console.log(`\nNo job has sliced figures yet (${where}): shops report them with the agent's heartbeats.`);
    return;
  }
  console.log(`\nQuoted vs sliced, per piece, medians over the jobs whose shop reported its slicer's figures (${where}):`);
  const table = [
    ['design', 'jobs', 'quoted time', 'sliced time', 'ratio', 'quoted g', 'sliced g', 'ratio'],
    ...rows.map((r) => [r.designId, String(r.jobs), minutes(r.quotedSeconds), minutes(r.slicedSeconds), ratio(r.timeRatio), grams(r.quotedGrams), grams(r.slicedGrams), ratio(r.gramsRatio)]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const row of table) console.log(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`);
  console.log('  ratio = sliced ÷ quoted, job by job; grams only from profiles that set a filament density.');
};

const connection = await connect();
try {
  const rows = await new InsightsStore(connection.clients, connection.config).all();
  const quotedVsSliced = compareQuotedToSliced(await readSlicedJobs(connection.clients, connection.config));
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ limits: rows, quotedVsSliced }, null, 2));
  } else if (!rows.length) {
    console.log(`No refused configurations recorded yet (${connection.where}).`);
  } else {
    console.log(`Limits customers pushed against (${connection.where}):`);
    const byDesign = new Map<string, InsightRow[]>();
    for (const row of rows) byDesign.set(row.designId, [...(byDesign.get(row.designId) ?? []), row]);
    for (const [designId, designRows] of [...byDesign].sort()) {
      const total = designRows.reduce((sum, r) => sum + r.count, 0);
      console.log(`\n${findDesign(designId)?.name ?? designId} (${designId}): ${total} refusal(s)`);
      for (const row of designRows.sort((a, b) => b.count - a.count)) {
        const last = new Date(row.lastAt).toISOString().slice(0, 10);
        console.log(`  ${String(row.count).padStart(6)} × ${row.param} ${DIRECTION_TEXT[row.direction]} ${limitOf(row)}  last ${last}`);
      }
    }
  }
  if (!process.argv.includes('--json')) printQuotedVsSliced(quotedVsSliced, connection.where);
} finally {
  await connection.close();
}
