// Decides each date column's format from the whole column: the candidate that parses the most values.

import type { DbClient } from '../db/client';
import { ident, join, literal, sql } from '../db/sql';
import { DATE_FORMATS, datePart, type DateFormat } from './parse';

export async function detectDateFormats(
  db: DbClient,
  table: string,
  columns: readonly string[],
): Promise<Record<string, DateFormat | null>> {
  const result: Record<string, DateFormat | null> = {};
  if (columns.length === 0) return result;
  const counts = columns.flatMap((column, c) =>
    DATE_FORMATS.map(
      (format, f) =>
        sql`count(*) FILTER (WHERE try_strptime(${datePart(ident(column))}, ${literal(format)}) IS NOT NULL) AS ${ident(`c${c}_${f}`)}`,
    ),
  );
  const [row] = await db.query(sql`SELECT ${join(counts)} FROM ${ident(table)}`);
  const count = (c: number, f: number) => Number(row[`c${c}_${f}`] ?? 0);
  // One system wrote the whole file: a column whose day order is ambiguous (every day <= 12)
  // follows the order the file's other date columns prove.
  const fileTotals = DATE_FORMATS.map((_, f) => columns.reduce((n, _c, c) => n + count(c, f), 0));
  columns.forEach((column, c) => {
    const best = Math.max(...DATE_FORMATS.map((_, f) => count(c, f)));
    if (best === 0) {
      result[column] = null;
      return;
    }
    let chosen = -1;
    DATE_FORMATS.forEach((_, f) => {
      if (count(c, f) === best && (chosen < 0 || fileTotals[f] > fileTotals[chosen])) chosen = f;
    });
    result[column] = DATE_FORMATS[chosen];
  });
  return result;
}
