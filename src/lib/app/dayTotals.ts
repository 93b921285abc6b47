// The day tables (kpi/daily.ts) of the loaded data: those over every opportunity, rebuilt whenever
// the opportunities or their stage order change, and those of the filters views have used, built
// on first use and kept for the last FILTERED_KEPT filters.

import type { DbClient } from '../db/client';
import { ident, sql } from '../db/sql';
import {
  BY_DIMENSION, BY_DIMENSION_MAX_VALUES, BY_DIMENSION_PREFIX, DAY_TABLES, dayTotalsSql, DIMENSION_SIZES_SQL, FILTERED_PREFIX, FILTERED_TABLES,
  filteredDimension, filteredTableName, filteredTotalsKey, filteredTotalsSql, type DayTable,
} from '../kpi/daily';
import type { KpiParams } from '../kpi/params';

/** How many filters' day tables are kept (each a few thousand rows per table). */
const FILTERED_KEPT = 16;

export class DayTotals {
  /** The filters whose day tables were built (their number, and whether the table exists yet), least recently used first. */
  private filtered = new Map<string, { id: number; built: boolean }>();
  private nextId = 1;
  /** The dimensions with day tables by value (BY_DIMENSION holding at most BY_DIMENSION_MAX_VALUES values). */
  private dimensions: string[] = [];

  constructor(private readonly db: DbClient) {}

  /** Builds the tables over every opportunity again and drops every filter's (they hold the old data). */
  async rebuild(): Promise<void> {
    const old = await this.db.query<{ name: string }>(
      sql`SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND (starts_with(table_name, ${FILTERED_PREFIX}) OR starts_with(table_name, ${BY_DIMENSION_PREFIX}))`,
    );
    for (const { name } of old) await this.db.exec(sql`DROP TABLE IF EXISTS ${ident(name)}`);
    this.filtered.clear();
    const [sizes] = await this.db.query<Record<string, number>>(DIMENSION_SIZES_SQL);
    this.dimensions = BY_DIMENSION.filter((d) => Number(sizes[d]) > 0 && Number(sizes[d]) <= BY_DIMENSION_MAX_VALUES);
    for (const statement of dayTotalsSql(this.dimensions)) await this.db.exec(statement);
  }

  /**
   * Builds the day tables of the view's filters when some reach the opportunities and the view reads
   * day tables (`tables`): one reading of the filter's deals, once; then each query reads thousands
   * of rows, not every opportunity. What the view may read (p.filteredTotals), or null when there is
   * nothing to read.
   */
  async forFilters(p: KpiParams, tables: readonly DayTable[] = DAY_TABLES): Promise<KpiParams['filteredTotals']> {
    const key = filteredTotalsKey(p);
    if (key === null || tables.length === 0) return null;
    // On one dimension with day tables by value: the view reads that dimension's rows of the
    // filter's values (building the filter's own first cost three or four statements: the
    // new-business view filtered by a segment, 1M rows in Node, 85 ms, 21 of them building).
    const dimension = filteredDimension(p, this.dimensions);
    if (dimension) return { key, id: 0, tables: [...tables], dimension };
    const built = this.filtered.get(key) ?? { id: this.nextId++, built: false };
    // Most recently used last (before any await, so that a second view of the same filter finds it).
    this.filtered.delete(key);
    this.filtered.set(key, built);
    if (!built.built) {
      await this.db.exec(filteredTotalsSql(p, built.id)!);
      built.built = true;
    }
    for (const [oldKey, { id }] of this.filtered) {
      if (this.filtered.size <= FILTERED_KEPT) break;
      this.filtered.delete(oldKey);
      await this.db.exec(sql`DROP TABLE IF EXISTS ${ident(filteredTableName(id))}`);
    }
    return { key, id: built.id, tables: [...FILTERED_TABLES] };
  }
}
