// Individual performance (DESIGN.md section 4): each rep's bookings against quota for the range
// (quota periods inside the range summed, a period cut by the range prorated by days), bookings
// per OTE, ramping vs ramped reps; each SDR's sourced bookings against their cost, and how many
// months from their start it took to reach a multiple of it.

import { int, join, sql, type Sql } from '../db/sql';
import { inRange, overlapDays } from './common';
import { filterWhere } from './filters';
import type { KpiParams } from './params';
import { bucketsOf, bucketSql, bucketStart, type DateRange } from './period';

/** Days after a rep's start date before they count as ramped. */
export const RAMP_DAYS = 90;

export interface RepRow {
  rep: string;
  team: string | null;
  role: string | null;
  start_date: string | null;
  quota: number;
  bookings: number;
  won_deals: number;
  attainment: number | null;
  ote: number | null;
  /** The OTE earned over the range (annual OTE x days / 365). */
  ote_in_range: number | null;
  bookings_per_ote: number | null;
  ramped: boolean;
}

const SDR_ROLE = sql`regexp_matches(lower(coalesce(role, '')), '\\b(sdr|bdr|lead dev|销售开发)')`;

export function repAttainmentSql(p: KpiParams, range: DateRange): Sql {
  const end = sql`CAST(period + to_months(period_months) - INTERVAL 1 DAY AS DATE)`;
  const days = sql`(CAST(${range.to} AS DATE) - CAST(${range.from} AS DATE) + 1)`;
  return sql`WITH r AS (SELECT * FROM reps WHERE rep IS NOT NULL AND ${filterWhere(p, 'reps')}),
    info AS (
      SELECT rep, arg_max(team, coalesce(period, DATE '1900-01-01')) AS team, any_value(role) AS role, min(start_date) AS start_date,
        max(ote) AS ote,
        sum(CASE WHEN quota IS NOT NULL AND period IS NOT NULL THEN quota * ${overlapDays(sql`period`, end, range)} / (${end} - period + 1) END) AS quota
      FROM r GROUP BY rep
    ),
    b AS (
      SELECT owner AS rep, sum(amount) AS bookings, count(*) AS won_deals FROM opportunities
      WHERE ${filterWhere(p, 'opportunities')} AND is_won AND ${inRange(sql`close_date`, range)} GROUP BY 1
    )
    SELECT info.rep, info.team, info.role, strftime(info.start_date, '%Y-%m-%d') AS start_date, info.quota,
      coalesce(b.bookings, 0) AS bookings, coalesce(b.won_deals, 0) AS won_deals,
      coalesce(b.bookings, 0) / info.quota AS attainment, info.ote, info.ote * ${days} / 365 AS ote_in_range,
      coalesce(b.bookings, 0) / nullif(info.ote * ${days} / 365, 0) AS bookings_per_ote,
      coalesce(info.start_date <= CAST(${range.from} AS DATE) - ${int(RAMP_DAYS)}, TRUE) AS ramped
    FROM info LEFT JOIN b USING (rep)
    WHERE info.quota > 0
    ORDER BY attainment DESC, info.rep`;
}

export interface RepSummary {
  /** The team's bookings over its quota (reps with a quota in the range). */
  rep_attainment: number | null;
  bookings: number;
  quota: number | null;
  reps_at_quota_pct: number | null;
  at_quota: number;
  with_quota: number;
  median_attainment: number | null;
  bookings_per_ramped_rep: number | null;
  ramped: number;
  ramped_bookings: number;
  /** Bookings of the reps with an OTE over the OTE they earned in the range. */
  bookings_per_ote: number | null;
  ote_bookings: number;
  ote_in_range: number | null;
}

/** The team-level people KPIs over the reps with a quota in the range (one row). */
export function repSummarySql(p: KpiParams, range: DateRange): Sql {
  return sql`WITH r AS (${repAttainmentSql(p, range)}),
    s AS (
      SELECT coalesce(sum(bookings), 0) AS bookings, sum(quota) AS quota,
        count(*) FILTER (WHERE coalesce(attainment, 0) >= 1) AS at_quota, count(*) AS with_quota,
        median(coalesce(attainment, 0)) AS median_attainment,
        count(*) FILTER (WHERE ramped) AS ramped, coalesce(sum(bookings) FILTER (WHERE ramped), 0) AS ramped_bookings,
        coalesce(sum(bookings) FILTER (WHERE ote_in_range > 0), 0) AS ote_bookings, sum(ote_in_range) FILTER (WHERE ote_in_range > 0) AS ote_in_range
      FROM r
    )
    SELECT bookings / nullif(quota, 0) AS rep_attainment, bookings, quota,
      at_quota / nullif(with_quota, 0) AS reps_at_quota_pct, at_quota, with_quota, median_attainment,
      ramped_bookings / nullif(ramped, 0) AS bookings_per_ramped_rep, ramped, ramped_bookings,
      ote_bookings / nullif(ote_in_range, 0) AS bookings_per_ote, ote_bookings, ote_in_range
    FROM s`;
}

