// Opportunities totalled per day: opp_closed_days, opp_created_days and opp_funnel_days hold the
// counts and amounts by close date, by created date and by funnel entry dates that most tiles and
// series read; opp_cycle_days counts won deals per close date and sales-cycle length (the median
// sales cycle). A view reads a few thousand of these rows instead of every opportunity (each
// aggregate with a FILTER clause costs milliseconds per million rows in the single-threaded engine).
// DataStore builds them from all opportunities whenever the table or its stage order changes. A view
// whose filters reach the opportunities gets its own, built when the filter is first used
// (filteredTotalsSql; p.filteredTotals says which exist); without them it reads the opportunities
// through the same columns, one row each (n = 1). Either way a query counts with sum(n) and adds
// amounts with sum(amount).

import { enumTypeOf } from '../crm/canonical';
import { ident, join, literal, raw, sql, type Sql } from '../db/sql';
import { inRange } from './common';
import { appliedFilters, filtersApply, filterWhere } from './filters';
import type { KpiParams } from './params';
import type { DateRange } from './period';

/**
 * Each day table's columns, as computed from the opportunities. created_late keeps the created date
 * only where the close date cannot stand for it (missing, or before the creation), so that "created
 * by the as-of date" stays answerable. The funnel's columns are its own entry dates (without a stage
 * history) and each deal's current stage order.
 */
const DAY_COLUMNS = {
  closed: 'close_date, is_won, is_lost, deal_type, first_win, CASE WHEN close_date IS NULL OR created_at > close_date THEN created_at END AS created_late',
  created: 'created_at, is_won',
  funnel: 'coalesce(stage_1_at, created_at) AS s1_base, stage_2_at, created_at, stage_ord, is_won',
  cycles: 'close_date, close_date - created_at AS cycle_days',
} as const;
/** The same columns by name, as a day table holds them. */
const DAY_KEYS = {
  closed: 'close_date, is_won, is_lost, deal_type, first_win, created_late',
  created: 'created_at, is_won',
  funnel: 's1_base, stage_2_at, created_at, stage_ord, is_won',
  cycles: 'close_date, cycle_days',
} as const;
/** The deals a day table counts, beyond the filter: sales cycles are those of won deals with a created date. */
const DAY_ROWS: Partial<Record<keyof typeof DAY_COLUMNS, string>> = { cycles: 'is_won AND created_at IS NOT NULL' };
const rowsOf = (table: keyof typeof DAY_COLUMNS) => raw(DAY_ROWS[table] ? ` AND ${DAY_ROWS[table]}` : '');

export type DayTable = keyof typeof DAY_COLUMNS;
export const DAY_TABLES = Object.keys(DAY_COLUMNS) as DayTable[];
const TABLES: Record<DayTable, string> = { closed: 'opp_closed_days', created: 'opp_created_days', funnel: 'opp_funnel_days', cycles: 'opp_cycle_days' };

/** A day table computed from the opportunities meeting `where`, grouped also by `dimension` when given. */
const fromDeals = (table: DayTable, where: Sql, dimension?: string) =>
  sql`SELECT ${dimension ? sql`${ident(dimension)}, ` : raw('')}${raw(DAY_COLUMNS[table])}, CAST(count(*) AS INTEGER) AS n, sum(amount) AS amount
    FROM opportunities WHERE ${where}${rowsOf(table)} GROUP BY ALL`;
/** A day table added up from a finer one (`source`, with a dimension column). */
const rollUp = (table: DayTable, source: string) =>
  sql`SELECT ${raw(DAY_KEYS[table])}, CAST(sum(n) AS INTEGER) AS n, sum(amount) AS amount FROM ${ident(source)} GROUP BY ALL`;

/**
 * Dimensions with few values get day tables by value as well (opp_by_<dimension>_<table>): a filter
 * on one of them adds up a few tens of thousands of rows instead of grouping every matching deal (a
 * segment holding a third of 1M deals took 83 ms to total its three tables from the deals in Node;
 * the new-business view filtered by it went from 153 to 120 ms in Chromium).
 */
export const BY_DIMENSION = ['segment', 'region', 'source', 'product'] as const;
/** Most values a dimension may have for its own day tables (their rows grow with the values). */
export const BY_DIMENSION_MAX_VALUES = 16;
export const BY_DIMENSION_PREFIX = 'opp_by_';
const byDimensionTable = (dimension: string, table: DayTable) => `${BY_DIMENSION_PREFIX}${dimension}_${table}`;

/** How many values each dimension's enum type holds (0 when no file has it): which get their own day tables. */
export const DIMENSION_SIZES_SQL = sql`SELECT ${join(BY_DIMENSION.map((d) => sql`len(enum_range(NULL::${ident(enumTypeOf(d)!)})) AS ${ident(d)}`))}`;

/** The statements that build the day tables by value of `dimension`. */
export const byDimensionSql = (dimension: string): Sql[] =>
  DAY_TABLES.map((t) => sql`CREATE OR REPLACE TABLE ${ident(byDimensionTable(dimension, t))} AS ${fromDeals(t, raw('TRUE'), dimension)}`);

/**
 * The day tables over every opportunity (run once the stage order is set on the opportunities),
 * added up from the day tables by value of `dimension` (built first) when given.
 */
export function dayTotalsSql(dimension?: string): Sql[] {
  return [
    ...(dimension ? byDimensionSql(dimension) : []),
    ...DAY_TABLES.map((t) => sql`CREATE OR REPLACE TABLE ${ident(TABLES[t])} AS ${dimension ? rollUp(t, byDimensionTable(dimension, t)) : fromDeals(t, raw('TRUE'))}`),
  ];
}

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

