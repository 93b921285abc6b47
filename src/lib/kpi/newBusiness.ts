// New business KPIs (DESIGN.md section 4): won/lost deals, win rate, bookings, deal size, sales cycle,
// pipeline created and new customers, for a range, per grain bucket, and per owner.

import { ident, literal, sql, type Sql } from '../db/sql';
import { inRange } from './common';
import { closedFacts, countWhere, createdFacts, cycleFacts, medianCycle } from './daily';
import { filterWhere } from './filters';
import { distributionsSql } from './distribution';
import type { KpiParams } from './params';
import { bucketSeriesSql, bucketSql, type DateRange } from './period';

export interface NewBusinessTiles {
  won_deals: number;
  lost_deals: number;
  win_rate: number | null;
  new_bookings: number;
  avg_deal_size: number | null;
  sales_cycle_days: number | null;
  pipeline_created_amount: number;
  new_customers: number | null;
  expansion_bookings: number;
  new_deals: number;
  /** Variant: of the opportunities created in the period, the share won so far. */
  win_rate_created: number | null;
  created_deals: number;
  won_of_created: number;
  /** New-business ARPA (bookings per new customer), for when no revenue file is loaded. */
  bookings_arpa: number | null;
}

/** Headline tiles for `range` (the current range or the comparison range). */
export function newBusinessTilesSql(p: KpiParams, range: DateRange): Sql {
  // Closed and created in the range are read apart, each with its range as the scan's filter (a CTE
  // read twice would be materialised whole, every column of every row).
  return sql`WITH t AS (
      SELECT
        ${countWhere('is_won')} AS won_deals,
        ${countWhere('is_lost')} AS lost_deals,
        coalesce(sum(amount) FILTER (WHERE is_won AND deal_type = 'new'), 0) AS new_bookings,
        ${countWhere("is_won AND deal_type = 'new'")} AS new_deals,
        coalesce(sum(amount) FILTER (WHERE is_won AND deal_type = 'expansion'), 0) AS expansion_bookings,
        -- first_win: each account's first won opportunity over all data, flagged at load (the filters
        -- then apply to it). Without account keys new customers are unknown, not zero.
        CASE WHEN NOT EXISTS (SELECT 1 FROM opportunities WHERE account_key IS NOT NULL) THEN NULL ELSE ${countWhere('first_win')} END AS new_customers
      FROM (${closedFacts(p, range)})
    ),
    -- The median from the won deals' cycles counted per close date and length.
    cycle AS (SELECT ${medianCycle(cycleFacts(p, range))} AS sales_cycle_days),
    cr AS (
      SELECT coalesce(sum(amount), 0) AS pipeline_created_amount, coalesce(sum(n), 0) AS created_deals, ${countWhere('is_won')} AS won_of_created
      FROM (${createdFacts(p, range)})
    )
    SELECT won_deals, lost_deals,
      won_deals / nullif(won_deals + lost_deals, 0) AS win_rate,
      new_bookings,
      new_bookings / nullif(new_deals, 0) AS avg_deal_size,
      sales_cycle_days, pipeline_created_amount, new_customers,
      expansion_bookings, new_deals, won_of_created / nullif(created_deals, 0) AS win_rate_created, created_deals, won_of_created,
      new_bookings / nullif(new_customers, 0) AS bookings_arpa
    FROM t, cycle, cr`;
}

export interface NewBusinessPoint {
  period: string;
  won_deals: number;
  lost_deals: number;
  win_rate: number | null;
  new_bookings: number;
  /** Accounts whose first won opportunity closed in the bucket. */
  new_customers: number;
  /** The created-cohort variant: opportunities created in the bucket, those won so far, and the share. */
  created_deals: number;
  won_of_created: number;
  win_rate_created: number | null;
}

/**
 * Bookings, won/lost and win rate per grain bucket of the range; every bucket present, empty ones as
 * zero. The created-cohort win rate buckets by created_at instead (won so far of those created).
 */
