// Pipeline creation (DESIGN.md section 4): stage-1 and stage-2 opportunities created, the share of
// a period's stage-1 opportunities that reached stage 2 so far, per period; the stage funnel; and
// the conversion cohorts lead -> stage 1 -> stage 2 -> won.

import { raw, sql, type Sql } from '../db/sql';
import { cohortAtAgesSql, cohortTableSql, type CohortSpec } from './cohorts';
import { inRange } from './common';
import { filterWhere } from './filters';
import { countWhere } from './daily';
import { funnelSql, hasHistory, type StagePick } from './funnel';
import type { KpiParams } from './params';
import { addDays, bucketSeriesSql, bucketSql, type DateRange } from './period';

export interface PipelineTiles {
  stage1_created: number;
  stage2_created: number | null;
  stage1_to_stage2_rate: number | null;
  reached_s2_of_s1: number;
  /** Stage-2 entry dates are known for some opportunities (else stage 2 is inferred from the current stage). */
  s2_dated: boolean;
  /** The period's stage-1 cohort is younger than the usual time to stage 2. */
  rate_immature: boolean;
}

/**
 * What the funnel says whatever the range: whether stage-2 entry dates are known, and the 75th
 * percentile of the days from stage 1 to stage 2. A period and its comparison share it, and it is
 * answered from the cache when only the range changes.
 */
export function pipelineStatsSql(p: KpiParams, pick: StagePick): Sql {
  return sql`SELECT count(s2_at) > 0 AS s2_dated, quantile_cont(s2_at - s1_at, 0.75) FILTER (WHERE s2_at >= s1_at) AS p75_days
    FROM (${funnelSql(p, pick)})`;
}

export interface PipelineStats {
  s2_dated: boolean;
  p75_days: number | null;
}

/** Stage-1 and stage-2 entries in the range, and the stage-1 ones that reached stage 2 so far. */
export function pipelineCountsSql(p: KpiParams, range: DateRange, pick: StagePick): Sql {
  return sql`SELECT ${countWhere(inRange(sql`s1_at`, range))} AS stage1_created,
      ${countWhere(inRange(sql`s2_at`, range))} AS stage2_dated_count,
      ${countWhere(sql`${inRange(sql`s1_at`, range)} AND reached_s2`)} AS reached_s2_of_s1
    FROM (${funnelSql(p, pick, false, range, true)})`;
}

export interface PipelineCounts {
  stage1_created: number;
  stage2_dated_count: number;
  reached_s2_of_s1: number;
}

/** The pipeline tiles of `range` from its counts and the funnel's stats. */
export function pipelineTilesOf(c: PipelineCounts, s: PipelineStats, range: DateRange, asOf: string): PipelineTiles {
  return {
    stage1_created: c.stage1_created,
    stage2_created: s.s2_dated ? c.stage2_dated_count : null,
    reached_s2_of_s1: c.reached_s2_of_s1,
    stage1_to_stage2_rate: c.stage1_created ? c.reached_s2_of_s1 / c.stage1_created : null,
    s2_dated: s.s2_dated,
    // Young: the usual time to stage 2 after the range's end has not passed by the as-of date.
    rate_immature: s.p75_days === null ? !s.s2_dated : addDays(range.to, Math.ceil(s.p75_days)) > asOf,
  };
}

export interface PipelinePoint {
  period: string;
  stage1_created: number;
  stage2_created: number | null;
  stage1_to_stage2_rate: number | null;
  pipeline_created_amount: number;
}

export function pipelineSeriesSql(p: KpiParams, pick: StagePick): Sql {
  return sql`WITH bk AS (${bucketSeriesSql(p.grain, p.range, p.fyStart)}),
    f AS MATERIALIZED (${funnelSql(p, pick, false, p.range, true)}),
    -- Over every opportunity: f holds only the range's when there is no history.
    dated AS (SELECT count(s2_at) > 0 AS s2_dated FROM ${hasHistory(p) ? sql`f` : sql`(${funnelSql(p, pick, false, undefined, true)})`}),
    s1 AS (SELECT ${bucketSql(p.grain, sql`s1_at`, p.fyStart)} AS bucket, sum(n) AS n, ${countWhere('reached_s2')} AS reached
      FROM f WHERE ${inRange(sql`s1_at`, p.range)} GROUP BY 1),
    s2 AS (SELECT ${bucketSql(p.grain, sql`s2_at`, p.fyStart)} AS bucket, sum(n) AS n FROM f WHERE ${inRange(sql`s2_at`, p.range)} GROUP BY 1),
    amt AS (SELECT ${bucketSql(p.grain, sql`created_at`, p.fyStart)} AS bucket, sum(amount) AS amount
      FROM f WHERE ${inRange(sql`created_at`, p.range)} GROUP BY 1)
    SELECT strftime(bk.bucket, '%Y-%m-%d') AS period, coalesce(s1.n, 0) AS stage1_created,
      CASE WHEN (SELECT s2_dated FROM dated) THEN coalesce(s2.n, 0) END AS stage2_created,
      s1.reached / nullif(s1.n, 0) AS stage1_to_stage2_rate, coalesce(amt.amount, 0) AS pipeline_created_amount
    FROM bk LEFT JOIN s1 USING (bucket) LEFT JOIN s2 USING (bucket) LEFT JOIN amt USING (bucket)
    ORDER BY bk.bucket`;
}

