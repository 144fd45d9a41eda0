// Non-negative least squares (Lawson–Hanson): the x ≥ 0 that minimises ‖A x − b‖. Small, dense
// problems only (a handful of columns): the print estimate's coefficients are fitted with it.

/** Solves the square system M x = v by Gaussian elimination with partial pivoting. */
const solveSquare = (m: number[][], v: number[]): number[] => {
  const n = v.length;
  const a = m.map((row, i) => [...row, v[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const d = a[col][col] || 1e-300;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r][col] / d;
      if (f !== 0) for (let k = col; k <= n; k++) a[r][k] -= f * a[col][k];
    }
  }
  return a.map((row, i) => row[n] / (row[i] || 1e-300));
};

/** Unconstrained least squares over the columns in `set` (normal equations, tiny ridge). */
const leastSquares = (a: number[][], b: number[], set: number[]): number[] => {
  const m = set.map((i) => set.map((j) => a.reduce((s, row) => s + row[i] * row[j], 0) + (i === j ? 1e-12 : 0)));
  const v = set.map((i) => a.reduce((s, row, r) => s + row[i] * b[r], 0));
  return solveSquare(m, v);
};

/**
 * x ≥ 0 minimising ‖A x − b‖₂. Columns are scaled to unit norm inside, so features of very
 * different sizes (mm and mm³) fit alike. A column of zeros gets 0.
 * @example nnls([[1, 0], [0, 1]], [2, -1]) // [2, 0]
 */
export const nnls = (a: readonly (readonly number[])[], b: readonly number[], maxIterations = 500): number[] => {
  const cols = a[0]?.length ?? 0;
  const norms = Array.from({ length: cols }, (_, j) => Math.sqrt(a.reduce((s, row) => s + row[j] * row[j], 0)));
  const scaled = a.map((row) => row.map((v, j) => (norms[j] > 0 ? v / norms[j] : 0)));
  const x = new Array<number>(cols).fill(0);
  const passive = new Set<number>();
  const gradient = () => {
    const r = b.map((bi, i) => bi - scaled[i].reduce((s, v, j) => s + v * x[j], 0));
    return Array.from({ length: cols }, (_, j) => scaled.reduce((s, row, i) => s + row[j] * r[i], 0));
  };
  const tolerance = 1e-10 * Math.max(1, Math.sqrt(b.reduce((s, v) => s + v * v, 0)));
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const w = gradient();
    let best = -1;
    for (let j = 0; j < cols; j++) if (!passive.has(j) && norms[j] > 0 && w[j] > tolerance && (best < 0 || w[j] > w[best])) best = j;
    if (best < 0) break;
    passive.add(best);
    for (;;) {
      const set = [...passive];
      const s = leastSquares(scaled, b as number[], set);
      if (s.every((v) => v > 0)) {
        set.forEach((j, k) => (x[j] = s[k]));
        break;
      }
      // Step towards s until the first coefficient reaches zero, and drop those at zero.
      let alpha = 1;
      set.forEach((j, k) => {
        if (s[k] <= 0) alpha = Math.min(alpha, x[j] / (x[j] - s[k]));
      });
      set.forEach((j, k) => {
        x[j] += alpha * (s[k] - x[j]);
        if (x[j] <= 1e-15) {
          x[j] = 0;
          passive.delete(j);
        }
      });
      if (passive.size === 0) break;
    }
  }
  return x.map((v, j) => (norms[j] > 0 ? v / norms[j] : 0));
};
