// Organisational attainment (DESIGN.md section 4): net new revenue (revenue-based when a revenue
// file is loaded, else bookings-based), the target for any range (target rows summed, a row cut by
// the range prorated by days), attainment, the fiscal year month by month, the year-end forecast
// (run-rate and stage-weighted open pipeline) and the gap with what would close it.

import { join, sql, type Sql } from '../db/sql';
import { inRange } from './common';
import { closedFacts, countWhere } from './daily';
import { hasHistory } from './funnel';
import { filterWhere } from './filters';
import type { KpiParams } from './params';
import { accountMonthsSql } from './revenue';
import { addDays, addMonths, bucketsOf, bucketSql, fiscalYearStart, type DateRange } from './period';

export type NetNewBasis = 'revenue' | 'bookings';

/** Net new revenue per calendar month: 12 x MRR movements, or won new + expansion bookings. */
export function monthlyNetNewSql(p: KpiParams, basis: NetNewBasis): Sql {
  if (basis === 'revenue') {
    return sql`SELECT month, 12 * sum(new_mrr + reactivation_mrr + expansion_mrr - contraction_mrr - churn_mrr) AS net_new
      FROM (${accountMonthsSql(p)}) GROUP BY 1`;
  }
  return sql`SELECT CAST(date_trunc('month', close_date) AS DATE) AS month, sum(amount) AS net_new
    FROM (${closedFacts(p)}) WHERE is_won AND deal_type IN ('new', 'expansion') AND close_date IS NOT NULL
    GROUP BY 1`;
}

/** Net new revenue within a date range (bookings by close date; MRR movements by month). */
export function netNewSql(p: KpiParams, basis: NetNewBasis, range: DateRange): Sql {
  if (basis === 'revenue') {
    return sql`SELECT coalesce(sum(net_new), 0) AS net_new FROM (${monthlyNetNewSql(p, basis)})
      WHERE month BETWEEN CAST(date_trunc('month', CAST(${range.from} AS DATE)) AS DATE) AND CAST(${range.to} AS DATE)`;
  }
  return sql`SELECT coalesce(sum(amount), 0) AS net_new FROM (${closedFacts(p, range)}) WHERE is_won AND deal_type IN ('new', 'expansion')`;
}

/** The target for a range (one row, `target`): rangeTargetsSql for that range alone. */
export function targetSql(p: KpiParams, range: DateRange): Sql {
  return sql`SELECT target FROM (${rangeTargetsSql(p, [range])})`;
}

/**
 * The target of each range, in one query: a relation (b_from, b_to, target), one row per range. Each
 * target row covers [period, period + its months) and counts in a range by the days they share;
 * the target is null when no target row applies at all, zero when none overlaps the range.
 */
export function rangeTargetsSql(p: KpiParams, ranges: readonly DateRange[]): Sql {
  const end = sql`CAST(period + to_months(period_months) - INTERVAL 1 DAY AS DATE)`;
  const rows = ranges.map((r) => sql`(CAST(${r.from} AS DATE), CAST(${r.to} AS DATE))`);
  // Without a targets file every range's target is null: said without the join and its count, which
  // cost a view statement's planning (a view asks for targets in four or five statements).
  if (!p.fields.targets?.has('target')) {
    return sql`SELECT b_from, b_to, CAST(NULL AS DOUBLE) AS target FROM (VALUES ${join(rows)}) AS b(b_from, b_to) GROUP BY ALL`;
  }
  return sql`WITH b(b_from, b_to) AS (VALUES ${join(rows)}),
    t AS (SELECT period, ${end} AS period_end, target FROM targets WHERE period IS NOT NULL AND target IS NOT NULL AND ${filterWhere(p, 'targets')})
    SELECT b.b_from, b.b_to,
      CASE WHEN (SELECT count(*) FROM t) = 0 THEN NULL
        ELSE coalesce(sum(t.target * (least(t.period_end, b.b_to) - greatest(t.period, b.b_from) + 1) / (t.period_end - t.period + 1)), 0) END AS target
    FROM b LEFT JOIN t ON t.period <= b.b_to AND t.period_end >= b.b_from
    GROUP BY b.b_from, b.b_to`;
}

export interface AttainmentRow {
  net_new: number;
  target: number | null;
  target_attainment: number | null;
}