/**
 * The day tables a filter of its own gets, in one table (filteredTotalsSql). No cycle counts:
 * grouping the filter's won deals by close date and length cost more than the medians it saved (an
 * owner's overview, 1M rows: 200-213 ms with them, 177 without, in Chromium); the medians read the
 * filter's deals.
 */
export const FILTERED_TABLES: readonly DayTable[] = ['closed', 'created', 'funnel'];
/** The opportunity columns DAY_COLUMNS reads for FILTERED_TABLES. */
const FILTERED_SOURCE_COLUMNS = 'close_date, is_won, is_lost, deal_type, first_win, created_at, stage_1_at, stage_2_at, stage_ord, amount';

/** The table holding the day tables of the filter numbered `id` (its column day_table says which). */
export const filteredTableName = (id: number): string => `${FILTERED_PREFIX}_${id}`;

/** The dimension of `dimensions` the view's filters reaching the opportunities are all on, if they are on one. */
export function filteredDimension(p: KpiParams, dimensions: readonly string[]): string | null {
  const applied = appliedFilters(p, 'opportunities');
  return applied.length === 1 && dimensions.includes(applied[0]) ? applied[0] : null;
}

/**
 * The statement that builds the day tables of the view's filters (FILTERED_TABLES), numbered `id`,
 * in one table and from one reading of the filter's deals (null without a filter reaching the
 * opportunities): at 1M rows in Node an owner's took 10.9 ms so, 18.9 ms as three tables. A filter
 * on one dimension with day tables by value needs none (dayTable reads them).
 */
export function filteredTotalsSql(p: KpiParams, id: number): Sql | null {
  if (filteredTotalsKey(p) === null) return null;
  const tables = FILTERED_TABLES.map(
    (t) => sql`SELECT ${literal(t)} AS day_table, ${raw(DAY_COLUMNS[t])}, CAST(count(*) AS INTEGER) AS n, sum(amount) AS amount FROM deals GROUP BY ALL`,
  );
  return sql`CREATE TABLE IF NOT EXISTS ${ident(filteredTableName(id))} AS
    WITH deals AS MATERIALIZED (SELECT ${raw(FILTERED_SOURCE_COLUMNS)} FROM opportunities WHERE ${filterWhere(p, 'opportunities')})
    ${join(tables, ' UNION ALL BY NAME ')}`;
}

/**
 * The day table a view reads, or null (read the opportunities): the unfiltered one; for a filter on
 * one dimension with day tables by value, that dimension's rows of the filter's values (nothing to
 * build: one statement or more fewer at a filter's first use); else the filter's own.
 */
export function dayTable(p: KpiParams, table: DayTable): Sql | null {
  if (!filtersApply(p, 'opportunities')) return ident(TABLES[table]);
  const built = p.filteredTotals;
  if (!built || built.key !== filteredTotalsKey(p) || !built.tables.includes(table)) return null;
  if (built.dimension) {
    return sql`(SELECT * EXCLUDE (${ident(built.dimension)}) FROM ${ident(byDimensionTable(built.dimension, table))} WHERE ${filterWhere(p, 'opportunities')})`;
  }
  return sql`(SELECT ${raw(DAY_KEYS[table])}, n, amount FROM ${ident(filteredTableName(built.id))} WHERE day_table = ${literal(table)})`;
}

/** The date a fact table's range applies to. */
const FACT_DATE = { closed: 'close_date', created: 'created_at', cycles: 'close_date' } as const;

/**
 * A day table's rows within `range` when the view may read it, else the deals it totals through the
 * same columns, one row each (n = 1).
 */
function facts(p: KpiParams, table: keyof typeof FACT_DATE, range?: DateRange): Sql {
  const within = range ? sql` AND ${inRange(raw(FACT_DATE[table]), range)}` : sql``;
  const days = dayTable(p, table);
  if (days) return sql`SELECT * FROM ${days} WHERE TRUE${within}`;
  return sql`SELECT ${raw(DAY_COLUMNS[table])}, 1 AS n, amount FROM opportunities WHERE ${filterWhere(p, 'opportunities')}${rowsOf(table)}${within}`;
}

/**
 * Opportunities by close date (an open deal's expected one), optionally within `range`: close_date,
 * is_won, is_lost, deal_type, first_win, created_late, n, amount.
 */
export const closedFacts = (p: KpiParams, range?: DateRange): Sql => facts(p, 'closed', range);

/** Opportunities by created date, optionally within `range`: created_at, is_won, n, amount. */
export const createdFacts = (p: KpiParams, range?: DateRange): Sql => facts(p, 'created', range);

/** Won deals' sales cycles (close date minus created date), optionally closed within `range`: close_date, cycle_days, n, amount. */
export const cycleFacts = (p: KpiParams, range?: DateRange): Sql => facts(p, 'cycles', range);

/** How many rows of closedFacts or createdFacts stand for opportunities meeting `where`; zero when none do. */
export function countWhere(where: Sql | string): Sql {
  return sql`coalesce(sum(n) FILTER (WHERE ${typeof where === 'string' ? raw(where) : where}), 0)`;
}

/**
 * The median of cycleFacts' cycle_days, each counted n times, as median() gives it over the deals:
 * halfway between the two middle values of an even count; NULL without deals.
 */
export function medianCycle(facts: Sql): Sql {
  return sql`(WITH g AS (SELECT cycle_days AS v, sum(n) AS n FROM (${facts}) WHERE cycle_days IS NOT NULL GROUP BY 1),
      c AS (SELECT v, sum(n) OVER (ORDER BY v) AS cum, sum(n) OVER () AS total FROM g)
    SELECT (min(v) FILTER (WHERE cum > floor((total - 1) / 2)) + min(v) FILTER (WHERE cum > ceil((total - 1) / 2))) / 2 FROM c)`;
}
