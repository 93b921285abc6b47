// The day tables (kpi/daily.ts) of the loaded data: those over every opportunity, rebuilt whenever
// the opportunities or their stage order change, and those of the filters views have used, built
// on first use and kept for the last FILTERED_KEPT filters. The day tables by value of all but the
// first dimension are built after the first view has rendered (finish), on a background connection
// whose statements leave room for the views' queries: the default view reads none of them (the 1M
// bench export's four by lead source took 0.29 s of its load in Chromium).

import type { BackgroundClient, DbClient } from '../db/client';
import { ident, sql, type Sql } from '../db/sql';
import { firstLine } from '../db/ingest';
import {
  BY_DIMENSION, BY_DIMENSION_MAX_VALUES, BY_DIMENSION_PREFIX, byDimensionSql, DAY_TABLES, dayTotalsSql, DIMENSION_SIZES_SQL, FILTERED_PREFIX, FILTERED_TABLES,
  filteredDimension, filteredTableName, filteredTotalsKey, filteredTotalsSql, type DayTable,
} from '../kpi/daily';
import type { KpiParams } from '../kpi/params';

/** How many filters' day tables are kept (each a few thousand rows per table). */
const FILTERED_KEPT = 16;

export class DayTotals {
  /** The filters whose day tables were built (their number, and whether the table exists yet), least recently used first. */
  private filtered = new Map<string, { id: number; built: boolean }>();
  private nextId = 1;
  /** The dimensions whose day tables by value are built (BY_DIMENSION holding at most BY_DIMENSION_MAX_VALUES values). */
  private dimensions: string[] = [];
  /** The dimensions whose day tables by value are still to build (finish), each with its statements left. */
  private later: { dimension: string; statements: Sql[] }[] = [];
  private finishing: Promise<void> = Promise.resolve();
  /** Counts pauses: a statement that ends after one was interrupted, not failed. */
  private pauses = 0;
  private paused = true;
  private side: Promise<BackgroundClient> | null = null;

  constructor(private readonly db: DbClient) {}

  /**
   * Builds the tables over every opportunity again (and the first dimension's by value, which they
   * are added up from) and drops every filter's and every dimension's (they hold the old data).
   */
  async rebuild(): Promise<void> {
    // What was left is for the old data; so is what a statement under way writes (dropped below).
    this.later = [];
    await this.pause();
    this.dimensions = [];
    const old = await this.db.query<{ name: string }>(
      sql`SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND (starts_with(table_name, ${FILTERED_PREFIX}) OR starts_with(table_name, ${BY_DIMENSION_PREFIX}))`,
    );
    for (const { name } of old) await this.db.exec(sql`DROP TABLE IF EXISTS ${ident(name)}`);
    this.filtered.clear();
    const [sizes] = await this.db.query<Record<string, number>>(DIMENSION_SIZES_SQL);
    const [first, ...others] = BY_DIMENSION.filter((d) => Number(sizes[d]) > 0 && Number(sizes[d]) <= BY_DIMENSION_MAX_VALUES);
    for (const statement of dayTotalsSql(first)) await this.db.exec(statement);
    if (first) this.dimensions.push(first);
    this.later = others.map((dimension) => ({ dimension, statements: byDimensionSql(dimension) }));
  }

  /**
   * Builds the day tables by value rebuild left, on the engine's background connection (the views'
   * queries run between its steps), until paused. A filter on a dimension reads its tables once they
   * are all built; until then it gets its own, as an owner's filter does.
   */
  finish(): Promise<void> {
    this.paused = false;
    this.finishing = this.finishing.then(() => this.buildLater()).catch((e) => console.warn('Day tables by value:', firstLine(e)));
    return this.finishing;
  }

  private async buildLater(): Promise<void> {
    if (this.later.length === 0 || this.paused) return;
    // Without a background connection (or when it cannot be opened), on this one.
    const here: BackgroundClient = { exec: (q) => this.db.exec(q), cancel: async () => {} };
    this.side ??= this.db.background ? this.db.background().catch(() => here) : Promise.resolve(here);
    const side = await this.side;
    while (this.later.length > 0 && !this.paused) {
      const next = this.later[0];
      const pauses = this.pauses;
      let built = true;
      try {
        await side.exec(next.statements[0]);
      } catch (e) {
        // Interrupted by a pause: tried again by the next finish.
        if (pauses !== this.pauses) return;
        // Tables by value only save time: a dimension whose tables cannot be built is filtered without them.
        console.warn('Day tables by value:', firstLine(e));
        built = false;
      }
      // A rebuild meanwhile emptied the list; it drops what was built.
      if (this.later[0] !== next) return;
      if (built) next.statements.shift();
      if (built && next.statements.length > 0) continue;
      this.later.shift();
      if (built) this.dimensions.push(next.dimension);
    }
  }

  /**
   * A dimension a view filters on before its day tables by value are built is built next, after the
   * one under way (later[0], which finish may be running): the next values the user filters it by
   * read them, instead of each building its own.
   */
  private buildNext(dimension: string | null): void {
    const at = this.later.findIndex((l) => l.dimension === dimension);
    if (at > 1) this.later.splice(1, 0, ...this.later.splice(at, 1));
  }

  /** Interrupts the statement finish is running (tried again by the next finish) and waits for it to end: before the data changes. */
  async pause(): Promise<void> {
    this.paused = true;
    this.pauses++;
    if (this.side) await (await this.side).cancel();
    await this.finishing;
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
    this.buildNext(filteredDimension(p, this.later.map((l) => l.dimension)));
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
