// Lead generation (DESIGN.md section 4): leads created and qualified, the qualification rate of
// the leads created in the period (a cohort: young periods flagged immature), SDR handoffs, leads
// per SDR (capacity) and days to qualify; by period, source and SDR.

import { ident, sql, type Sql } from '../db/sql';
import { inRange } from './common';
import { filterWhere } from './filters';
import type { KpiParams } from './params';
import { bucketSeriesSql, bucketSql, type DateRange } from './period';

export interface LeadTiles {
  leads_created: number;
  leads_qualified: number;
  lead_qualification_rate: number | null;
  qualified_of_created: number;
  sdr_handoffs: number | null;
  active_sdrs: number;
  leads_per_sdr: number | null;
  days_to_qualify: number | null;
  /** The qualification cohort is younger than the usual (75th percentile) time to qualify. */
  qualification_immature: boolean;
}

/** Handoffs come from the leads' converted date, else from opportunities an SDR sourced. */
export function handoffSource(p: KpiParams): 'leads' | 'opportunities' | null {
  if (p.fields.leads?.has('converted_at')) return 'leads';
  if (p.fields.opportunities?.has('sdr')) return 'opportunities';
  return null;
}

function handoffsIn(p: KpiParams, range: DateRange): Sql {
  const source = handoffSource(p);
  if (source === 'leads') return sql`(SELECT count(*) FROM leads WHERE ${filterWhere(p, 'leads')} AND ${inRange(sql`converted_at`, range)})`;
  if (source === 'opportunities') {
    return sql`(SELECT count(*) FROM opportunities WHERE ${filterWhere(p, 'opportunities')} AND sdr IS NOT NULL AND ${inRange(sql`created_at`, range)})`;
  }
  return sql`CAST(NULL AS BIGINT)`;
}

export function leadTilesSql(p: KpiParams, range: DateRange): Sql {
  const created = inRange(sql`created_at`, range);
  return sql`WITH l AS (SELECT * FROM leads WHERE ${filterWhere(p, 'leads')}),
    t AS (
      SELECT count(*) FILTER (WHERE ${created}) AS leads_created,
        count(*) FILTER (WHERE ${inRange(sql`qualified_at`, range)}) AS leads_qualified,
        count(*) FILTER (WHERE ${created} AND qualified_at IS NOT NULL) AS qualified_of_created,
        count(DISTINCT owner) FILTER (WHERE ${created}) AS active_sdrs,
        median(qualified_at - created_at) FILTER (WHERE ${inRange(sql`qualified_at`, range)}) AS days_to_qualify,
        quantile_cont(qualified_at - created_at, 0.75) FILTER (WHERE qualified_at >= created_at) AS p75_days
      FROM l
    )
    SELECT leads_created, leads_qualified, qualified_of_created,
      qualified_of_created / nullif(leads_created, 0) AS lead_qualification_rate,
      ${handoffsIn(p, range)} AS sdr_handoffs,
      active_sdrs, leads_created / nullif(active_sdrs, 0) AS leads_per_sdr, days_to_qualify,
      coalesce(CAST(${range.to} AS DATE) + CAST(ceil(p75_days) AS INTEGER) > CAST(${p.asOf} AS DATE), FALSE) AS qualification_immature
    FROM t`;
}

export interface LeadPoint {
  period: string;
  leads_created: number;
  leads_qualified: number;
  qualification_rate: number | null;
  sdr_handoffs: number | null;
  active_sdrs: number;
  leads_per_sdr: number | null;
  days_to_qualify: number | null;
}

