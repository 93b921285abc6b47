// A distribution counted by the engine: the values' count, range and median and how many fall in
// each of about a dozen bins at a round step, the bins chosen as charts/histogram.ts chooses them
// from values. Hundreds of thousands of won deals stay in the engine; the page gets one row.

import { raw, sql, type Sql } from '../db/sql';
import { binEdge, NO_VALUES, ROUND_STEPS, type Distribution } from '../charts/histogram';

/**
 * One distribution as the engine gives it: the bins are first + i * step, i = 0..bins; `at` lists
 * the bins holding values (in order) and `counts` how many each holds.
 */
export interface DistributionRow {
  n: number;
  lo: number | null;
  hi: number | null;
  median: number | null;
  first: number | null;
  step: number | null;
  bins: number | null;
  at: number[] | null;
  counts: number[] | null;
}

/** Math.round(x * 1e9) / 1e9 as JS computes it (half up, where DuckDB's round() goes away from zero). */
const roundedEdge = (i: Sql) => sql`floor((first + ${i} * step) * 1e9 + 0.5) / 1e9`;

/**
 * The distributions of column `v` of `values` (NULLs left out), one row for each value of its column
 * `of`, over about `count` bins: the step is the one of ROUND_STEPS times a power of ten nearest, on
 * a log scale, to (max - min) / count (the first of two as near), the first edge the step's multiple
 * at or below the minimum, and one bin more than reaching the maximum needs, so that it falls inside
 * the last. A value counts in [edge i, edge i + 1) by the rounded edges, as binCounts does. Several
 * distributions go in one statement: a view's time is mostly its statements' fixed cost.
 */
export function distributionsSql(values: Sql, count = 12): Sql {
  const steps = raw(`[${ROUND_STEPS.slice(1).join(', ')}]::DOUBLE[]`);
  return sql`WITH d AS (SELECT of, CAST(v AS DOUBLE) AS v FROM (${values}) WHERE v IS NOT NULL AND isfinite(CAST(v AS DOUBLE))),
    s AS (SELECT of, count(*) AS n, min(v) AS lo, max(v) AS hi, median(v) AS median FROM d GROUP BY of),
    r AS (SELECT *, coalesce(nullif((hi - lo) / ${raw(String(count))}, 0), 1) AS raw_step FROM s),
    p AS (SELECT *, pow(10, floor(log10(raw_step))) AS power FROM r),
    st AS (SELECT *, list_reduce(${steps}, lambda best, m: CASE WHEN abs(ln(m * power / raw_step)) < abs(ln(best / raw_step)) THEN m * power ELSE best END, power) AS step FROM p),
    b AS (SELECT *, floor(lo / step) * step AS first FROM st),
    bins AS MATERIALIZED (SELECT of, n, lo, hi, median, first, step, CAST(floor((hi - first) / step) AS INTEGER) + 1 AS bins FROM b),
    placed AS (SELECT d.of, CAST(floor((d.v - first) / step) AS INTEGER) AS i0, d.v, first, step FROM d JOIN bins USING (of)),
    binned AS (
      SELECT of, i0 - CASE WHEN v < ${roundedEdge(sql`i0`)} THEN 1 ELSE 0 END + CASE WHEN v >= ${roundedEdge(sql`(i0 + 1)`)} THEN 1 ELSE 0 END AS i, count(*) AS c
      FROM placed GROUP BY ALL
    ),
    lists AS (SELECT of, list(i ORDER BY i) AS at, list(CAST(c AS INTEGER) ORDER BY i) AS counts FROM binned GROUP BY of)
    SELECT bins.*, lists.at, lists.counts FROM bins LEFT JOIN lists USING (of)`;
}

/** The distribution a DistributionRow describes, with its bin edges as roundBins writes them. */
export function distributionFrom(row: DistributionRow | undefined): Distribution {
  const n = Number(row?.n ?? 0);
  if (!row || n === 0 || row.first === null || row.step === null || row.bins === null) return NO_VALUES;
  const { first, step } = row;
  const counts = new Array<number>(Number(row.bins)).fill(0);
  // A value outside the edges (float noise at the last one) counts nowhere, as in binCounts.
  (row.at ?? []).forEach((i, k) => {
    if (i >= 0 && i < counts.length) counts[i] = Number(row.counts![k]);
  });
  return { n, min: row.lo, max: row.hi, median: row.median, bins: counts.concat(0).map((_, i) => binEdge(first, step, i)), counts };
}
