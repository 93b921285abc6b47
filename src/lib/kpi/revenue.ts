// Existing business (DESIGN.md sections 3 and 4), following the dbt Labs MRR playbook: each
// account's MRR per month (monthly rows, or subscription periods active on the month's last day,
// end exclusive, overlapping periods added), then month-on-month movements: new, expansion,
// contraction, churn, reactivation; NRR, GRR, logo churn and retention cohorts.

import { int, sql, type Sql } from '../db/sql';
import { filterWhere } from './filters';
import type { KpiParams } from './params';
import { addMonths, bucketSeriesSql, bucketSql, type DateRange } from './period';

/**
 * Dense account-month MRR from each account's first revenue month to the as-of month, with the
 * previous month's MRR and the movement it makes.
 */
export function accountMonthsSql(p: KpiParams): Sql {
  const r = sql`(SELECT * FROM revenue WHERE account_id IS NOT NULL AND ${filterWhere(p, 'revenue')})`;
  return sql`WITH r AS ${r},
    last AS (SELECT CAST(date_trunc('month', CAST(${p.asOf} AS DATE)) AS DATE) AS m),
    months AS (
      SELECT CAST(unnest(generate_series(
        CAST(date_trunc('month', (SELECT min(coalesce(month, start_date)) FROM r)) AS TIMESTAMP),
        CAST((SELECT m FROM last) AS TIMESTAMP), INTERVAL 1 MONTH)) AS DATE) AS month
    ),
    monthly AS (SELECT account_id, CAST(date_trunc('month', month) AS DATE) AS month, mrr FROM r WHERE month IS NOT NULL),
    periods AS (
      SELECT r.account_id, months.month, r.mrr FROM r JOIN months
        ON r.start_date <= last_day(months.month) AND (r.end_date IS NULL OR last_day(months.month) < r.end_date)
      WHERE r.month IS NULL AND r.start_date IS NOT NULL
    ),
    am AS (
      SELECT account_id, month, sum(mrr) AS mrr FROM (SELECT * FROM monthly UNION ALL SELECT * FROM periods)
      WHERE month <= (SELECT m FROM last) GROUP BY ALL
    ),
    firsts AS (SELECT account_id, min(month) AS first_month FROM am WHERE mrr > 0 GROUP BY 1),
    dense AS (
      SELECT f.account_id, f.first_month, months.month, coalesce(am.mrr, 0) AS mrr
      FROM firsts f JOIN months ON months.month >= f.first_month
      LEFT JOIN am ON am.account_id = f.account_id AND am.month = months.month
    ),
    prev AS (SELECT *, coalesce(lag(mrr) OVER (PARTITION BY account_id ORDER BY month), 0) AS prev_mrr FROM dense)
    SELECT account_id, first_month, month, mrr, prev_mrr,
      CASE WHEN month = first_month THEN mrr ELSE 0 END AS new_mrr,
      CASE WHEN month > first_month AND prev_mrr = 0 AND mrr > 0 THEN mrr ELSE 0 END AS reactivation_mrr,
      CASE WHEN prev_mrr > 0 AND mrr > prev_mrr THEN mrr - prev_mrr ELSE 0 END AS expansion_mrr,
      CASE WHEN prev_mrr > 0 AND mrr > 0 AND mrr < prev_mrr THEN prev_mrr - mrr ELSE 0 END AS contraction_mrr,
      CASE WHEN prev_mrr > 0 AND mrr <= 0 THEN prev_mrr ELSE 0 END AS churn_mrr
    FROM prev`;
}

export interface RevenueTiles {
  mrr_new: number;
  mrr_expansion: number;
  mrr_contraction: number;
  mrr_churn: number;
  mrr_reactivation: number;
  opening_mrr: number;
  closing_mrr: number;
  /** Closing MRR of the accounts that had opening MRR. */
  retained_mrr: number;
  /** The same, each account capped at its opening MRR. */
  retained_capped_mrr: number;
  nrr: number | null;
  grr: number | null;
  opening_accounts: number;
  churned_accounts: number;
  logo_churn: number | null;
  closing_accounts: number;
  arpa: number | null;
  net_new_arr: number;
}