/** Per grain bucket; the qualification rate is that of the leads created in the bucket. */
export function leadSeriesSql(p: KpiParams): Sql {
  const b = (column: string) => bucketSql(p.grain, ident(column), p.fyStart);
  const source = handoffSource(p);
  const handoffs =
    source === 'leads'
      ? sql`SELECT ${b('converted_at')} AS bucket, count(*) AS n FROM leads WHERE ${filterWhere(p, 'leads')} AND ${inRange(sql`converted_at`, p.range)} GROUP BY 1`
      : source === 'opportunities'
        ? sql`SELECT ${b('created_at')} AS bucket, count(*) AS n FROM opportunities WHERE ${filterWhere(p, 'opportunities')} AND sdr IS NOT NULL AND ${inRange(sql`created_at`, p.range)} GROUP BY 1`
        : sql`SELECT CAST(NULL AS DATE) AS bucket, CAST(NULL AS BIGINT) AS n WHERE FALSE`;
  return sql`WITH bk AS (${bucketSeriesSql(p.grain, p.range, p.fyStart)}),
    l AS (SELECT * FROM leads WHERE ${filterWhere(p, 'leads')}),
    c AS (
      SELECT ${b('created_at')} AS bucket, count(*) AS created, count(*) FILTER (WHERE qualified_at IS NOT NULL) AS qualified_of_created,
        count(DISTINCT owner) AS sdrs
      FROM l WHERE ${inRange(sql`created_at`, p.range)} GROUP BY 1
    ),
    q AS (SELECT ${b('qualified_at')} AS bucket, count(*) AS qualified, median(qualified_at - created_at) AS days
      FROM l WHERE ${inRange(sql`qualified_at`, p.range)} GROUP BY 1),
    h AS (${handoffs})
    SELECT strftime(bk.bucket, '%Y-%m-%d') AS period, coalesce(c.created, 0) AS leads_created, coalesce(q.qualified, 0) AS leads_qualified,
      c.qualified_of_created / nullif(c.created, 0) AS qualification_rate,
      CASE WHEN ${source !== null} THEN coalesce(h.n, 0) END AS sdr_handoffs,
      coalesce(c.sdrs, 0) AS active_sdrs, c.created / nullif(c.sdrs, 0) AS leads_per_sdr, q.days AS days_to_qualify
    FROM bk LEFT JOIN c USING (bucket) LEFT JOIN q USING (bucket) LEFT JOIN h USING (bucket)
    ORDER BY bk.bucket`;
}

export interface LeadBreakdown {
  key: string | null;
  /** Created in the range. */
  leads_created: number;
  /** Qualified in the range (whenever created). */
  leads_qualified: number;
  /** Of the leads created in the range, those qualified so far, and their share. */
  qualified_of_created: number;
  qualification_rate: number | null;
  /** Handed off in the range, as sdr_handoffs counts them (null when no file says). */
  sdr_handoffs: number | null;
}

/**
 * The lead-generation KPIs by source or by SDR, each by its own date as in the tiles: created,
 * qualified and handed off in the range. Handoffs come from the leads' converted dates, else from
 * opportunities with an SDR (by their SDR or source).
 */
export function leadBreakdownSql(p: KpiParams, by: 'source' | 'owner'): Sql {
  const source = handoffSource(p);
  const oppKey = by === 'owner' ? sql`sdr` : sql`source`;
  const fromOpps =
    source === 'opportunities'
      ? sql`UNION ALL SELECT ${oppKey} AS key, 0, 0, 0, count(*) FROM opportunities
          WHERE ${filterWhere(p, 'opportunities')} AND sdr IS NOT NULL AND ${inRange(sql`created_at`, p.range)} GROUP BY 1`
      : sql``;
  const handoffs = source === 'leads' ? sql`count(*) FILTER (WHERE ${inRange(sql`converted_at`, p.range)})` : sql`0`;
  return sql`WITH per AS (
      SELECT ${ident(by)} AS key,
        count(*) FILTER (WHERE ${inRange(sql`created_at`, p.range)}) AS created,
        count(*) FILTER (WHERE ${inRange(sql`qualified_at`, p.range)}) AS qualified,
        count(*) FILTER (WHERE ${inRange(sql`created_at`, p.range)} AND qualified_at IS NOT NULL) AS qualified_of_created,
        ${handoffs} AS handoffs
      FROM leads WHERE ${filterWhere(p, 'leads')} GROUP BY 1
      ${fromOpps}
    )
    SELECT key, sum(created) AS leads_created, sum(qualified) AS leads_qualified, sum(qualified_of_created) AS qualified_of_created,
      sum(qualified_of_created) / nullif(sum(created), 0) AS qualification_rate,
      CASE WHEN ${source !== null} THEN sum(handoffs) END AS sdr_handoffs
    FROM per GROUP BY key
    HAVING sum(created) + sum(qualified) + sum(handoffs) > 0
    ORDER BY leads_created DESC, sdr_handoffs DESC NULLS LAST, key`;
}
