// Query results cached by their SQL text and parameters: going back to a view, or to a filter
// tried before, costs nothing. The cache is emptied whenever the data changes.

import type { DbClient, Row } from './client';
import type { Sql } from './sql';

export interface CachedDb extends DbClient {
  clear(): void;
}

export function cachedDb(db: DbClient, capacity = 400): CachedDb {
  const cache = new Map<string, Promise<Row[]>>();
  return {
    ...db,
    query<T extends Row>(q: Sql): Promise<T[]> {
      // Only reads are cached; statements that change tables go straight through.
      if (!/^\s*(SELECT|WITH)\b/i.test(q.text)) return db.query<T>(q);
      const key = `${q.text}\u0000${JSON.stringify(q.params)}`;
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit); // most recently used last
        return hit as Promise<T[]>;
      }
      const result = db.query<T>(q);
      cache.set(key, result);
      result.catch(() => cache.delete(key));
      if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      return result;
    },
    clear() {
      cache.clear();
    },
  };
}
