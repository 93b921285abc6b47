// Decides each date and number column's format from the whole column: the candidate that parses
// the most values. A column the data leaves ambiguous (every day <= 12, "1,234") follows what the
// file's other columns prove, since one system wrote the whole file.

import type { DbClient } from '../db/client';
import { ident, join, sql, type Sql } from '../db/sql';
import { DATE_FORMATS, NUMBER_FORMATS, dateMatches, numberMatches, type DateFormat, type NumberFormat } from './parse';

async function pickFormats<F extends string>(
  db: DbClient,
  table: string,
  columns: readonly string[],
  candidates: readonly F[],
  matches: (column: Sql, format: F) => Sql,
): Promise<Record<string, F | null>> {
  const result: Record<string, F | null> = {};
  if (columns.length === 0) return result;
  const counts = columns.flatMap((column, c) =>
    candidates.map((format, f) => sql`count(*) FILTER (WHERE ${matches(ident(column), format)}) AS ${ident(`c${c}_${f}`)}`),
  );
  const [row] = await db.query(sql`SELECT ${join(counts)} FROM ${ident(table)}`);
  const count = (c: number, f: number) => Number(row[`c${c}_${f}`] ?? 0);
  const fileTotals = candidates.map((_, f) => columns.reduce((n, _c, c) => n + count(c, f), 0));
  columns.forEach((column, c) => {
    const best = Math.max(...candidates.map((_, f) => count(c, f)));
    if (best === 0) {
      result[column] = null;
      return;
    }
    let chosen = -1;
    candidates.forEach((_, f) => {
      if (count(c, f) === best && (chosen < 0 || fileTotals[f] > fileTotals[chosen])) chosen = f;
    });
    result[column] = candidates[chosen];
  });
  return result;
}

export function detectDateFormats(db: DbClient, table: string, columns: readonly string[]): Promise<Record<string, DateFormat | null>> {
  return pickFormats(db, table, columns, DATE_FORMATS, dateMatches);
}

export function detectNumberFormats(db: DbClient, table: string, columns: readonly string[]): Promise<Record<string, NumberFormat | null>> {
  return pickFormats(db, table, columns, NUMBER_FORMATS, numberMatches);
}
