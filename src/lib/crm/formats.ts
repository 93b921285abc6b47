// Decides each date and number column's format: the candidate that parses the most values of the
// first rows (SAMPLE_ROWS), then, where candidates tie there (day-first or month-first, "1,234"),
// the tied candidates counted over the whole column. A column the data leaves ambiguous (every day
// <= 12) follows what the file's other columns prove, since one system wrote the whole file; when
// they prove nothing either, the order is a guess and is reported as one.

import type { DbClient } from '../db/client';
import { ident, join, sql, type Sql } from '../db/sql';
import { DATE_FORMATS, DAY_ORDER_TWIN, NUMBER_FORMATS, dateMatches, numberMatches, type DateFormat, type NumberFormat } from './parse';

const FIRST_ROWS = 200;
const SAMPLE_ROWS = 5_000;

async function countMatches<F extends string>(
  db: DbClient,
  from: Sql,
  columns: readonly string[],
  candidates: readonly (readonly F[])[],
  matches: (column: Sql, format: F) => Sql,
): Promise<number[][]> {
  const counts = columns.flatMap((column, c) =>
    candidates[c].map((format, f) => sql`count(*) FILTER (WHERE ${matches(ident(column), format)}) AS ${ident(`c${c}_${f}`)}`),
  );
  if (counts.length === 0) return columns.map(() => []);
  const [row] = await db.query(sql`SELECT ${join(counts)} FROM ${from}`);
  return columns.map((_, c) => candidates[c].map((_f, f) => Number(row[`c${c}_${f}`] ?? 0)));
}

interface Picked<F extends string> {
  formats: Record<string, F | null>;
  /** Columns whose chosen format and its twin read as many values, in the column and in the file. */
  guessed: string[];
}

async function pickFormats<F extends string>(
  db: DbClient,
  table: string,
  columns: readonly string[],
  candidates: readonly F[],
  matches: (column: Sql, format: F) => Sql,
  recountTies = true,
  twin: (format: F) => F | undefined = () => undefined,
): Promise<Picked<F>> {
  const result: Record<string, F | null> = {};
  const guessed: string[] = [];
  if (columns.length === 0) return { formats: result, guessed };
  // The first rows rule out most candidates cheaply; the rest are counted on the sample.
  const first = await countMatches(db, sql`(SELECT * FROM ${ident(table)} LIMIT ${FIRST_ROWS})`, columns, columns.map(() => candidates), matches);
  const plausible = columns.map((_, c) => candidates.filter((_f, f) => first[c][f] > 0));
  const sampled = await countMatches(db, sql`(SELECT * FROM ${ident(table)} LIMIT ${SAMPLE_ROWS})`, columns, plausible, matches);
  const sample = columns.map((_, c) => candidates.map((f) => (plausible[c].includes(f) ? sampled[c][plausible[c].indexOf(f)] : 0)));
  // Candidates tied at the top on the sample are counted again over the whole column.
  const tied = columns.map((_, c) => {
    const best = Math.max(...sample[c]);
    return best === 0 || !recountTies ? [] : candidates.filter((_f, f) => sample[c][f] === best);
  });
  const whole = await countMatches(db, ident(table), columns, tied.map((t) => (t.length > 1 ? t : [])), matches);
  const count = (c: number, f: number) => {
    const i = tied[c].length > 1 ? tied[c].indexOf(candidates[f]) : -1;
    return i >= 0 ? whole[c][i] : sample[c][f];
  };
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
    const other = candidates.indexOf(twin(candidates[chosen]) as F);
    if (other >= 0 && count(c, other) === best && fileTotals[other] === fileTotals[chosen]) guessed.push(column);
  });
  return { formats: result, guessed };
}

/**
 * Each column's date format, and the columns whose day/month order nothing in the file decides
 * (every day <= 12 in them and in the file's other date columns): month-first there is a guess.
 */
export async function detectDateFormats(
  db: DbClient,
  table: string,
  columns: readonly string[],
): Promise<{ formats: Record<string, DateFormat | null>; dayOrderGuessed: string[] }> {
  const { formats, guessed } = await pickFormats(db, table, columns, DATE_FORMATS, dateMatches, true, (f) => DAY_ORDER_TWIN[f]);
  return { formats, dayOrderGuessed: guessed };
}

export async function detectNumberFormats(db: DbClient, table: string, columns: readonly string[]): Promise<Record<string, NumberFormat | null>> {
  // Numbers: the sample decides; whole integers tie everywhere and the point wins ("1,234" alone stays ambiguous).
  return (await pickFormats(db, table, columns, NUMBER_FORMATS, numberMatches, false)).formats;
}