export interface RepSummaryPoint {
  period: string;
  rep_attainment: number | null;
  reps_at_quota_pct: number | null;
  median_attainment: number | null;
}

/** The team's attainment figures per grain bucket of the range (the overview's sparklines), as repSummarySql per bucket. */
export function repSummarySeriesSql(p: KpiParams): Sql {
  const end = sql`CAST(r.period + to_months(r.period_months) - INTERVAL 1 DAY AS DATE)`;
  const buckets = bucketsOf(p.grain, p.range, p.fyStart).map(
    (b) => sql`SELECT CAST(${bucketStart(p.grain, b.from, p.fyStart)} AS DATE) AS bucket, CAST(${b.from} AS DATE) AS d0, CAST(${b.to} AS DATE) AS d1`,
  );
  return sql`WITH bk AS (${join(buckets, ' UNION ALL ')}),
    q AS (
      SELECT bk.bucket, r.rep, sum(r.quota * greatest(0, least(${end}, bk.d1) - greatest(r.period, bk.d0) + 1) / (${end} - r.period + 1)) AS quota
      FROM bk, reps r
      WHERE r.rep IS NOT NULL AND r.quota IS NOT NULL AND r.period IS NOT NULL AND ${filterWhere(p, 'reps', 'r')}
      GROUP BY ALL HAVING sum(r.quota * greatest(0, least(${end}, bk.d1) - greatest(r.period, bk.d0) + 1) / (${end} - r.period + 1)) > 0
    ),
    b AS (
      SELECT ${bucketSql(p.grain, sql`close_date`, p.fyStart)} AS bucket, owner AS rep, sum(amount) AS bookings FROM opportunities
      WHERE ${filterWhere(p, 'opportunities')} AND is_won AND ${inRange(sql`close_date`, p.range)} GROUP BY ALL
    ),
    per AS (SELECT q.bucket, q.quota, coalesce(b.bookings, 0) AS bookings, coalesce(b.bookings, 0) / q.quota AS att FROM q LEFT JOIN b USING (bucket, rep)),
    s AS (
      SELECT bucket, sum(bookings) / sum(quota) AS rep_attainment, count(*) FILTER (WHERE att >= 1) / count(*) AS reps_at_quota_pct,
        median(att) AS median_attainment
      FROM per GROUP BY bucket
    )
    SELECT strftime(bk.bucket, '%Y-%m-%d') AS period, s.rep_attainment, s.reps_at_quota_pct, s.median_attainment
    FROM bk LEFT JOIN s USING (bucket) ORDER BY bk.bucket`;
}

export interface SdrRow {
  sdr: string;
  start_date: string | null;
  sourced_bookings: number;
  sourced_won: number;
  cost_in_window: number | null;
  sdr_roi: number | null;
}

/** SDRs: reps whose role says SDR/BDR, and anyone named as an opportunity's SDR. */
function sdrsSql(p: KpiParams): Sql {
  return sql`SELECT name, min(start_date) AS start_date, max(annual_cost) AS annual_cost FROM (
      SELECT rep AS name, start_date, coalesce(cost, ote) AS annual_cost FROM reps WHERE rep IS NOT NULL AND ${SDR_ROLE} AND ${filterWhere(p, 'reps')}
      UNION ALL
      SELECT DISTINCT o.sdr, r.start_date, coalesce(r.cost, r.ote) FROM opportunities o LEFT JOIN reps r ON r.rep = o.sdr
      WHERE o.sdr IS NOT NULL AND ${filterWhere(p, 'opportunities', 'o')}
    ) GROUP BY name`;
}