/** Net new revenue, the target and their ratio for a range, in one query (the tiles share it). */
export function attainmentSql(p: KpiParams, basis: NetNewBasis, range: DateRange): Sql {
  return sql`SELECT n.net_new, t.target, n.net_new / nullif(t.target, 0) AS target_attainment
    FROM (${netNewSql(p, basis, range)}) AS n, (${targetSql(p, range)}) AS t`;
}

export interface AttainmentPoint {
  period: string;
  net_new: number;
  target: number | null;
  target_attainment: number | null;
}

/**
 * Net new revenue, the target and attainment per grain bucket of the range (the overview's
 * sparklines): bookings by close date, or MRR movements by month (a month counts in the bucket
 * holding its first day); each bucket's target cut to the range and prorated by days.
 */
export function attainmentSeriesSql(p: KpiParams, basis: NetNewBasis): Sql {
  const buckets = bucketsOf(p.grain, p.range, p.fyStart);
  const rows =
    basis === 'revenue'
      ? sql`SELECT ${bucketSql(p.grain, sql`month`, p.fyStart)} AS bucket, sum(net_new) AS net_new FROM (${monthlyNetNewSql(p, basis)})
          WHERE month BETWEEN CAST(date_trunc('month', CAST(${p.range.from} AS DATE)) AS DATE) AND CAST(${p.range.to} AS DATE) GROUP BY 1`
      : sql`SELECT ${bucketSql(p.grain, sql`close_date`, p.fyStart)} AS bucket, sum(amount) AS net_new FROM (${closedFacts(p, p.range)})
          WHERE is_won AND deal_type IN ('new', 'expansion') GROUP BY 1`;
  // Each bucket's target over its part of the range; its first day names it.
  const bk = sql`SELECT ${bucketSql(p.grain, sql`b_from`, p.fyStart)} AS bucket, target FROM (${rangeTargetsSql(p, buckets)})`;
  return sql`WITH bk AS (${bk}), nn AS (${rows})
    SELECT strftime(bk.bucket, '%Y-%m-%d') AS period, coalesce(nn.net_new, 0) AS net_new, bk.target,
      coalesce(nn.net_new, 0) / nullif(bk.target, 0) AS target_attainment
    FROM bk LEFT JOIN nn USING (bucket) ORDER BY bk.bucket`;
}

export interface AttainmentMonth {
  month: string;
  actual: number | null;
  target: number | null;
}

/** Every month of the fiscal year holding `asOf`: actual net new (through the as-of date) and target. */
export function fiscalYearMonthsSql(p: KpiParams, basis: NetNewBasis): Sql {
  const start = fiscalYearStart(p.asOf, p.fyStart);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(start, i));
  const ranges = months.map((m) => ({ from: m, to: addDays(addMonths(m, 1), -1) }));
  return sql`WITH fy AS (SELECT b_from AS month, target FROM (${rangeTargetsSql(p, ranges)})),
    nn AS (${monthlyNetNewSql(p, basis)})
    SELECT strftime(fy.month, '%Y-%m-%d') AS month,
      CASE WHEN fy.month <= CAST(${p.asOf} AS DATE) THEN coalesce(nn.net_new, 0) END AS actual, fy.target
    FROM fy LEFT JOIN nn USING (month) ORDER BY fy.month`;
}

export interface ForecastInputs {
  ytd_actual: number;
  /** Net new over the last three complete months before the as-of date, and their days. */
  recent_actual: number;
  recent_days: number;
  remaining_days: number;
  /** Open opportunities expected to close between the as-of date and the fiscal year end, weighted by the chance of winning from their stage. */
  weighted_pipeline: number;
  open_pipeline: number;
  fy_target: number | null;
  /** Planner rates over the twelve months to the as-of date. */
  win_rate: number | null;
  avg_deal_size: number | null;
  /** Lead to stage 1: the share of the twelve months' leads that became an opportunity (null without converted leads). */
  lead_to_opportunity: number | null;
  /** How the pipeline was weighted: 'history' (stage-to-win rates), 'probability' (CRM), 'win_rate'. */
  weighting: string;
}

/** The three complete months before the as-of date (a month is complete when it ends on or before it). */
export function recentMonths(asOf: string): DateRange {
  const monthEnd = addDays(addMonths(`${asOf.slice(0, 7)}-01`, 1), -1);
  const lastComplete = monthEnd === asOf ? `${asOf.slice(0, 7)}-01` : addMonths(`${asOf.slice(0, 7)}-01`, -1);
  return { from: addMonths(lastComplete, -2), to: addDays(addMonths(lastComplete, 1), -1) };
}

