// What every reliability scenario returns: figures for the table that `npm run reliability`
// prints, and violations (an empty list means the promise held). Tests assert on both.

export interface Figure {
  /** The area, e.g. "1 Hostile input". */
  area: string;
  what: string;
  value: string | number;
  /** What the value must be, e.g. "0"; empty for purely informative figures. */
  target?: string;
}

export class Findings {
  readonly figures: Figure[] = [];
  readonly violations: string[] = [];

  constructor(readonly area: string) {}

  figure(what: string, value: string | number, target = ''): void {
    this.figures.push({ area: this.area, what, value, target });
  }

  /** Records a violation, shortened to 600 characters. */
  fail(message: string): void {
    this.violations.push(message.length > 600 ? `${message.slice(0, 600)}…` : message);
  }

  check(condition: boolean, message: string): void {
    if (!condition) this.fail(message);
  }
}

export interface ScenarioResult {
  figures: Figure[];
  violations: string[];
}

const cell = (value: unknown) => String(value).replaceAll('|', '\\|');

/** A Markdown table of figures with a verdict column. */
export const renderTable = (figures: Figure[], failedAreas: Set<string>): string => {
  const lines = ['| area | measure | value | target |', '|---|---|---|---|'];
  for (const f of figures) lines.push(`| ${cell(f.area)} | ${cell(f.what)} | ${cell(f.value)} | ${cell(f.target ?? '')} |`);
  const verdicts = [...new Set(figures.map((f) => f.area))].map((area) => `- ${area}: ${failedAreas.has(area) ? 'VIOLATIONS (see below)' : 'held'}`);
  return `${lines.join('\n')}\n\n${verdicts.join('\n')}\n`;
};

/** Milliseconds since `start`, rounded for a table. */
export const since = (start: number): number => Math.round(performance.now() - start);

/** The p-th percentile (0-100) of some numbers. */
export const percentile = (values: number[], p: number): number => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Counts values, e.g. statuses: { 200: 3, 409: 5 }, rendered "200×3 409×5". */
export const tally = (values: (string | number)[]): Record<string, number> =>
  values.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v]: (counts[v] ?? 0) + 1 }), {});

export const renderTally = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}×${n}`)
    .join(' ') || 'none';
