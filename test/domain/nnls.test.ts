// Non-negative least squares: exact recovery, the non-negativity, columns of very different sizes.
import { describe, expect, it } from 'vitest';
import { nnls } from '../../functions/domain/nnls.ts';

const seeded = (seed: number) => () => (seed = (seed * 16807) % 2147483647) / 2147483647;

describe('nnls', () => {
  it('recovers non-negative coefficients from exact data, whatever the column scales', () => {
    const random = seeded(7);
    const a = Array.from({ length: 40 }, () => [random() * 1e5, random() * 10, 1, random()]);
    const b = a.map((row) => 0.002 * row[0] + 3 * row[1] + 70 * row[2] + 0 * row[3]);

    const x = nnls(a, b);

    expect(x[0]).toBeCloseTo(0.002, 9);
    expect(x[1]).toBeCloseTo(3, 6);
    expect(x[2]).toBeCloseTo(70, 5);
    expect(x[3]).toBeCloseTo(0, 6);
  });

  it('holds a coefficient at zero where the unconstrained answer is negative', () => {
    const [a, b] = nnls([[1, 0], [0, 1]], [2, -1]);

    expect(a).toBeCloseTo(2, 9);
    expect(b).toBe(0);
  });

  it('gives 0 for a column of zeros', () => {
    const x = nnls([[1, 0], [2, 0], [3, 0]], [2, 4, 6]);

    expect(x[0]).toBeCloseTo(2, 9);
    expect(x[1]).toBe(0);
  });
});
