// Opportunities totalled per day: opp_closed_days and opp_created_days, built with the opportunities
// table (crm/canonical.ts), hold the counts and amounts by close date and by created date that most
// tiles and series read. An unfiltered view reads a few thousand of these rows instead of every
// opportunity (each aggregate with a FILTER clause costs milliseconds per million rows in the
// single-threaded engine); a view whose filters reach the opportunities reads the opportunities
// themselves through the same columns, one row each (n = 1). Either way a query counts with sum(n)
// and adds amounts with sum(amount).

import { raw, sql, type Sql } from '../db/sql';
import { inRange } from './common';
import { filtersApply, filterWhere } from './filters';
import type { KpiParams } from './params';
import type { DateRange } from './period';

const within = (column: 'close_date' | 'created_at', range?: DateRange) => (range ? sql` AND ${inRange(raw(column), range)}` : sql``);

/**
 * Opportunities by close date (an open deal's expected one), optionally within `range`: close_date,
 * is_won, is_lost, deal_type, first_win, created_late, n, amount.
 */
export function closedFacts(p: KpiParams, range?: DateRange): Sql {
  if (!filtersApply(p, 'opportunities')) return sql`SELECT * FROM opp_closed_days WHERE TRUE${within('close_date', range)}`;
  return sql`SELECT close_date, is_won, is_lost, deal_type, first_win,
      CASE WHEN close_date IS NULL OR created_at > close_date THEN created_at END AS created_late, 1 AS n, amount
    FROM opportunities WHERE ${filterWhere(p, 'opportunities')}${within('close_date', range)}`;
}

/** Opportunities by created date, optionally within `range`: created_at, is_won, n, amount. */
export function createdFacts(p: KpiParams, range?: DateRange): Sql {
  if (!filtersApply(p, 'opportunities')) return sql`SELECT * FROM opp_created_days WHERE TRUE${within('created_at', range)}`;
  return sql`SELECT created_at, is_won, 1 AS n, amount FROM opportunities WHERE ${filterWhere(p, 'opportunities')}${within('created_at', range)}`;
}

/** How many rows of closedFacts or createdFacts stand for opportunities meeting `where`; zero when none do. */
export function countWhere(where: Sql | string): Sql {
  return sql`coalesce(sum(n) FILTER (WHERE ${typeof where === 'string' ? raw(where) : where}), 0)`;
}