export function sdrRoiSql(p: KpiParams, range: DateRange): Sql {
  const from = sql`greatest(CAST(${range.from} AS DATE), coalesce(s.start_date, CAST(${range.from} AS DATE)))`;
  return sql`WITH s AS (${sdrsSql(p)}),
    b AS (
      SELECT sdr, sum(amount) AS bookings, count(*) AS won FROM opportunities
      WHERE ${filterWhere(p, 'opportunities')} AND is_won AND sdr IS NOT NULL AND ${inRange(sql`close_date`, range)} GROUP BY 1
    )
    SELECT s.name AS sdr, strftime(s.start_date, '%Y-%m-%d') AS start_date, coalesce(b.bookings, 0) AS sourced_bookings,
      coalesce(b.won, 0) AS sourced_won,
      s.annual_cost * greatest(0, CAST(${range.to} AS DATE) - ${from} + 1) / 365 AS cost_in_window,
      coalesce(b.bookings, 0) / nullif(s.annual_cost * greatest(0, CAST(${range.to} AS DATE) - ${from} + 1) / 365, 0) AS sdr_roi
    FROM s LEFT JOIN b ON b.sdr = s.name
    ORDER BY sdr_roi DESC NULLS LAST, sourced_bookings DESC, s.name`;
}

export interface SdrTotal {
  sdr_roi: number | null;
  /** Sourced bookings and cost of the SDRs with a cost or OTE (the others cannot have a return). */
  bookings: number;
  cost: number | null;
}

/** All SDRs together: sourced bookings over their cost in the window (SDRs with a cost). */
export function sdrTotalSql(p: KpiParams, range: DateRange): Sql {
  return sql`WITH s AS (${sdrRoiSql(p, range)})
    SELECT coalesce(sum(sourced_bookings) FILTER (WHERE cost_in_window > 0), 0) / nullif(sum(cost_in_window) FILTER (WHERE cost_in_window > 0), 0) AS sdr_roi,
      coalesce(sum(sourced_bookings) FILTER (WHERE cost_in_window > 0), 0) AS bookings,
      sum(cost_in_window) FILTER (WHERE cost_in_window > 0) AS cost
    FROM s`;
}

export interface SdrCurvePoint {
  sdr: string;
  month: number;
  bookings: number;
  cost: number;
  multiple: number | null;
}

/**
 * Per SDR and month since their start (0 = the start month; the first month of data for an SDR who
 * started before it), cumulative sourced bookings against cumulative cost (a twelfth of the annual
 * cost a month), up to the as-of date.
 */
export function sdrCurveSql(p: KpiParams, months = 24): Sql {
  return sql`WITH s AS (${sdrsSql(p)}),
    -- Months before the data begins are unobserved, not months without bookings: start there at the earliest.
    starts AS (
      SELECT s.name, greatest(coalesce(s.start_date, (SELECT min(created_at) FROM opportunities WHERE sdr = s.name)),
        (SELECT min(created_at) FROM opportunities)) AS start_date, s.annual_cost
      FROM s
    ),
    grid AS (SELECT st.*, m.month FROM starts st CROSS JOIN (SELECT unnest(range(0, ${int(months)})) AS month) m
      WHERE st.start_date IS NOT NULL AND st.annual_cost > 0 AND st.start_date + to_months(CAST(m.month AS INTEGER)) <= CAST(${p.asOf} AS DATE)),
    won AS (SELECT sdr, close_date, amount FROM opportunities WHERE ${filterWhere(p, 'opportunities')} AND is_won AND sdr IS NOT NULL)
    SELECT g.name AS sdr, g.month,
      coalesce((SELECT sum(amount) FROM won WHERE won.sdr = g.name AND won.close_date >= g.start_date
        AND won.close_date < g.start_date + to_months(CAST(g.month + 1 AS INTEGER))), 0) AS bookings,
      g.annual_cost / 12 * (g.month + 1) AS cost,
      coalesce((SELECT sum(amount) FROM won WHERE won.sdr = g.name AND won.close_date >= g.start_date
        AND won.close_date < g.start_date + to_months(CAST(g.month + 1 AS INTEGER))), 0) / (g.annual_cost / 12 * (g.month + 1)) AS multiple
    FROM grid g ORDER BY g.name, g.month`;
}

/** The first month (1-based count of months since the start) in which the cumulative multiple reaches `target`. */
export function monthsToMultiple(curve: readonly SdrCurvePoint[], sdr: string, target: number): number | null {
  const hit = curve.find((c) => c.sdr === sdr && c.multiple !== null && c.multiple >= target);
  return hit ? hit.month + 1 : null;
}
