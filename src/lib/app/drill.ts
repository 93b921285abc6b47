// The rows behind a tile, as the drawer shows them: the first DRILL_ROWS_SHOWN in the order asked
// for, with how many there are. A tile over 1M opportunities can count every one of them: handed to
// the page whole they took 8 s and 325 MB of its heap. Sorting and the CSV download read them all in
// the engine instead (the download a slice at a time).

import type { DbClient } from '../db/client';
import { ident, raw, sql, type Sql } from '../db/sql';
import { toCsv } from '../format/csv';
import type { RowsQuery } from '../kpi/rows';
import type { KpiId } from '../kpi/registry';

/** Rows the drawer holds at most; more are sorted by the engine and downloaded a slice at a time. */
export const DRILL_ROWS_SHOWN = 10_000;
/** Rows read per slice for a download. */
const CSV_SLICE_ROWS = 50_000;

export interface DrillSort {
  column: string;
  descending: boolean;
}

/** The rows behind a tile, as the drawer shows them. */
export interface Drill {
  id: KpiId;
  part: 'numerator' | 'denominator';
  hasDenominator: boolean;
  columns: string[];
  /** The first DRILL_ROWS_SHOWN rows, in the order asked for. */
  rows: Record<string, unknown>[];
  /** How many rows there are in all. */
  total: number;
  /** The column they are sorted by; null: the query's own order. */
  sort: DrillSort | null;
}

/**
 * Rows of `q` (a query with its own ORDER BY) in that order, or by `sort` (missing values last,
 * either way, as the table sorts them; ties in the query's order), from `offset`, at most `limit`.
 * Each row is numbered in the query's order first, so that the order is total and slices of it
 * neither repeat nor skip a row.
 */
export function drillRowsSql(q: Sql, sort: DrillSort | null, limit: number, offset = 0): Sql {
  const by = sort ? sql`${ident(sort.column)} ${raw(sort.descending ? 'DESC' : 'ASC')} NULLS LAST, ` : raw('');
  return sql`SELECT * EXCLUDE (kpi_drill_row) FROM (SELECT *, row_number() OVER () AS kpi_drill_row FROM (${q}))
    ORDER BY ${by}kpi_drill_row LIMIT ${raw(String(limit))}${raw(offset ? ` OFFSET ${offset}` : '')}`;
}

export const drillCountSql = (q: Sql): Sql => sql`SELECT count(*) AS n FROM (${q})`;

/** The query of a drill's part: the rows counted, or those they are out of. */
export const partQuery = (q: RowsQuery, part: Drill['part']): Sql => (part === 'denominator' && q.denominator ? q.denominator : q.numerator);

/** The rows of one part of a tile's RowsQuery as the drawer shows them; `columns` are kept when no row says them. */
export async function readDrill(
  db: DbClient, id: KpiId, q: RowsQuery, part: Drill['part'], sort: DrillSort | null, columns: string[] = [],
): Promise<Drill> {
  const table = partQuery(q, part);
  const [rows, [count]] = await Promise.all([db.query(drillRowsSql(table, sort, DRILL_ROWS_SHOWN)), db.query<{ n: number }>(drillCountSql(table))]);
  return { id, part, hasDenominator: q.denominator !== null, columns: rows.length ? Object.keys(rows[0]) : columns, rows, total: Number(count.n), sort };
}

/** Every row of `q` as CSV text, in the order shown, read a slice at a time. */
export async function drillCsv(db: DbClient, q: Sql, sort: DrillSort | null, columns: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (let offset = 0; ; offset += CSV_SLICE_ROWS) {
    const rows = await db.query(drillRowsSql(q, sort, CSV_SLICE_ROWS, offset));
    if (rows.length === 0 && offset > 0) break;
    const text = toCsv(columns, rows);
    // The header once, from the first slice.
    parts.push(offset === 0 ? text : text.slice(text.indexOf('\n') + 1));
    if (rows.length < CSV_SLICE_ROWS) break;
  }
  return parts.join('\r\n');
}
