// View filters: a typed object compiled to one SQL predicate. An empty list means no predicate.

import { ident, join, raw, sql, type Sql } from '../db/sql';

export const FILTER_FIELDS = ['owner', 'team', 'segment', 'region', 'source', 'product', 'type', 'stage'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export type Filters = Partial<Record<FilterField, readonly string[]>>;

/**
 * `available` lists the columns the table has; a filter on a column the data lacks matches nothing,
 * so a shared link never silently shows unfiltered numbers as if they were filtered.
 */
export function filterPredicate(filters: Filters, available: ReadonlySet<string>): Sql {
  const parts: Sql[] = [];
  for (const field of FILTER_FIELDS) {
    const values = filters[field];
    if (!values || values.length === 0) continue;
    if (!available.has(field)) {
      parts.push(raw('FALSE'));
      continue;
    }
    parts.push(sql`${ident(field)} IN (${join(values.map((v) => sql`${v}`))})`);
  }
  return parts.length ? join(parts, ' AND ') : raw('TRUE');
}
