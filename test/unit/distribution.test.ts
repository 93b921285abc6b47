// Histograms: bins and counts by hand, and the engine's counting (every won deal of a range stays in
// it) against counting the values in JS.
import { beforeAll, describe, expect, test } from 'vitest';
import { testDb } from './helpers';
import type { DbClient } from '../../src/lib/db/client';
import { join, sql } from '../../src/lib/db/sql';
import { binCounts, distributionOf, histogram, roundBins } from '../../src/lib/charts/histogram';
import { distributionFrom, distributionsSql, type DistributionRow } from '../../src/lib/kpi/distribution';

let db: DbClient;
beforeAll(async () => {
  db = await testDb();
});

async function engine(values: (number | null)[]) {
  const rows = values.length ? join(values.map((v) => sql`(${v === null ? null : v})`)) : sql`(NULL)`;
  const result = await db.query<DistributionRow & Record<string, unknown>>(distributionsSql(sql`SELECT 'x' AS of, CAST(col0 AS DOUBLE) AS v FROM (VALUES ${rows})`));
  expect(result.length).toBeLessThanOrEqual(1);
  return distributionFrom(result[0]);
}

describe('histogram bins', () => {
  test('each value counts in the bin [from, to) holding it; values outside the thresholds count nowhere', () => {
    const bins = [0, 10, 20, 50];
    const values = [0, 9.99, 10, 15, 20, 49.9, 50, -1, 75, 10];
    // By hand: [0,10) holds 0 and 9.99; [10,20) holds 10, 15 and 10; [20,50) holds 20 and 49.9; 50, -1 and 75 are outside.
    expect(binCounts(values, bins)).toEqual([2, 3, 2]);
  });

  test('matches counting every bin by filtering, on many values', () => {
    const bins = [0, 1, 2, 4, 8, 16, 32];
    const values = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 3300) / 100);
    const naive = bins.slice(1).map((hi, i) => values.filter((v) => v >= bins[i] && v < hi).length);
    expect(binCounts(values, bins)).toEqual(naive);
    expect(binCounts([], bins)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  test('round bins by hand: about twelve, at the round step nearest the raw one, the maximum inside the last', () => {
    // 0 to 49.9 in 12 is 4.16 a bin: of 1, 2, 2.5, 5 and 10, 5 is the nearest on a log scale.
    expect(roundBins(0, 49.9, 12)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    // 1,234 to 98,765 in 12 is 7,961: 10,000 is nearer than 5,000 (ratios 1.26 and 1.59).
    expect(roundBins(1234, 98765, 12)).toEqual([0, 10000, 20000, 30000, 40000, 50000, 60000, 70000, 80000, 90000, 100000]);
    // An edge on the marker (100% of quota): 0.35 to 1.8 in 10 is 0.145; 0.2 is nearer than 0.1 (ratios
    // 1.38 and 1.45); the edges are counted down from 1 to the first at or below 0.35.
    expect(roundBins(0.35, 1.8, 10, 1)).toEqual([0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4, 1.6, 1.8, 2]);
    // One value: a bin of width 1.
    expect(roundBins(7, 7, 12)).toEqual([7, 8]);
  });

  test('a distribution of hundreds of thousands of values (every won deal of several years)', () => {
    const values = Array.from({ length: 300_000 }, (_, i) => 1000 + ((i * 7919) % 99_000));
    const d = distributionOf(values, 12);
    expect([d.n, d.min, d.max]).toEqual([300_000, 1000, 99_999]);
    expect(d.counts.reduce((a, b) => a + b, 0)).toBe(300_000);
    expect(histogram(d, { value: String, title: 'Deal sizes', xLabel: 'x', yLabel: 'deals' }).description).toContain('Deal sizes: 300000');
  });
});

describe('a distribution counted by the engine', () => {
  test('by hand: the bins of 0 to 49.9 and the values in each', async () => {
    const d = await engine([0, 9.99, 10, 15, 20, 49.9, null]);
    expect(d).toEqual({ n: 6, min: 0, max: 49.9, median: 12.5, bins: [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50], counts: [1, 1, 1, 1, 1, 0, 0, 0, 0, 1] });
  });

  test('no values, one value, one value many times', async () => {
    expect(await engine([])).toEqual({ n: 0, min: null, max: null, median: null, bins: [0, 1], counts: [0] });
    expect(await engine([null])).toEqual({ n: 0, min: null, max: null, median: null, bins: [0, 1], counts: [0] });
    expect(await engine([7, 7, 7])).toEqual({ n: 3, min: 7, max: 7, median: 7, bins: [7, 8], counts: [3] });
  });

  test.each([
    ['deal amounts with cents', Array.from({ length: 3000 }, (_, i) => Math.round(((i * 7919) % 250_000) * 1.37) / 100)],
    ['sales cycles in days, some negative', Array.from({ length: 2000 }, (_, i) => ((i * 31) % 400) - 20)],
    ['small fractions', Array.from({ length: 500 }, (_, i) => ((i * 13) % 97) / 1000)],
    ['large amounts', Array.from({ length: 1000 }, (_, i) => 1e6 + ((i * 104_729) % 9_000_000))],
    ['values on the edges of their bins', Array.from({ length: 600 }, (_, i) => (i % 25) * 2.5)],
  ])('%s: the same bins, counts and range as counting the values in JS', async (_, values) => {
    const d = await engine(values);
    const js = distributionOf(values, 12);
    expect(d.bins).toEqual(js.bins);
    expect(d.counts).toEqual(js.counts);
    expect([d.n, d.min, d.max]).toEqual([js.n, js.min, js.max]);
    expect(d.median).toBeCloseTo(js.median!, 9);
  });
});
