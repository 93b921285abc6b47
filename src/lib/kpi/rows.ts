// The rows behind a tile: the records counted in its numerator and, for a ratio, its denominator.
// Each query returns display-ready columns (dates as ISO text), from the same predicates as the KPI.

import { ident, sql, type Sql } from '../db/sql';
import type { NetNewBasis } from './attainment';
import { inRange } from './common';
import { filterWhere } from './filters';
import { funnelSql, type StagePick } from './funnel';
import type { KpiParams } from './params';
import { addDays, addMonths, fiscalYearStart, type DateRange } from './period';
import type { KpiId } from './registry';
import { repAttainmentSql } from './people';
import { accountMonthsSql } from './revenue';

export interface RowsQuery {
  numerator: Sql;
  denominator: Sql | null;
  /** The column whose sum (or, without one, the row count) is the numerator's value. */
  sum: string | null;
}

const OPP_COLUMNS = sql`opportunity_id, opportunity_name, account_name, owner, stage, amount, currency,
  strftime(created_at, '%Y-%m-%d') AS created_at, strftime(close_date, '%Y-%m-%d') AS close_date, type, source, segment, region, product, sdr`;
const LEAD_COLUMNS = sql`lead_id, owner, source, status, segment, region, strftime(created_at, '%Y-%m-%d') AS created_at,
  strftime(qualified_at, '%Y-%m-%d') AS qualified_at, strftime(converted_at, '%Y-%m-%d') AS converted_at, opportunity_id`;

function opps(p: KpiParams, where: Sql, order: Sql = sql`close_date DESC NULLS LAST, opportunity_id`): Sql {
  return sql`SELECT ${OPP_COLUMNS} FROM opportunities WHERE ${filterWhere(p, 'opportunities')} AND ${where} ORDER BY ${order}`;
}

function leads(p: KpiParams, where: Sql): Sql {
  return sql`SELECT ${LEAD_COLUMNS} FROM leads WHERE ${filterWhere(p, 'leads')} AND ${where} ORDER BY created_at DESC, lead_id`;
}

function funnelRows(p: KpiParams, pick: StagePick, where: Sql): Sql {
  return sql`SELECT ${OPP_COLUMNS}, strftime(s1_at, '%Y-%m-%d') AS stage_1_at, strftime(s2_at, '%Y-%m-%d') AS stage_2_at, reached_s2
    FROM (${funnelSql(p, pick, true)}) WHERE ${where} ORDER BY s1_at DESC, opportunity_id`;
}

/** Account-level MRR rows for the range: opening and closing MRR and the movements. */
function accounts(p: KpiParams, range: DateRange, where: Sql): Sql {
  return sql`WITH am AS (${accountMonthsSql(p)}),
    r AS (SELECT CAST(date_trunc('month', CAST(${range.from} AS DATE)) AS DATE) AS first, CAST(date_trunc('month', CAST(${range.to} AS DATE)) AS DATE) AS last),
    a AS (
      SELECT account_id,
        sum(mrr) FILTER (WHERE month = (SELECT first FROM r) - INTERVAL 1 MONTH) AS opening_mrr,
        sum(mrr) FILTER (WHERE month = (SELECT last FROM r)) AS closing_mrr,
        sum(new_mrr) FILTER (WHERE month BETWEEN (SELECT first FROM r) AND (SELECT last FROM r)) AS new_mrr,
        sum(expansion_mrr) FILTER (WHERE month BETWEEN (SELECT first FROM r) AND (SELECT last FROM r)) AS expansion_mrr,
        sum(reactivation_mrr) FILTER (WHERE month BETWEEN (SELECT first FROM r) AND (SELECT last FROM r)) AS reactivation_mrr,
        sum(contraction_mrr) FILTER (WHERE month BETWEEN (SELECT first FROM r) AND (SELECT last FROM r)) AS contraction_mrr,
        sum(churn_mrr) FILTER (WHERE month BETWEEN (SELECT first FROM r) AND (SELECT last FROM r)) AS churn_mrr
      FROM am GROUP BY 1
    )
    SELECT * FROM (
      SELECT account_id, coalesce(opening_mrr, 0) AS opening_mrr, coalesce(closing_mrr, 0) AS closing_mrr,
        least(coalesce(closing_mrr, 0), coalesce(opening_mrr, 0)) AS closing_capped_mrr,
        coalesce(new_mrr, 0) AS new_mrr, coalesce(expansion_mrr, 0) AS expansion_mrr, coalesce(reactivation_mrr, 0) AS reactivation_mrr,
        coalesce(contraction_mrr, 0) AS contraction_mrr, coalesce(churn_mrr, 0) AS churn_mrr
      FROM a
    ) WHERE ${where} ORDER BY closing_mrr DESC, account_id`;
}

function targetRows(p: KpiParams, r: DateRange): Sql {
  return sql`SELECT strftime(period, '%Y-%m-%d') AS period, period_months, target, team, product FROM targets
    WHERE ${filterWhere(p, 'targets')} AND period <= CAST(${r.to} AS DATE) AND period + to_months(period_months) > CAST(${r.from} AS DATE) ORDER BY period`;
}

/**
 * Whether rowsQuery gives `id` rows, without building them: tiles ask at every render, and building
 * every tile's SQL to find out took a few ms of each view change in Chromium. rowsQuery asks it
 * first, so the two cannot disagree (rows.test.ts checks every KPI).
 */
export function hasRowsFor(id: KpiId, basis: NetNewBasis): boolean {
  return id === 'arpa' ? basis === 'revenue' : id !== 'product_net_new';
}