/** Months of the range: those starting from the range's first month up to its last day. */
function monthsOf(range: DateRange): { first: Sql; last: Sql; opening: Sql } {
  const first = sql`CAST(date_trunc('month', CAST(${range.from} AS DATE)) AS DATE)`;
  return {
    first,
    last: sql`CAST(date_trunc('month', CAST(${range.to} AS DATE)) AS DATE)`,
    opening: sql`CAST(${first} - INTERVAL 1 MONTH AS DATE)`,
  };
}

export function revenueTilesSql(p: KpiParams, range: DateRange): Sql {
  const m = monthsOf(range);
  return sql`WITH am AS (${accountMonthsSql(p)}),
    mv AS (
      SELECT coalesce(sum(new_mrr), 0) AS mrr_new, coalesce(sum(expansion_mrr), 0) AS mrr_expansion,
        coalesce(sum(contraction_mrr), 0) AS mrr_contraction, coalesce(sum(churn_mrr), 0) AS mrr_churn,
        coalesce(sum(reactivation_mrr), 0) AS mrr_reactivation
      FROM am WHERE month BETWEEN ${m.first} AND ${m.last}
    ),
    o AS (SELECT account_id, mrr AS opening FROM am WHERE month = ${m.opening} AND mrr > 0),
    c AS (SELECT account_id, mrr AS closing FROM am WHERE month = ${m.last}),
    ret AS (
      SELECT coalesce(sum(o.opening), 0) AS opening_mrr, coalesce(sum(coalesce(c.closing, 0)), 0) AS retained_mrr,
        coalesce(sum(least(coalesce(c.closing, 0), o.opening)), 0) AS retained_capped_mrr,
        count(*) AS opening_accounts, count(*) FILTER (WHERE coalesce(c.closing, 0) <= 0) AS churned_accounts
      FROM o LEFT JOIN c USING (account_id)
    ),
    cl AS (SELECT coalesce(sum(closing), 0) AS closing_mrr, count(*) FILTER (WHERE closing > 0) AS closing_accounts FROM c)
    SELECT mv.*, ret.opening_mrr, cl.closing_mrr, ret.retained_mrr, ret.retained_capped_mrr,
      ret.retained_mrr / nullif(ret.opening_mrr, 0) AS nrr, ret.retained_capped_mrr / nullif(ret.opening_mrr, 0) AS grr,
      ret.opening_accounts, ret.churned_accounts, ret.churned_accounts / nullif(ret.opening_accounts, 0) AS logo_churn,
      cl.closing_accounts, cl.closing_mrr / nullif(cl.closing_accounts, 0) AS arpa,
      12 * (mv.mrr_new + mv.mrr_reactivation + mv.mrr_expansion - mv.mrr_contraction - mv.mrr_churn) AS net_new_arr
    FROM mv, ret, cl`;
}

export interface RevenuePoint {
  period: string;
  mrr_new: number;
  mrr_expansion: number;
  mrr_contraction: number;
  mrr_churn: number;
  mrr_reactivation: number;
  closing_mrr: number;
  nrr: number | null;
  grr: number | null;
}