export function forecastInputsSql(p: KpiParams, basis: NetNewBasis): Sql {
  const fyStart = fiscalYearStart(p.asOf, p.fyStart);
  const fyEnd = addDays(addMonths(fyStart, 12), -1);
  const recent = recentMonths(p.asOf);
  const year = { from: addDays(p.asOf, -364), to: p.asOf };
  const closedYear = inRange(sql`close_date`, year);
  const asOf = sql`CAST(${p.asOf} AS DATE)`;
  // Seen from the as-of date: opportunities created later did not exist yet, and those closed later
  // were still open. Only the current stage's order is needed here, not the stage entry dates of the
  // full funnel. Two scans, neither kept: the deals closed by the as-of date, counted per furthest
  // stage (every rate below adds up those few rows; the day totals stand in for the deals without a
  // stage history), and the deals expected to close after it.
  const existing = sql`${filterWhere(p, 'opportunities', 'o')} AND (o.created_at IS NULL OR o.created_at <= ${asOf})`;
  const wonNew = sql`is_won AND deal_type = 'new' AND ${closedYear}`;
  // Joining an empty history would still probe it with every closed deal.
  const history = hasHistory(p);
  return sql`WITH has_history AS (SELECT count(*) > 0 AS yes FROM stage_history),
    -- For closed opportunities, the furthest open stage their history shows; wins passed every stage.
    reached AS (
      SELECT h.opportunity_id, max(so.ord) FILTER (WHERE NOT so.is_won AND NOT so.is_lost) AS max_ord
      FROM stage_history h JOIN stage_order so ON so.stage_key = h.stage_key GROUP BY 1
    ),
    -- The deals closed by the as-of date, each with the furthest open stage it reached.
    closed AS (${
      history
        ? sql`SELECT CASE WHEN o.is_won THEN 1000 ELSE coalesce(r.max_ord, 1) END AS max_ord, o.is_won, o.deal_type, o.close_date, o.amount, 1 AS n
            FROM opportunities o LEFT JOIN reached r USING (opportunity_id)
            WHERE ${existing} AND o.is_closed AND coalesce(o.close_date <= ${asOf}, TRUE)`
        : // Without stage history a lost deal is known to have reached stage 1 only; the day totals do.
          sql`SELECT CASE WHEN is_won THEN 1000 ELSE 1 END AS max_ord, is_won, deal_type, close_date, amount, n
            FROM (${closedFacts(p)})
            WHERE (created_late IS NULL OR created_late <= ${asOf}) AND (is_won OR is_lost) AND coalesce(close_date <= ${asOf}, TRUE)`
    }),
    closed_by AS (
      SELECT max_ord, sum(n) AS n, ${countWhere('is_won')} AS won,
        ${countWhere(closedYear)} AS n_year, ${countWhere(sql`is_won AND ${closedYear}`)} AS won_year,
        ${countWhere(wonNew)} AS new_year, sum(amount) FILTER (WHERE ${wonNew}) AS new_amount_year
      FROM closed GROUP BY 1
    ),
    stage_rates AS (
      SELECT so.ord, sum(c.won) / nullif(sum(c.n), 0) AS rate
      FROM (SELECT DISTINCT ord FROM stage_order WHERE NOT is_won AND NOT is_lost) so JOIN closed_by c ON c.max_ord >= so.ord GROUP BY 1
    ),
    overall AS (SELECT sum(won) / nullif(sum(n), 0) AS rate FROM closed_by),
    -- Open at the as-of date and expected to close by the fiscal year end (a deal closed later was open then).
    open_deals AS (
      SELECT o.amount, o.probability, o.is_closed AS closed_later, sr.rate AS stage_rate
      FROM opportunities o LEFT JOIN stage_rates sr ON sr.ord = o.stage_ord
      WHERE ${existing} AND o.close_date > ${asOf} AND o.close_date <= CAST(${fyEnd} AS DATE)
    ),
    weighted AS (
      SELECT coalesce(sum(amount * CASE
          -- Closed after the as-of date: its stage and probability then are unknown, so the overall win rate.
          WHEN closed_later THEN (SELECT rate FROM overall)
          WHEN (SELECT yes FROM has_history) THEN coalesce(stage_rate, 0)
          WHEN probability IS NOT NULL THEN probability
          ELSE (SELECT rate FROM overall) END), 0) AS weighted,
        coalesce(sum(amount), 0) AS open_amount,
        CASE WHEN (SELECT yes FROM has_history) THEN 'history' WHEN count(probability) > 0 THEN 'probability' ELSE 'win_rate' END AS weighting
      FROM open_deals
    ),
    planner AS (
      SELECT sum(won_year) / nullif(sum(n_year), 0) AS win_rate, sum(new_amount_year) / nullif(sum(new_year), 0) AS avg_deal_size
      FROM closed_by
    )
    SELECT (${netNewSql(p, basis, { from: fyStart, to: p.asOf })}) AS ytd_actual,
      (${netNewSql(p, basis, recent)}) AS recent_actual,
      ${recentDays(recent)} AS recent_days,
      CAST(${fyEnd} AS DATE) - CAST(${p.asOf} AS DATE) AS remaining_days,
      weighted.weighted AS weighted_pipeline, weighted.open_amount AS open_pipeline, weighted.weighting,
      (${targetSql(p, { from: fyStart, to: fyEnd })}) AS fy_target,
      planner.win_rate, planner.avg_deal_size,
      ${leadToOpportunity(p, year)} AS lead_to_opportunity
    FROM weighted, planner`;
}