/** The rows query of a KPI, or null when its value has no rows to show (a forecast, a median). */
export function rowsQuery(id: KpiId, p: KpiParams, pick: StagePick, basis: NetNewBasis): RowsQuery | null {
  if (!hasRowsFor(id, basis)) return null;
  const r = p.range;
  const closed = inRange(sql`close_date`, r);
  const created = inRange(sql`created_at`, r);
  const q = (numerator: Sql, sum: string | null, denominator: Sql | null = null): RowsQuery => ({ numerator, denominator, sum });
  switch (id) {
    case 'won_deals':
      return q(opps(p, sql`is_won AND ${closed}`), null);
    case 'lost_deals':
      return q(opps(p, sql`is_lost AND ${closed}`), null);
    case 'win_rate':
      return q(opps(p, sql`is_won AND ${closed}`), null, opps(p, sql`is_closed AND ${closed}`));
    case 'new_bookings':
    case 'avg_deal_size':
      return q(opps(p, sql`is_won AND deal_type = 'new' AND ${closed}`), 'amount');
    case 'expansion_bookings':
      return q(opps(p, sql`is_won AND deal_type = 'expansion' AND ${closed}`), 'amount');
    case 'sales_cycle_days':
      return q(sql`SELECT *, CAST(close_date AS DATE) - CAST(created_at AS DATE) AS cycle_days FROM (${opps(p, sql`is_won AND ${closed} AND created_at IS NOT NULL`)})`, null);
    case 'pipeline_created_amount':
      return q(opps(p, created, sql`created_at DESC, opportunity_id`), 'amount');
    case 'win_rate_created':
      return q(opps(p, sql`is_won AND ${created}`), null, opps(p, created));
    case 'new_customers':
      return q(opps(p, sql`first_win AND ${closed}`), null);
    case 'stage1_created':
      return q(funnelRows(p, pick, inRange(sql`s1_at`, r)), null);
    case 'stage2_created':
      return q(funnelRows(p, pick, inRange(sql`s2_at`, r)), null);
    case 'stage1_to_stage2_rate':
      return q(funnelRows(p, pick, sql`${inRange(sql`s1_at`, r)} AND reached_s2`), null, funnelRows(p, pick, inRange(sql`s1_at`, r)));
    case 'leads_created':
      return q(leads(p, created), null);
    case 'leads_qualified':
      return q(leads(p, inRange(sql`qualified_at`, r)), null);
    case 'lead_qualification_rate':
      return q(leads(p, sql`${created} AND qualified_at IS NOT NULL`), null, leads(p, created));
    case 'sdr_handoffs':
      return p.fields.leads?.has('converted_at') ? q(leads(p, inRange(sql`converted_at`, r)), null) : q(opps(p, sql`sdr IS NOT NULL AND ${created}`), null);
    case 'rep_attainment':
      return q(opps(p, sql`is_won AND ${closed} AND owner IN (SELECT rep FROM reps WHERE quota IS NOT NULL)`), 'amount');
    case 'sdr_roi':
      return q(opps(p, sql`is_won AND ${closed} AND sdr IS NOT NULL`), 'amount');
    case 'net_new_revenue':
      return basis === 'bookings' ? q(opps(p, sql`is_won AND deal_type IN ('new', 'expansion') AND ${closed}`), 'amount') : q(accounts(p, r, sql`TRUE`), null);
    case 'mrr_new':
    case 'mrr_expansion':
    case 'mrr_contraction':
    case 'mrr_churn':
    case 'mrr_reactivation': {
      const column = `${id.slice(4)}_mrr`;
      return q(accounts(p, r, sql`${ident(column)} > 0`), column);
    }
    case 'nrr':
      return q(accounts(p, r, sql`opening_mrr > 0`), 'closing_mrr');
    case 'grr':
      return q(accounts(p, r, sql`opening_mrr > 0`), 'closing_capped_mrr');
    case 'logo_churn':
      return q(accounts(p, r, sql`opening_mrr > 0 AND closing_mrr <= 0`), null, accounts(p, r, sql`opening_mrr > 0`));
    case 'arpa':
      return q(accounts(p, r, sql`closing_mrr > 0`), 'closing_mrr');
    case 'leads_per_sdr':
      return q(leads(p, created), null);
    case 'days_to_qualify':
      return q(sql`SELECT *, CAST(qualified_at AS DATE) - CAST(created_at AS DATE) AS days_to_qualify FROM (${leads(p, inRange(sql`qualified_at`, r))})`, null);
    case 'forecast_pipeline':
      return q(opps(p, sql`NOT is_closed AND close_date > CAST(${p.asOf} AS DATE)`, sql`close_date, opportunity_id`), 'amount');
    case 'reps_at_quota_pct':
    case 'median_attainment':
    case 'bookings_per_ote':
    case 'bookings_per_ramped_rep':
      return q(repAttainmentSql(p, r), null);
    case 'forecast_year_end': {
      // The year to date the forecast starts from; the projection itself has no rows.
      const ytd = { from: fiscalYearStart(p.asOf, p.fyStart), to: p.asOf };
      return basis === 'bookings'
        ? q(opps(p, sql`is_won AND deal_type IN ('new', 'expansion') AND ${inRange(sql`close_date`, ytd)}`), 'amount')
        : q(accounts(p, ytd, sql`TRUE`), null);
    }
    case 'forecast_gap': {
      const fy = fiscalYearStart(p.asOf, p.fyStart);
      return q(targetRows(p, { from: fy, to: addDays(addMonths(fy, 12), -1) }), 'target');
    }
    case 'target_attainment':
      return basis === 'bookings' ? q(opps(p, sql`is_won AND deal_type IN ('new', 'expansion') AND ${closed}`), 'amount', targetRows(p, r)) : q(accounts(p, r, sql`TRUE`), null, targetRows(p, r));
    case 'target':
      return q(targetRows(p, r), null);
    default:
      return null;
  }
}