export interface FunnelStep {
  ord: number;
  stage: string;
  reached: number;
}

/**
 * Of the opportunities that entered the pipeline in the range: how many reached each open stage
 * and won. An opportunity reached stage k when its current stage, its history or a win says so.
 */
export function stageFunnelSql(p: KpiParams, pick: StagePick): Sql {
  const history = hasHistory(p);
  return sql`WITH f AS (${funnelSql(p, pick, false, p.range, true)}),
    hist AS (
      SELECT h.opportunity_id, max(so.ord) FILTER (WHERE NOT so.is_lost AND NOT so.is_won) AS hist_ord
      FROM stage_history h JOIN stage_order so ON so.stage_key = h.stage_key
      GROUP BY 1
    ),
    opens AS (SELECT ord, any_value(stage) AS stage FROM stage_order WHERE NOT is_won AND NOT is_lost GROUP BY ord),
    top AS (SELECT max(ord) AS n FROM opens),
    o AS (
      SELECT CASE WHEN f.is_won THEN (SELECT n FROM top) + 1 ELSE greatest(coalesce(f.cur_ord, 1), ${history ? sql`coalesce(hist.hist_ord, 1)` : raw('1')}) END AS max_ord, f.is_won, f.n
      FROM f ${history ? sql`LEFT JOIN hist USING (opportunity_id)` : raw('')}
      WHERE ${inRange(sql`coalesce(f.s1_at, f.created_at)`, p.range)}
    )
    SELECT opens.ord, opens.stage, (SELECT ${countWhere('o.max_ord >= opens.ord')} FROM o) AS reached FROM opens
    UNION ALL
    SELECT (SELECT n FROM top) + 1 AS ord, 'won' AS stage, (SELECT ${countWhere('is_won')} FROM o) AS reached
    ORDER BY ord`;
}

export type CohortTransition = 'lead_to_s1' | 's1_to_s2' | 's2_to_won' | 's1_to_won';

/** Whether the leads say when they became opportunities (a converted date, or a link to one). */
export function leadsConvert(p: KpiParams): boolean {
  return !!(p.fields.leads?.has('converted_at') || p.fields.leads?.has('opportunity_id'));
}

/** The items of one transition: d0 when the cohort starts, d1 when the next step happened. */
export function transitionItems(p: KpiParams, pick: StagePick, transition: CohortTransition): Sql {
  switch (transition) {
    case 'lead_to_s1':
      // Converted when the lead says so, else when the opportunity it names was created.
      return sql`SELECT l.created_at AS d0, coalesce(l.converted_at, o.created_at) AS d1
        FROM leads l LEFT JOIN (SELECT opportunity_id, min(created_at) AS created_at FROM opportunities GROUP BY 1) o ON o.opportunity_id = l.opportunity_id
        WHERE ${filterWhere(p, 'leads', 'l')}`;
    case 's1_to_s2':
      return sql`SELECT s1_at AS d0, s2_at AS d1 FROM (${funnelSql(p, pick)})`;
    case 's2_to_won':
      return sql`SELECT s2_at AS d0, CASE WHEN is_won THEN close_date END AS d1 FROM (${funnelSql(p, pick)}) WHERE s2_at IS NOT NULL`;
    case 's1_to_won':
      return sql`SELECT s1_at AS d0, CASE WHEN is_won THEN close_date END AS d1 FROM (${funnelSql(p, pick)})`;
  }
}

export function cohortSpec(p: KpiParams, pick: StagePick, transition: CohortTransition, maxAge: number): CohortSpec {
  const grain = p.grain === 'year' ? 'quarter' : p.grain;
  return { items: transitionItems(p, pick, transition), grain, fyStart: p.fyStart, range: p.range, asOf: p.asOf, maxAge };
}

export function cohortTable(p: KpiParams, pick: StagePick, transition: CohortTransition, maxAge = p.grain === 'week' ? 13 : 12): Sql {
  return cohortTableSql(cohortSpec(p, pick, transition, maxAge));
}

/** Cohorts compared at fixed ages (4, 8 and 13 weeks by default). */
export const COMPARISON_DAYS = [28, 56, 91] as const;

export function cohortComparison(p: KpiParams, pick: StagePick, transition: CohortTransition): Sql {
  return cohortAtAgesSql(cohortSpec(p, pick, transition, 0), COMPARISON_DAYS);
}
