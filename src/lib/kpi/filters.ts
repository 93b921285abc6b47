// View filters: a typed object compiled to SQL in one place. An empty list means no predicate;
// a filter on a field a table does not have is ignored for that table, and reported as ignored.

import { enumTypeOf } from '../crm/canonical';
import type { Kind } from '../crm/fields';
import { ident, join, raw, sql, type Sql } from '../db/sql';

export const FILTER_FIELDS = ['owner', 'team', 'segment', 'region', 'source', 'product', 'type', 'stage'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** An extra column of the files ("x_" and its normalised header), usable as a filter too. */
export type ExtraField = `x_${string}`;

export type Filters = Partial<Record<FilterField, readonly string[]>> & { [extra: ExtraField]: readonly string[] };

export const isExtraField = (key: string): key is ExtraField => /^x_[\p{L}\p{N}_]{1,64}$/u.test(key);

/** The column each filter reads in each canonical table (absent: the table has no such field). */
export const FILTER_COLUMNS: Partial<Record<Kind, Partial<Record<FilterField, string>>>> = {
  opportunities: { owner: 'owner', team: 'team', segment: 'segment', region: 'region', source: 'source', product: 'product', type: 'type', stage: 'stage' },
  leads: { owner: 'owner', team: 'team', segment: 'segment', region: 'region', source: 'source' },
  revenue: { product: 'product' },
  reps: { owner: 'rep', team: 'team', region: 'region' },
  targets: { team: 'team', product: 'product' },
};

export interface FilterContext {
  filters: Filters;
  /** Fields holding data, per canonical table. */
  fields: Partial<Record<Kind, ReadonlySet<string>>>;
}

function applicable(ctx: FilterContext, table: Kind): [FilterField | ExtraField, string, readonly string[]][] {
  const columns = FILTER_COLUMNS[table] ?? {};
  const have = ctx.fields[table] ?? new Set<string>();
  const fixed = FILTER_FIELDS.flatMap((field) => {
    const values = ctx.filters[field];
    const column = columns[field];
    return values?.length && column && have.has(column) ? [[field, column, values] as [FilterField, string, readonly string[]]] : [];
  });
  // Extra columns filter the tables that carry them under their own name.
  const extras = extraFilters(ctx.filters).filter(([key]) => have.has(key)).map(([key, values]) => [key, key, values] as [ExtraField, string, readonly string[]]);
  return [...fixed, ...extras];
}

export function extraFilters(filters: Filters): [ExtraField, readonly string[]][] {
  return Object.entries(filters).filter(([k, v]) => isExtraField(k) && v && v.length > 0) as [ExtraField, readonly string[]][];
}

/** The active filters that reach `table` (their fields, extra columns included). */
export function appliedFilters(ctx: FilterContext, table: Kind): string[] {
  return applicable(ctx, table).map(([field]) => field);
}

/** Whether some active filter reaches `table`. */
export function filtersApply(ctx: FilterContext, table: Kind): boolean {
  return applicable(ctx, table).length > 0;
}

/** The predicate for `table` (TRUE when nothing applies). `alias` qualifies the columns. */
export function filterWhere(ctx: FilterContext, table: Kind, alias?: string): Sql {
  const parts = applicable(ctx, table).map(([field, column, values]) => {
    const col = alias ? sql`${ident(alias)}.${ident(column)}` : ident(column);
    // An enum column compares with its own type (a value it lacks becomes NULL and matches nothing).
    const type = table === 'opportunities' && !isExtraField(field) ? enumTypeOf(column) : null;
    return sql`${col} IN (${join(values.map((v) => (type ? sql`TRY_CAST(${v} AS ${ident(type)})` : sql`${v}`)))})`;
  });
  return parts.length ? join(parts, ' AND ') : raw('TRUE');
}

/** Active filters that `table` cannot apply (it lacks the field): the KPI says it ignores them. */
export function ignoredFilters(ctx: FilterContext, table: Kind): (FilterField | ExtraField)[] {
  const used = new Set<string>(applicable(ctx, table).map(([f]) => f));
  return [...FILTER_FIELDS.filter((f) => ctx.filters[f]?.length), ...extraFilters(ctx.filters).map(([k]) => k)].filter((f) => !used.has(f));
}

/** Distinct values of an extra column (first 500), when it has few enough to filter by. */
export function extraOptionsSql(table: Kind, column: ExtraField, max = 200): Sql {
  return sql`SELECT v FROM (SELECT DISTINCT ${ident(column)} AS v FROM ${ident(table)} WHERE ${ident(column)} IS NOT NULL)
    WHERE (SELECT count(DISTINCT ${ident(column)}) FROM ${ident(table)}) <= ${max} ORDER BY lower(v) LIMIT 500`;
}

/**
 * The values a filter can take: distinct values of its column in every table that has it (first 500).
 * An opportunity column stored as an enum holds exactly its type's values (canonical.ts builds the
 * type from the same values), read without a scan of the opportunities.
 */
export function filterOptionsSql(field: FilterField, fields: FilterContext['fields']): Sql | null {
  const parts: Sql[] = [];
  for (const [table, columns] of Object.entries(FILTER_COLUMNS) as [Kind, Partial<Record<FilterField, string>>][]) {
    const column = columns[field];
    if (!column || !fields[table]?.has(column)) continue;
    const type = table === 'opportunities' ? enumTypeOf(column) : null;
    parts.push(type
      ? sql`SELECT CAST(unnest(enum_range(NULL::${ident(type)})) AS VARCHAR) AS v`
      : sql`SELECT DISTINCT CAST(${ident(column)} AS VARCHAR) AS v FROM ${ident(table)} WHERE ${ident(column)} IS NOT NULL`);
  }
  if (parts.length === 0) return null;
  return sql`SELECT v FROM (${join(parts, ' UNION ')}) ORDER BY lower(v) LIMIT 500`;
}
