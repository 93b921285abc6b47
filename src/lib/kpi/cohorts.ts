// Conversion cohorts: items grouped by the bucket of their start date (the cohort), and for each
// age since start, the cumulative share that reached an event. Ages not reached by any member by
// the as-of date are empty (NULL), not zero; ages some members have not reached yet are "partial".

import { ident, int, join, raw, sql, type Sql } from '../db/sql';
import { bucketSql, type DateRange, type Grain } from './period';

export interface CohortSpec {
  /** A relation with d0 (start date) and d1 (event date, NULL when it has not happened). */
  items: Sql;
  grain: Grain;
  fyStart: number;
  range: DateRange;
  asOf: string;
  /** Ages 0..maxAge, in weeks for a weekly grain, else in months. */
  maxAge: number;
}

export interface CohortCell {
  cohort: string;
  size: number;
  age: number;
  reached: number | null;
  share: number | null;
  partial: boolean;
}

const ageUnit = (grain: Grain): 'week' | 'month' => (grain === 'week' ? 'week' : 'month');

/** `n` age units after `d`. */
function plusUnits(grain: Grain, d: Sql, n: Sql): Sql {
  return ageUnit(grain) === 'week' ? sql`CAST(${d} + to_days(CAST(7 * (${n}) AS INTEGER)) AS DATE)` : sql`CAST(${d} + to_months(CAST(${n} AS INTEGER)) AS DATE)`;
}

/** Whole age units from d0 to d1 (an event on day 6 is week 0; one month less a day is month 0). */
function wholeUnits(grain: Grain, d0: Sql, d1: Sql): Sql {
  if (ageUnit(grain) === 'week') return sql`CAST(floor((${d1} - ${d0}) / 7) AS INTEGER)`;
  const months = sql`date_diff('month', ${d0}, ${d1})`;
  return sql`(${months} - CASE WHEN ${d0} + to_months(CAST(${months} AS INTEGER)) > ${d1} THEN 1 ELSE 0 END)`;
}

const NEXT_BUCKET: Record<Grain, Sql> = {
  week: raw('INTERVAL 7 DAY'), month: raw('INTERVAL 1 MONTH'), quarter: raw('INTERVAL 3 MONTH'), year: raw('INTERVAL 12 MONTH'),
};

function cohortItems(spec: CohortSpec): Sql {
  const bucket = bucketSql(spec.grain, sql`d0`, spec.fyStart);
  return sql`SELECT ${bucket} AS cohort, CAST(d0 AS DATE) AS d0, CAST(d1 AS DATE) AS d1
    FROM (${spec.items}) WHERE d0 BETWEEN CAST(${spec.range.from} AS DATE) AND CAST(${spec.range.to} AS DATE)`;
}

/** One row per cohort and age 0..maxAge. */
export function cohortTableSql(spec: CohortSpec): Sql {
  const asOf = sql`CAST(${spec.asOf} AS DATE)`;
  const cohortEnd = sql`CAST(g.cohort + ${NEXT_BUCKET[spec.grain]} - INTERVAL 1 DAY AS DATE)`;
  return sql`WITH b AS (${cohortItems(spec)}),
    sizes AS (SELECT cohort, count(*) AS size FROM b GROUP BY 1),
    hits AS (
      SELECT cohort, greatest(${wholeUnits(spec.grain, sql`d0`, sql`d1`)}, 0) AS age, count(*) AS n
      FROM b WHERE d1 IS NOT NULL GROUP BY ALL
    ),
    g AS (SELECT s.cohort, s.size, a.age FROM sizes s CROSS JOIN (SELECT unnest(range(0, ${int(spec.maxAge + 1)})) AS age) a),
    cum AS (
      SELECT g.cohort, g.size, g.age, sum(coalesce(h.n, 0)) OVER (PARTITION BY g.cohort ORDER BY g.age) AS reached
      FROM g LEFT JOIN hits h ON h.cohort = g.cohort AND h.age = g.age
    )
    SELECT strftime(g.cohort, '%Y-%m-%d') AS cohort, g.size, g.age,
      CASE WHEN ${plusUnits(spec.grain, sql`g.cohort`, sql`g.age`)} > ${asOf} THEN NULL ELSE g.reached END AS reached,
      CASE WHEN ${plusUnits(spec.grain, sql`g.cohort`, sql`g.age`)} > ${asOf} THEN NULL ELSE g.reached / g.size END AS share,
      ${plusUnits(spec.grain, cohortEnd, sql`g.age + 1`)} > ${asOf} + INTERVAL 1 DAY AS partial
    FROM cum g ORDER BY g.cohort, g.age`;
}

export interface CohortAtAge {
  cohort: string;
  size: number;
  /** Share reached within each compared age (in days), and whether every member is that old. */
  [key: string]: string | number | boolean | null;
}

/** Per cohort, the share reached within each of `days` days of the start, with maturity flags. */
export function cohortAtAgesSql(spec: Omit<CohortSpec, 'maxAge'>, days: readonly number[]): Sql {
  const asOf = sql`CAST(${spec.asOf} AS DATE)`;
  const cohortEnd = sql`CAST(cohort + ${NEXT_BUCKET[spec.grain]} - INTERVAL 1 DAY AS DATE)`;
  const columns = days.flatMap((d) => [
    sql`count(*) FILTER (WHERE d1 IS NOT NULL AND d1 - d0 < ${int(d)}) / count(*) AS ${ident(`share_${d}`)}`,
    sql`any_value(${cohortEnd}) + ${int(d - 1)} <= ${asOf} AS ${ident(`mature_${d}`)}`,
  ]);
  return sql`SELECT strftime(cohort, '%Y-%m-%d') AS cohort, count(*) AS size, ${join(columns)}
    FROM (${cohortItems({ ...spec, maxAge: 0 })}) GROUP BY cohort ORDER BY cohort`;
}