/**
 * Lead to stage 1: of the leads created in the twelve months, the share that became an opportunity;
 * null without leads with a created date (said without reading the empty leads table: a tenth of the
 * forecast's time in Node).
 */
function leadToOpportunity(p: KpiParams, year: DateRange): Sql {
  if (!p.fields.leads?.has('created_at')) return sql`CAST(NULL AS DOUBLE)`;
  return sql`(SELECT nullif(converted, 0) / nullif(n, 0) FROM (
      SELECT count(*) AS n, count(*) FILTER (WHERE converted_at IS NOT NULL OR opportunity_id IS NOT NULL) AS converted
      FROM leads WHERE ${filterWhere(p, 'leads')} AND ${inRange(sql`created_at`, year)}))`;
}

function recentDays(r: DateRange): Sql {
  return sql`CAST(${r.to} AS DATE) - CAST(${r.from} AS DATE) + 1`;
}

export interface AttainmentPeriod {
  /** First day of the bucket. */
  period: string;
  /** Net new through the as-of date (null: the bucket starts after it, or a past year has no data). */
  actual: number | null;
  /** Null when no target row covers the bucket. */
  target: number | null;
  /** The as-of date falls inside the bucket: the actual is so far, not final. */
  partial: boolean;
}

/**
 * Actual net new against target in buckets of the view's grain: the fiscal year holding the as-of
 * date by month or fiscal quarter (weeks fall back to months: targets are not set per week), or by
 * fiscal year the last three fiscal years.
 */
export function attainmentPeriodsSql(p: KpiParams, basis: NetNewBasis): Sql {
  const fy = fiscalYearStart(p.asOf, p.fyStart);
  const step = p.grain === 'quarter' ? 3 : p.grain === 'year' ? 12 : 1;
  const starts = p.grain === 'year' ? [addMonths(fy, -24), addMonths(fy, -12), fy] : Array.from({ length: 12 / step }, (_, i) => addMonths(fy, i * step));
  const ranges = starts.map((start) => ({ from: start, to: addDays(addMonths(start, step), -1) }));
  const asOf = sql`CAST(${p.asOf} AS DATE)`;
  // A zero target is a bucket no target row covers (the overlaps add up to nothing).
  return sql`WITH buckets AS (SELECT b_from AS start, b_to AS stop, nullif(target, 0) AS target FROM (${rangeTargetsSql(p, ranges)})),
    nn AS (${monthlyNetNewSql(p, basis)})
    SELECT strftime(b.start, '%Y-%m-%d') AS period,
      CASE WHEN b.start > ${asOf} THEN NULL
        WHEN b.start < CAST(${fy} AS DATE) THEN sum(nn.net_new) FILTER (WHERE nn.month <= ${asOf})
        ELSE coalesce(sum(nn.net_new) FILTER (WHERE nn.month <= ${asOf}), 0) END AS actual,
      any_value(b.target) AS target,
      b.start <= ${asOf} AND b.stop > ${asOf} AS partial
    FROM buckets b LEFT JOIN nn ON nn.month BETWEEN b.start AND b.stop
    GROUP BY b.start, b.stop ORDER BY b.start`;
}
