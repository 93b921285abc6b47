// Opportunities totalled per day: opp_closed_days, opp_created_days and opp_funnel_days hold the
// counts and amounts by close date, by created date and by funnel entry dates that most tiles and
// series read. A view reads a few thousand of these rows instead of every opportunity (each
// aggregate with a FILTER clause costs milliseconds per million rows in the single-threaded engine).
// DataStore builds them from all opportunities whenever the table or its stage order changes. A view
// whose filters reach the opportunities gets its own, built when the filter is first used
// (filteredTotalsSql; p.filteredTotals says which exist); without them it reads the opportunities
// through the same columns, one row each (n = 1). Either way a query counts with sum(n) and adds
// amounts with sum(amount).

import { ident, raw, sql, type Sql } from '../db/sql';
import { inRange } from './common';
import { filtersApply, filterWhere } from './filters';
import type { KpiParams } from './params';
import type { DateRange } from './period';

/**
 * created_late keeps the created date only where the close date cannot stand for it (missing, or
 * before the creation), so that "created by the as-of date" stays answerable.
 */
const CLOSED_COLUMNS = raw(`close_date, is_won, is_lost, deal_type, first_win,
    CASE WHEN close_date IS NULL OR created_at > close_date THEN created_at END AS created_late`);
const closedDays = (where: Sql) =>
  sql`SELECT ${CLOSED_COLUMNS}, CAST(count(*) AS INTEGER) AS n, sum(amount) AS amount FROM opportunities WHERE ${where} GROUP BY ALL`;
const createdDays = (where: Sql) =>
  sql`SELECT created_at, is_won, CAST(count(*) AS INTEGER) AS n, sum(amount) AS amount FROM opportunities WHERE ${where} GROUP BY ALL`;
/** The funnel's own entry dates (without a stage history) and each deal's current stage order. */
const funnelDays = (where: Sql) => sql`SELECT coalesce(stage_1_at, created_at) AS s1_base, stage_2_at, created_at, stage_ord, is_won,
    CAST(count(*) AS INTEGER) AS n, sum(amount) AS amount
  FROM opportunities WHERE ${where} GROUP BY ALL`;

const TABLES = { closed: 'opp_closed_days', created: 'opp_created_days', funnel: 'opp_funnel_days' } as const;
export type DayTable = keyof typeof TABLES;
export const DAY_TABLES = Object.keys(TABLES) as DayTable[];

/** The day tables over every opportunity (run once the stage order is set on the opportunities). */
export const DAY_TOTALS_SQL: Sql[] = [
  sql`CREATE OR REPLACE TABLE ${ident(TABLES.closed)} AS ${closedDays(raw('TRUE'))}`,
  sql`CREATE OR REPLACE TABLE ${ident(TABLES.created)} AS ${createdDays(raw('TRUE'))}`,
  sql`CREATE OR REPLACE TABLE ${ident(TABLES.funnel)} AS ${funnelDays(raw('TRUE'))}`,
];

/** The name prefix every filtered day table shares (DataStore drops them when the data changes). */
export const FILTERED_PREFIX = 'opp_days_f';

/**
 * What identifies the filters reaching the opportunities (null without such a filter): their SQL and
 * values. DataStore numbers the keys it builds tables for; the tables are named by that number.
 */
export function filteredTotalsKey(p: KpiParams): string | null {
  if (!filtersApply(p, 'opportunities')) return null;
  const where = filterWhere(p, 'opportunities');
  return `${where.text}\u0000${JSON.stringify(where.params)}`;
}

/** The day tables of the filter numbered `id`. */
export function filteredTableNames(id: number, tables: readonly DayTable[] = DAY_TABLES): string[] {
  return tables.map((t) => `${FILTERED_PREFIX}_${id}_${t}`);
}

/** The statements that build `tables`, numbered `id`, for the view's filters (none without a filter reaching the opportunities). */
export function filteredTotalsSql(p: KpiParams, id: number, tables: readonly DayTable[] = DAY_TABLES): Sql[] {
  if (filteredTotalsKey(p) === null) return [];
  const where = filterWhere(p, 'opportunities');
  const build = { closed: closedDays, created: createdDays, funnel: funnelDays };
  return tables.map((t) => sql`CREATE TABLE IF NOT EXISTS ${ident(filteredTableNames(id, [t])[0])} AS ${build[t](where)}`);
}

/** The day table a view reads (its filter's, or the unfiltered one), or null: read the opportunities. */
export function dayTable(p: KpiParams, table: DayTable): Sql | null {
  if (!filtersApply(p, 'opportunities')) return ident(TABLES[table]);
  const built = p.filteredTotals;
  return built && built.key === filteredTotalsKey(p) && built.tables.includes(table) ? ident(filteredTableNames(built.id, [table])[0]) : null;
}

const within = (column: 'close_date' | 'created_at', range?: DateRange) => (range ? sql` AND ${inRange(raw(column), range)}` : sql``);

/**
 * Opportunities by close date (an open deal's expected one), optionally within `range`: close_date,
 * is_won, is_lost, deal_type, first_win, created_late, n, amount.
 */
export function closedFacts(p: KpiParams, range?: DateRange): Sql {
  const days = dayTable(p, 'closed');
  if (days) return sql`SELECT * FROM ${days} WHERE TRUE${within('close_date', range)}`;
  return sql`SELECT ${CLOSED_COLUMNS}, 1 AS n, amount FROM opportunities WHERE ${filterWhere(p, 'opportunities')}${within('close_date', range)}`;
}

/** Opportunities by created date, optionally within `range`: created_at, is_won, n, amount. */
export function createdFacts(p: KpiParams, range?: DateRange): Sql {
  const days = dayTable(p, 'created');
  if (days) return sql`SELECT * FROM ${days} WHERE TRUE${within('created_at', range)}`;
  return sql`SELECT created_at, is_won, 1 AS n, amount FROM opportunities WHERE ${filterWhere(p, 'opportunities')}${within('created_at', range)}`;
}

/** How many rows of closedFacts or createdFacts stand for opportunities meeting `where`; zero when none do. */
export function countWhere(where: Sql | string): Sql {
  return sql`coalesce(sum(n) FILTER (WHERE ${typeof where === 'string' ? raw(where) : where}), 0)`;
}
