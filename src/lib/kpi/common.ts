// Small SQL pieces shared by the KPI families.

import { sql, type Sql } from '../db/sql';
import type { DateRange } from './period';

export function inRange(column: Sql, range: DateRange): Sql {
  return sql`${column} BETWEEN CAST(${range.from} AS DATE) AND CAST(${range.to} AS DATE)`;
}

/** Days of [from, to] (inclusive) that fall inside `range`, as SQL. */
export function overlapDays(from: Sql, to: Sql, range: DateRange): Sql {
  return sql`greatest(0, least(${to}, CAST(${range.to} AS DATE)) - greatest(${from}, CAST(${range.from} AS DATE)) + 1)`;
}
