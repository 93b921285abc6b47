// How the large canonical tables are written: the database compresses a statement's rows when it
// commits, so a table is made from its query's columns and then filled a range of raw rows at a
// time, never held whole and uncompressed (crm/canonical.ts builds the queries).

import { ident, join, raw, sql, type Sql } from '../db/sql';

/** Raw rows [from, to) of a source, by DuckDB's row number; null: all of them. */
export type RowRange = readonly [number, number] | null;

/** The WHERE clause that keeps a raw table's rows in `range` (none for all of them). */
export const rowsIn = (range: RowRange) => raw(range ? ` WHERE rowid >= ${range[0]} AND rowid < ${range[1]}` : '');

/** A statement made from the columns of a query (DataStore describes `shapeOf`, then runs `make`). */
export interface ShapedStatement {
  shapeOf: Sql;
  make: (columns: readonly { name: string; type: string }[]) => Sql;
}

/** One step of building a canonical table. */
export type BuildStep = Sql | ShapedStatement;

/** How a stored table keeps some of its columns (the others as storedTable says). */
export interface ColumnStorage {
  /** Columns of a named enum type (a description spells an enum out), by name. */
  enumTypes?: Readonly<Record<string, string>>;
  /**
   * Text columns stored plain: a row's own id and name, one value per row, where compression finds
   * little to share and costs the most (at 1M opportunities in Node, compressing the ids and names
   * took 0.5 s of a 9.4 s load and saved 23 MB).
   */
  plainText?: readonly string[];
}

/**
 * A stored table's definition from the columns of the query that fills it. Text stays compressed
 * (but `plainText`): it is most of a table's memory (ids and names, 16 bytes a value and their text
 * beside). Numbers, dates, flags and enums are stored uncompressed: they are a fifth of the memory
 * and what every KPI query scans. At 1M opportunities in Node, compressed (ALP, bit-packing) they
 * made a filter's day table take 26.5 ms to build instead of 20.5, the forecast's scan of open deals
 * 11.5 ms instead of 7.7, a grouped scan of every deal 28 ms instead of 24.
 */
function storedTable(name: string, columns: readonly { name: string; type: string }[], { enumTypes = {}, plainText = [] }: ColumnStorage): Sql {
  const definitions = columns.map((c) => {
    const type = enumTypes[c.name] ? ident(enumTypes[c.name]) : raw(c.type);
    const compressed = c.type === 'VARCHAR' && !plainText.includes(c.name);
    return sql`${ident(c.name)} ${type}${raw(compressed ? '' : ' USING COMPRESSION uncompressed')}`;
  });
  return sql`CREATE TABLE ${ident(name)} (${join(definitions)})`;
}

/**
 * Rows written per statement into a large table. A table written in one statement is held whole,
 * uncompressed, first (about 200 MB for 1M opportunities, against about 60 MB as stored). Two of
 * DuckDB's row groups (122,880 rows each) at a time keep that transient small.
 */
export const ROWS_PER_WRITE = 2 * 122_880;

/** What the ranges of a source depend on: its raw table's row count, and whether a file column hides rowid. */
export interface RangedSource {
  rows?: number;
  rowidColumn?: boolean;
}

/**
 * The row ranges a table built from `sources` is written in: one per ROWS_PER_WRITE rows of the
 * longest source (each statement takes that range of every source), or the whole in one statement
 * when a file's own "rowid" column hides DuckDB's row number or a row count is unknown.
 */
export function writeRanges(sources: readonly RangedSource[]): RowRange[] {
  if (sources.length === 0 || sources.some((s) => s.rowidColumn || s.rows === undefined)) return [null];
  const longest = Math.max(...sources.map((s) => s.rows!));
  const ranges: RowRange[] = [];
  for (let from = 0; from < longest; from += ROWS_PER_WRITE) ranges.push([from, from + ROWS_PER_WRITE]);
  return ranges.length ? ranges : [null];
}

/** Table `name` made again and written range by range (writeRanges of `sources`) from `written`. */
export function inRanges(name: string, sources: readonly RangedSource[], written: (range: RowRange) => Sql, storage: ColumnStorage = {}): BuildStep[] {
  const ranges = writeRanges(sources);
  return [
    sql`DROP TABLE IF EXISTS ${ident(name)}`,
    { shapeOf: written(ranges[0]), make: (columns) => storedTable(name, columns, storage) },
    ...ranges.map((range) => sql`INSERT INTO ${ident(name)} BY NAME ${written(range)}`),
  ];
}
