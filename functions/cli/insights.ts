// `npm run insights`: which limits customers push against, per design, so the catalogue can
// grow toward what people actually want. Counts only; no personal data is ever recorded.
import { findDesign } from '../designs/catalogue.ts';
import { InsightsStore, type InsightRow } from '../store/insights.ts';
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

const connection = await connect();
try {
  const rows = await new InsightsStore(connection.clients, connection.config).all();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
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
} finally {
  await connection.close();
}
