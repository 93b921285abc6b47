// Builds one typed canonical table per kind from the raw (all-text) tables of its files.
// KPI SQL reads only these tables, never a raw file.

import { ident, join, literal, raw, sql, type Sql } from '../db/sql';
import type { Mapping } from './detect';
import { FIELDS, type Kind } from './fields';
import { parseBool, parseDate, parseNumber, parseText, type DateFormat } from './parse';
import { LOST_PATTERN, WON_PATTERN } from './stages';

export interface CanonicalSource {
  /** Raw table holding the file's rows as text. */
  table: string;
  mapping: Mapping;
  /** Detected format per mapped date header. */
  dateFormats: Record<string, DateFormat | null>;
  fileId: number;
}

const NULL_OF: Record<string, Sql> = {
  text: raw('CAST(NULL AS VARCHAR)'),
  date: raw('CAST(NULL AS DATE)'),
  number: raw('CAST(NULL AS DOUBLE)'),
  bool: raw('CAST(NULL AS BOOLEAN)'),
};

function fieldExpr(kind: Kind, field: string, source: CanonicalSource): Sql {
  const spec = (FIELDS[kind] as Record<string, { type: string }>)[field];
  const header = source.mapping[field];
  if (header === undefined) return NULL_OF[spec.type];
  const column = ident(header);
  switch (spec.type) {
    case 'date':
      return parseDate(column, source.dateFormats[header] ?? null);
    case 'number':
      return parseNumber(column);
    case 'bool':
      return parseBool(column);
    default:
      return parseText(column);
  }
}

function typedSelect(kind: Kind, source: CanonicalSource): Sql {
  const columns = Object.keys(FIELDS[kind]).map((f) => sql`${fieldExpr(kind, f, source)} AS ${ident(f)}`);
  return sql`SELECT ${join(columns)}, ${source.fileId} AS file_id FROM ${ident(source.table)}`;
}

const DEAL_TYPE = sql`CASE
    WHEN type IS NULL THEN 'new'
    WHEN regexp_matches(lower(type), 'renew|续费|续约|续签') THEN 'renewal'
    WHEN regexp_matches(lower(type), 'new|新') THEN 'new'
    WHEN regexp_matches(lower(type), 'existing|upsell|up-sell|expan|upgrade|add-on|addon|cross|增购|增销|扩') THEN 'expansion'
    ELSE 'other'
  END`;

/** Columns every kind derives from its typed fields. */
const DERIVED: Partial<Record<Kind, Sql>> = {
  opportunities: sql`*,
    coalesce(is_won, FALSE)
      OR coalesce(regexp_matches(lower(status), ${literal(WON_PATTERN)}), FALSE)
      OR coalesce(regexp_matches(lower(stage), ${literal(WON_PATTERN)}), FALSE) AS won_flag,
    coalesce(regexp_matches(lower(status), ${literal(LOST_PATTERN)}), FALSE)
      OR coalesce(regexp_matches(lower(stage), ${literal(LOST_PATTERN)}), FALSE) AS lost_flag,
    coalesce(account_id, account_name) AS account_key,
    CASE WHEN probability > 1 THEN probability / 100 ELSE probability END AS probability_fraction,
    ${DEAL_TYPE} AS deal_type`,
};

/** Final column list per kind: derived flags replace their inputs. */
const FINAL: Partial<Record<Kind, Sql>> = {
  opportunities: sql`* EXCLUDE (is_won, is_closed, won_flag, lost_flag, probability, probability_fraction),
    won_flag AS is_won,
    lost_flag OR (coalesce(is_closed, FALSE) AND NOT won_flag) AS is_lost,
    won_flag OR lost_flag OR coalesce(is_closed, FALSE) AS is_closed,
    probability_fraction AS probability`,
};

/** CREATE OR REPLACE the canonical table of `kind` from its sources (an empty table when none). */
export function buildCanonicalSql(kind: Kind, sources: readonly CanonicalSource[]): Sql {
  const target = ident(kind);
  const body = sources.length
    ? join(sources.map((s) => typedSelect(kind, s)), ' UNION ALL ')
    : emptySelect(kind);
  const derived = DERIVED[kind];
  const final = FINAL[kind];
  if (!derived || !final) return sql`CREATE OR REPLACE TABLE ${target} AS ${body}`;
  return sql`CREATE OR REPLACE TABLE ${target} AS
    SELECT ${final} FROM (SELECT ${derived} FROM (${body}))`;
}

function emptySelect(kind: Kind): Sql {
  const columns = Object.entries(FIELDS[kind] as Record<string, { type: string }>).map(
    ([f, spec]) => sql`${NULL_OF[spec.type]} AS ${ident(f)}`,
  );
  return sql`SELECT ${join(columns)}, 0 AS file_id WHERE FALSE`;
}