/** Per bucket (weeks shown as months: MRR is monthly): movements, closing MRR, NRR and GRR. */
export function revenueSeriesSql(p: KpiParams): Sql {
  const grain = p.grain === 'week' ? 'month' : p.grain;
  const bucket = bucketSql(grain, sql`month`, p.fyStart);
  return sql`WITH am AS (${accountMonthsSql(p)}),
    bk AS (SELECT bucket, CAST(bucket - INTERVAL 1 MONTH AS DATE) AS opening_month,
      CAST(least(date_trunc('month', CAST(${p.range.to} AS DATE)), bucket + ${grain === 'month' ? sql`INTERVAL 0 MONTH` : grain === 'quarter' ? sql`INTERVAL 2 MONTH` : sql`INTERVAL 11 MONTH`}) AS DATE) AS closing_month
      FROM (${bucketSeriesSql(grain, p.range, p.fyStart)})),
    mv AS (
      SELECT ${bucket} AS bucket, sum(new_mrr) AS mrr_new, sum(expansion_mrr) AS mrr_expansion, sum(contraction_mrr) AS mrr_contraction,
        sum(churn_mrr) AS mrr_churn, sum(reactivation_mrr) AS mrr_reactivation
      FROM am WHERE month BETWEEN CAST(date_trunc('month', CAST(${p.range.from} AS DATE)) AS DATE) AND CAST(${p.range.to} AS DATE) GROUP BY 1
    ),
    ret AS (
      SELECT bk.bucket, sum(o.mrr) AS opening, sum(coalesce(c.mrr, 0)) AS retained, sum(least(coalesce(c.mrr, 0), o.mrr)) AS capped
      FROM bk JOIN am o ON o.month = bk.opening_month AND o.mrr > 0
      LEFT JOIN am c ON c.account_id = o.account_id AND c.month = bk.closing_month
      GROUP BY 1
    ),
    cl AS (SELECT bk.bucket, sum(am.mrr) AS closing_mrr FROM bk JOIN am ON am.month = bk.closing_month GROUP BY 1)
    SELECT strftime(bk.bucket, '%Y-%m-%d') AS period, coalesce(mrr_new, 0) AS mrr_new, coalesce(mrr_expansion, 0) AS mrr_expansion,
      coalesce(mrr_contraction, 0) AS mrr_contraction, coalesce(mrr_churn, 0) AS mrr_churn, coalesce(mrr_reactivation, 0) AS mrr_reactivation,
      coalesce(cl.closing_mrr, 0) AS closing_mrr, ret.retained / nullif(ret.opening, 0) AS nrr, ret.capped / nullif(ret.opening, 0) AS grr
    FROM bk LEFT JOIN mv USING (bucket) LEFT JOIN ret USING (bucket) LEFT JOIN cl USING (bucket)
    ORDER BY bk.bucket`;
}

export interface RetentionCell {
  cohort: string;
  accounts: number;
  starting_mrr: number;
  age: number;
  mrr_kept: number | null;
  logos_kept: number | null;
}

/**
 * Retention cohorts by first-revenue month (bucketed by the grain, weeks as months): for each age in
 * months, the share of the cohort's starting MRR still billed and the share of its accounts still paying.
 * Cohorts start in the range, reaching back at least `maxAge` months so that older cohorts show how
 * retention plays out.
 */
export function retentionCohortsSql(p: KpiParams, maxAge = 12): Sql {
  const grain = p.grain === 'week' ? 'month' : p.grain;
  const from = addMonths(`${p.range.to.slice(0, 7)}-01`, -maxAge) < p.range.from ? addMonths(`${p.range.to.slice(0, 7)}-01`, -maxAge) : p.range.from;
  return sql`WITH am AS (${accountMonthsSql(p)}),
    members AS (
      SELECT account_id, ${bucketSql(grain, sql`first_month`, p.fyStart)} AS cohort, first_month, mrr AS start_mrr
      FROM am WHERE month = first_month AND first_month BETWEEN CAST(date_trunc('month', CAST(${from} AS DATE)) AS DATE) AND CAST(${p.range.to} AS DATE)
    ),
    sizes AS (SELECT cohort, count(*) AS accounts, sum(start_mrr) AS starting_mrr FROM members GROUP BY 1),
    at_age AS (
      SELECT m.cohort, date_diff('month', m.first_month, am.month) AS age, sum(am.mrr) AS mrr, count(*) FILTER (WHERE am.mrr > 0) AS logos,
        count(*) AS observed
      FROM members m JOIN am ON am.account_id = m.account_id
      GROUP BY ALL
    ),
    grid AS (SELECT s.*, a.age FROM sizes s CROSS JOIN (SELECT unnest(range(0, ${int(maxAge + 1)})) AS age) a)
    SELECT strftime(g.cohort, '%Y-%m-%d') AS cohort, g.accounts, g.starting_mrr, g.age,
      -- a cell is shown once every member of the cohort is that old (else it would look like churn)
      CASE WHEN coalesce(a.observed, 0) = g.accounts THEN a.mrr / nullif(g.starting_mrr, 0) END AS mrr_kept,
      CASE WHEN coalesce(a.observed, 0) = g.accounts THEN a.logos / g.accounts END AS logos_kept
    FROM grid g LEFT JOIN at_age a ON a.cohort = g.cohort AND a.age = g.age
    ORDER BY g.cohort, g.age`;
}