export function newBusinessSeriesSql(p: KpiParams): Sql {
  const bucket = bucketSql(p.grain, sql`close_date`, p.fyStart);
  const createdBucket = bucketSql(p.grain, sql`created_at`, p.fyStart);
  return sql`WITH b AS (${bucketSeriesSql(p.grain, p.range, p.fyStart)}),
    o AS (
      SELECT ${bucket} AS bucket,
        ${countWhere('is_won')} AS won_deals,
        ${countWhere('is_lost')} AS lost_deals,
        coalesce(sum(amount) FILTER (WHERE is_won AND deal_type = 'new'), 0) AS new_bookings,
        ${countWhere('is_won AND first_win')} AS new_customers
      FROM (${closedFacts(p, p.range)})
      GROUP BY ALL
    ),
    c AS (
      SELECT ${createdBucket} AS bucket, sum(n) AS created_deals, ${countWhere('is_won')} AS won_of_created
      FROM (${createdFacts(p, p.range)})
      GROUP BY ALL
    )
    SELECT strftime(b.bucket, '%Y-%m-%d') AS period,
      coalesce(won_deals, 0) AS won_deals,
      coalesce(lost_deals, 0) AS lost_deals,
      won_deals / nullif(won_deals + lost_deals, 0) AS win_rate,
      coalesce(new_bookings, 0) AS new_bookings,
      coalesce(new_customers, 0) AS new_customers,
      coalesce(created_deals, 0) AS created_deals,
      coalesce(won_of_created, 0) AS won_of_created,
      won_of_created / nullif(created_deals, 0) AS win_rate_created
    FROM b LEFT JOIN o USING (bucket) LEFT JOIN c USING (bucket)
    ORDER BY b.bucket`;
}

export const BREAKDOWNS = ['owner', 'segment', 'source', 'product', 'team', 'type', 'region'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface BreakdownRow {
  key: string | null;
  new_bookings: number;
  won_deals: number;
  lost_deals: number;
  win_rate: number | null;
  avg_deal_size: number | null;
  /** Accounts whose first won opportunity closed in the range with this key. */
  new_customers: number;
  sales_cycle_days: number | null;
  /** New-business bookings per new customer (bookings-based ARPA). */
  arpa: number | null;
}

/** New business by one dimension, closed in the range, largest bookings first. */
export function newBusinessBySql(p: KpiParams, by: Breakdown): Sql {
  return sql`SELECT ${ident(by)} AS key,
      coalesce(sum(amount) FILTER (WHERE is_won AND deal_type = 'new'), 0) AS new_bookings,
      count(*) FILTER (WHERE is_won) AS won_deals, count(*) FILTER (WHERE is_lost) AS lost_deals,
      count(*) FILTER (WHERE is_won) / nullif(count(*) FILTER (WHERE is_won OR is_lost), 0) AS win_rate,
      sum(amount) FILTER (WHERE is_won AND deal_type = 'new') / nullif(count(*) FILTER (WHERE is_won AND deal_type = 'new'), 0) AS avg_deal_size,
      count(*) FILTER (WHERE is_won AND first_win) AS new_customers,
      median(close_date - created_at) FILTER (WHERE is_won AND created_at IS NOT NULL) AS sales_cycle_days,
      coalesce(sum(amount) FILTER (WHERE is_won AND deal_type = 'new'), 0) / nullif(count(*) FILTER (WHERE is_won AND first_win), 0) AS arpa
    FROM opportunities WHERE ${filterWhere(p, 'opportunities')} AND ${inRange(sql`close_date`, p.range)} AND is_closed
    GROUP BY 1 ORDER BY new_bookings DESC, won_deals DESC, key`;
}

/** What each row of wonDealDistributionsSql describes, in its `of` column. */
export const WON_DEAL_DISTRIBUTIONS = { sizes: 'amount', cycles: 'cycle_days' } as const;

/**
 * How the won new deals of the range spread: their sizes (amounts) and sales cycles (days from
 * creation to close), one row each (kpi/distribution.ts), told apart by WON_DEAL_DISTRIBUTIONS. A
 * range of several years at 1M opportunities holds about 180,000 of them: counted here, not handed
 * to the page.
 */
export function wonDealDistributionsSql(p: KpiParams): Sql {
  const { sizes, cycles } = WON_DEAL_DISTRIBUTIONS;
  return distributionsSql(sql`SELECT unnest([${literal(sizes)}, ${literal(cycles)}]) AS of, unnest([amount, CAST(close_date - created_at AS DOUBLE)]) AS v
    FROM opportunities WHERE ${filterWhere(p, 'opportunities')} AND is_won AND deal_type = 'new' AND ${inRange(sql`close_date`, p.range)}`);
}


