// Query results cached by their SQL text and parameters: going back to a view, or to a filter
// tried before, costs nothing. The cache is emptied whenever the data changes.

import type { DbClient, Row } from './client';
import { ident, join, raw, sql, type Sql } from './sql';

export interface CachedDb extends DbClient {
  clear(): void;
  /**
   * The row of each one-row query (undefined where it gives none): those asked for before come from
   * the cache, the others run together in one statement (firstRows).
   */
  firstRows<T extends Row>(queries: readonly Sql[]): Promise<(T | undefined)[]>;
}

/** The column firstRows tells its queries' rows apart by. */
const QUERY_OF = 'kpi_query_of';

/**
 * The first row of each of some queries with the same columns (undefined where one gives none), all
 * in one statement: much of a view's time is its statements' fixed cost (at 1M rows in Chromium, the
 * overview over 2023 took 127 ms with each tile's period and comparison period in one statement
 * against 132-135 ms with them apart; at 100k rows the p95 of all view changes 131-136 against 143-145).
 */
export async function firstRows<T extends Row>(db: DbClient, queries: readonly Sql[]): Promise<(T | undefined)[]> {
  if (queries.length === 1) return [(await db.query<T>(queries[0]))[0]];
  const rows = await db.query<Row>(join(queries.map((q, i) => sql`SELECT ${raw(String(i))} AS ${ident(QUERY_OF)}, * FROM (${q})`), ' UNION ALL '));
  return queries.map((_, i) => {
    const row = rows.find((r) => Number(r[QUERY_OF]) === i);
    if (!row) return undefined;
    const { [QUERY_OF]: _of, ...values } = row;
    return values as T;
  });
}

/** firstRows through the cache when `db` has one. */
export function firstRowsOf<T extends Row>(db: DbClient | CachedDb, queries: readonly Sql[]): Promise<(T | undefined)[]> {
  return 'firstRows' in db ? db.firstRows<T>(queries) : firstRows<T>(db, queries);
}

export function cachedDb(db: DbClient, capacity = 400): CachedDb {
  const cache = new Map<string, Promise<Row[]>>();
  const keyOf = (q: Sql) => `${q.text}\u0000${JSON.stringify(q.params)}`;
  /** The entry under `key`, now the most recently used. */
  const hit = (key: string) => {
    const found = cache.get(key);
    if (found) {
      cache.delete(key);
      cache.set(key, found);
    }
    return found;
  };
  const remember = (key: string, result: Promise<Row[]>) => {
    cache.set(key, result);
    result.catch(() => cache.delete(key));
    if (cache.size > capacity) cache.delete(cache.keys().next().value!);
  };
  return {
    ...db,
    query<T extends Row>(q: Sql): Promise<T[]> {
      // Only reads are cached; statements that change tables go straight through.
      if (!/^\s*(SELECT|WITH)\b/i.test(q.text)) return db.query<T>(q);
      const key = keyOf(q);
      const found = hit(key);
      if (found) return found as Promise<T[]>;
      const result = db.query<T>(q);
      remember(key, result);
      return result;
    },
    firstRows<T extends Row>(queries: readonly Sql[]): Promise<(T | undefined)[]> {
      // Filed apart from query()'s entries: only the first row is kept.
      const keys = queries.map((q) => `first row\u0000${keyOf(q)}`);
      // The entries held are taken before room is made for the others (which could evict them).
      const results = keys.map(hit);
      const missing = keys.flatMap((_, i) => (results[i] ? [] : [i]));
      if (missing.length) {
        const run = firstRows(db, missing.map((i) => queries[i]));
        missing.forEach((i, k) => {
          results[i] = run.then((rows) => (rows[k] ? [rows[k]] : []));
          remember(keys[i], results[i]);
        });
      }
      return Promise.all(results).then((all) => all.map((rows) => rows![0] as T | undefined));
    },
    clear() {
      cache.clear();
    },
  };
}
