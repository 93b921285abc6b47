// Each opportunity's way through the pipeline: when it entered stage 1 and stage 2 (the first two
// open stages unless the user picks others), and whether it reached them. Entry dates come from
// explicit stage-date columns, from the stage history (including HubSpot "Date entered" columns),
// and for stage 1 from the created date; without a date, "reached" is inferred from the current stage.

import { raw, sql, type Sql } from '../db/sql';
import { inRange } from './common';
import type { DateRange } from './period';
import { dayTable } from './daily';
import { filterWhere } from './filters';
import type { KpiParams } from './params';

export interface StagePick {
  /** 1-based positions of stage 1 and stage 2 among the open stages. */
  s1: number;
  s2: number;
}

export const DEFAULT_STAGES: StagePick = { s1: 1, s2: 2 };

/**
 * The columns KPI queries read from the funnel: few, so that materialising it stays cheap. The id
 * (text, the dearest column to read) only joins the funnel to a stage history.
 */
const lean = (history: boolean) => sql`${history ? sql`o.opportunity_id, ` : raw('')}o.amount, o.created_at, o.close_date, o.is_won, o.is_closed, o.deal_type`;

/** Whether stage entry dates may come from a stage history (a history file, or "Date entered" columns). */
export function hasHistory(p: KpiParams): boolean {
  return !!p.fields.stage_history?.has('entered_at');
}

/**
 * cur_ord, s1_at, s2_at, reached_s1 and reached_s2 of a relation `o` with stage_ord and is_won, given
 * its stage entry dates. stage_ord: the current open stage's order, kept on each opportunity (null
 * once won or lost). A stage is reached when entered, passed by the current stage, or by a win.
 */
function stageColumns(pick: StagePick, s1: Sql, s2: Sql): Sql {
  return sql`o.stage_ord AS cur_ord, ${s1} AS s1_at, ${s2} AS s2_at,
      ${s1} IS NOT NULL OR o.stage_ord >= ${pick.s1} OR o.is_won AS reached_s1,
      ${s2} IS NOT NULL OR o.stage_ord >= ${pick.s2} OR o.is_won AS reached_s2`;
}

/**
 * Opportunities passing the filters, with s1_at, s2_at, reached_s1, reached_s2, the current stage's
 * order and n (how many opportunities a row stands for: 1). `all` carries every opportunity column
 * (for the rows behind a tile). `within`: the caller reads only opportunities created or entering
 * stage 1 or 2 in this range, and without stage history (where every entry date is the opportunity's
 * own) the scan skips the others. `totals`: the caller counts with sum(n), adds amounts and reads
 * only n, amount, created_at, is_won, cur_ord and the stage columns, so the day totals may answer.
 */
export function funnelSql(p: KpiParams, pick: StagePick = DEFAULT_STAGES, all = false, within?: DateRange, totals = false): Sql {
  // Without stage history the entry dates come from the opportunity alone, and joining the empty
  // history would still visit every opportunity.
  const history = hasHistory(p);
  const days = totals && !all && !history ? dayTable(p, 'funnel') : null;
  if (days) {
    const none = raw('CAST(NULL AS DATE)');
    return sql`SELECT o.n, o.amount, o.created_at, o.is_won, ${stageColumns(pick, pick.s1 === 1 ? sql`o.s1_base` : none, pick.s2 === 2 ? sql`o.stage_2_at` : none)}
      FROM ${days} o`;
  }
  const h1 = history ? sql`hist.h1` : raw('CAST(NULL AS DATE)');
  const h2 = history ? sql`hist.h2` : raw('CAST(NULL AS DATE)');
  // The first stage is entered when the opportunity is created; a later pick, when the history says so.
  const s1 = pick.s1 === 1 ? sql`coalesce(o.stage_1_at, o.created_at, ${h1})` : h1;
  const s2 = pick.s2 === 2 ? sql`coalesce(o.stage_2_at, ${h2})` : h2;
  const join = history
    ? sql`LEFT JOIN (
      SELECT h.opportunity_id,
        min(h.entered_at) FILTER (WHERE so.ord >= ${pick.s1} AND NOT so.is_lost) AS h1,
        min(h.entered_at) FILTER (WHERE so.ord >= ${pick.s2} AND NOT so.is_lost) AS h2
      FROM stage_history h JOIN stage_order so ON so.stage_key = h.stage_key
      GROUP BY 1
    ) hist ON hist.opportunity_id = o.opportunity_id`
    : raw('');
  return sql`SELECT ${all ? sql`o.*` : lean(history)}, 1 AS n, ${stageColumns(pick, s1, s2)}
    FROM opportunities o
    ${join}
    WHERE ${filterWhere(p, 'opportunities', 'o')}${within && !history ? sql` AND (${inRange(sql`o.created_at`, within)} OR ${inRange(sql`o.stage_1_at`, within)} OR ${inRange(sql`o.stage_2_at`, within)})` : raw('')}`;
}
