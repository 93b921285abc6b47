// Builds one typed canonical table per kind from the raw (all-text) tables of its files.
// KPI SQL reads only these tables, never a raw file.

import { ident, join, literal, raw, sql, type Sql } from '../db/sql';
import type { Mapping, StageEntryColumn } from './detect';
import { normalizeHeader } from './aliases';
import { FIELDS, GENERATED_ID, type Kind } from './fields';
import { currencyOf, parseBool, parseDate, parseNumber, parseText, type DateFormat, type NumberAffixes, type NumberFormat } from './parse';
import { STAGE_KEY_SQL_PATTERN } from './stageOrder';
import { LOST_PATTERN, WON_PATTERN } from './stages';
import { inRanges, rowsIn, type BuildStep, type RowRange } from './tableWrites';

export interface CanonicalSource {
  /** Raw table holding the file's rows as text. */
  table: string;
  mapping: Mapping;
  /** Unmapped columns kept as text for filtering: file header -> canonical column name (x_...). */
  extras?: Readonly<Record<string, string>>;
  /** Format per mapped date header and per mapped number header. */
  dateFormats: Record<string, DateFormat | null>;
  numberFormats: Record<string, NumberFormat | null>;
  stageEntries: readonly StageEntryColumn[];
  fileId: number;
  /** The file has a column named rowid, which hides DuckDB's row number of the same name. */
  rowidColumn?: boolean;
  /** Rows in the raw table: the tables built from it are written ROWS_PER_WRITE of them at a time. */
  rows?: number;
  /** The symbols the first values of a number column carry around their digits (parse.ts), by header. */
  numberAffixes?: Readonly<Record<string, NumberAffixes>>;
  /** Date columns whose first values have times (parse.ts), by header. */
  timedDates?: readonly string[];
}

/** A reps or targets file's period in months when its period column's name or format says so. */
export function periodMonthsFromHeader(source: CanonicalSource): number | null {
  const header = source.mapping.period;
  if (!header) return null;
  if (source.dateFormats[header] === 'quarter') return 3;
  if (source.dateFormats[header] === 'year') return 12;
  // Normalised as headers are for mapping: "Fiscal Year", "FISCAL-QUARTER" and "fiscal_year" alike.
  const h = normalizeHeader(header);
  if (/^(month|monthly|fiscal_month|月|月份)$/.test(h)) return 1;
  if (/^(quarter|quarterly|fiscal_quarter|fq|季度|季)$/.test(h)) return 3;
  if (/^(year|yearly|annual|fiscal_year|fy|年|年度|财年)$/.test(h)) return 12;
  return null;
}

type Spec = { type: string };
const fieldsOf = (kind: Kind) => FIELDS[kind] as Record<string, Spec>;

const NULL_OF: Record<string, Sql> = {
  text: raw('CAST(NULL AS VARCHAR)'),
  date: raw('CAST(NULL AS DATE)'),
  number: raw('CAST(NULL AS DOUBLE)'),
  bool: raw('CAST(NULL AS BOOLEAN)'),
};

/** The typed value of one canonical field of one source (NULL when the file has no such column). */
export function fieldExpr(kind: Kind, field: string, source: CanonicalSource): Sql {
  const spec = fieldsOf(kind)[field];
  const header = source.mapping[field];
  if (header === undefined) {
    if (GENERATED_ID[kind] === field) return generatedId(source);
    // A money column often names its currency ("$1,200", "€ 900") where no currency column exists.
    if (field === 'currency' && source.mapping.amount) {
      const amount = source.mapping.amount;
      return currencyOf(ident(amount), source.numberFormats[amount] ?? 'dot', source.numberAffixes?.[amount] ?? null);
    }
    return NULL_OF[spec.type];
  }
  const column = ident(header);
  switch (spec.type) {
    case 'date':
      return parseDate(column, source.dateFormats[header] ?? null, source.timedDates?.includes(header));
    case 'number': {
      const n = parseNumber(column, source.numberFormats[header] ?? 'dot', source.numberAffixes?.[header] ?? null);
      if (field !== 'probability') return n;
      // A percentage column ("Probability (%)") or value ("35%") is in hundredths, 1 included; plain
      // values above 1 are scaled again where the opportunities table is built.
      const percent = /%|percent|百分/i.test(header) ? raw('TRUE') : sql`contains(${column}, '%')`;
      return sql`CASE WHEN ${percent} THEN ${n} / 100 ELSE ${n} END`;
    }
    case 'bool':
      return parseBool(column);
    default:
      return parseText(column);
  }
}

/** The generated id of row `row` (from 1) of file `fileId`, as generatedId writes it in SQL. */
export const generatedIdOf = (fileId: number, row: number): string => `f${fileId}-r${row}`;

/**
 * The id of a row of a file without an id column: "f<file id>-r<row>", rows counted from 1 in the
 * order loaded. The raw table is never modified, so its rowid gives every statement (the table, the
 * stage history from "Date entered" columns) the same id for the same row.
 */
function generatedId(source: CanonicalSource): Sql {
  // The same shape as generatedIdOf.
  const row = source.rowidColumn ? raw('row_number() OVER ()') : raw('rowid + 1');
  return sql`concat('f', ${String(source.fileId)}, '-r', ${row})`;
}

/** Per-source columns beyond the canonical fields (the reps file's declared quota period). */
function sourceColumns(kind: Kind, source: CanonicalSource | null): Sql {
  if (kind !== 'reps' && kind !== 'targets') return raw('');
  const months = source ? periodMonthsFromHeader(source) : null;
  return sql`, CAST(${months} AS INTEGER) AS declared_period_months`;
}

/** Kinds whose unmapped columns are kept as extra dimensions. */
export const KINDS_WITH_EXTRAS: readonly Kind[] = ['opportunities', 'leads'];

/** The canonical name of an extra column: "x_" and the normalised header ("Partner Tier" -> x_partner_tier). */
export function extraColumnName(header: string): string {
  return `x_${normalizeHeader(header) || 'column'}`;
}

function typedSelect(kind: Kind, source: CanonicalSource, range: RowRange = null): Sql {
  const columns = Object.keys(fieldsOf(kind)).map((f) => sql`${fieldExpr(kind, f, source)} AS ${ident(f)}`);
  const extras = KINDS_WITH_EXTRAS.includes(kind)
    ? Object.entries(source.extras ?? {}).map(([header, name]) => sql`, ${parseText(ident(header))} AS ${ident(name)}`)
    : [];
  return sql`SELECT ${join(columns)}, CAST(${source.fileId} AS INTEGER) AS file_id${sourceColumns(kind, source)}${join(extras, '')} FROM ${ident(source.table)}${rowsIn(range)}`;
}

function emptySelect(kind: Kind): Sql {
  const columns = Object.entries(fieldsOf(kind)).map(([f, spec]) => sql`${NULL_OF[spec.type]} AS ${ident(f)}`);
  return sql`SELECT ${join(columns)}, CAST(0 AS INTEGER) AS file_id${sourceColumns(kind, null)} WHERE FALSE`;
}

function unionOf(kind: Kind, sources: readonly CanonicalSource[], range: RowRange = null): Sql {
  // BY NAME: files of one kind may carry different extra columns; the others get NULL.
  return sources.length ? join(sources.map((s) => typedSelect(kind, s, range)), ' UNION ALL BY NAME ') : emptySelect(kind);
}

const DEAL_TYPE = sql`CASE
    WHEN type IS NULL THEN 'new'
    WHEN regexp_matches(lower(type), 'renew|续费|续约|续签') THEN 'renewal'
    WHEN regexp_matches(lower(type), 'new|新') THEN 'new'
    WHEN regexp_matches(lower(type), 'existing|upsell|up-sell|expan|upgrade|add-on|addon|cross|增购|增销|扩') THEN 'expansion'
    ELSE 'other'
  END`;

/** Loss-reason values that say there is none. */
const NO_REASON = '^(n/?a|na|-+|none|null|nil|no|0|无|不适用|—)$';

/** Each rep's team (from their latest period): opportunities and leads take their owner's. */
const TEAM_OF = sql`(SELECT rep, arg_max(team, coalesce(period, DATE '1900-01-01')) AS team FROM reps WHERE team IS NOT NULL GROUP BY rep)`;

/**
 * The distinct (stage, status, type) triples over every source, in one scan of the raw rows (a
 * handful of values): the won/lost flags, stage keys and deal types are decided on them.
 */
function distinctValues(sources: readonly CanonicalSource[]): Sql {
  if (sources.length === 0) return sql`SELECT CAST(NULL AS VARCHAR) AS stage, CAST(NULL AS VARCHAR) AS status, CAST(NULL AS VARCHAR) AS type WHERE FALSE`;
  const expr = (s: CanonicalSource, f: string) => fieldExpr('opportunities', f, s);
  const parts = sources.map((s) => sql`SELECT DISTINCT ${expr(s, 'stage')} AS stage, ${expr(s, 'status')} AS status, ${expr(s, 'type')} AS type FROM ${ident(s.table)}`);
  return sql`SELECT DISTINCT * FROM (${join(parts, ' UNION ALL ')})`;
}

/**
 * Opportunity columns stored as enums: the values the filters and breakdowns compare and group. An
 * enum compares and groups as a small number where text is read and compared byte by byte (a filter
 * on one owner cost 13 ms a scan at 1M rows as text, 3 ms as an enum; grouping by owner 42 and 5 ms).
 * Each type holds the column's distinct values in sorted order, so that sorting by it sorts the text.
 */
export const ENUM_FIELDS = ['owner', 'segment', 'region', 'source', 'product', 'type', 'stage'] as const;
export const enumTypeOf = (field: string): string | null => ((ENUM_FIELDS as readonly string[]).includes(field) ? `opp_${field}_values` : null);

/** Distinct values of the enum fields that opp_values (stages, statuses, types) does not hold, one list each. */
function dimensionValues(sources: readonly CanonicalSource[]): Sql {
  const fields = ENUM_FIELDS.filter((f) => f !== 'stage' && f !== 'type');
  if (sources.length === 0) return sql`SELECT ${join(fields.map((f) => sql`CAST([] AS VARCHAR[]) AS ${ident(f)}`))}`;
  const parts = sources.map((s) => sql`SELECT ${join(fields.map((f) => sql`${fieldExpr('opportunities', f, s)} AS ${ident(f)}`))} FROM ${ident(s.table)}`);
  return sql`SELECT ${join(fields.map((f) => sql`list(DISTINCT ${ident(f)}) FILTER (WHERE ${ident(f)} IS NOT NULL) AS ${ident(f)}`))} FROM (${join(parts, ' UNION ALL ')})`;
}

function enumTypeStatements(): Sql[] {
  return ENUM_FIELDS.map((f) => {
    const values = f === 'stage' || f === 'type' ? sql`SELECT ${ident(f)} AS v FROM opp_values` : sql`SELECT unnest(${ident(f)}) AS v FROM opp_dimension_values`;
    return sql`CREATE TYPE ${ident(enumTypeOf(f)!)} AS ENUM (SELECT DISTINCT v FROM (${values}) WHERE v IS NOT NULL ORDER BY v)`;
  });
}

const distinctOf = (field: string) => sql`SELECT DISTINCT ${ident(field)} AS v FROM opp_values WHERE ${ident(field)} IS NOT NULL`;

/**
 * A row's own id and name, by kind: one value per row, so compression finds little to share in
 * them and costs the most. They are stored plain in the canonical tables, and their columns in the
 * raw table of a file read in parts (db/ingest.ts).
 */
export const OWN_TEXT: Partial<Record<Kind, readonly string[]>> = { opportunities: ['opportunity_id', 'opportunity_name'], leads: ['lead_id'] };

/** The table holding the opportunities' stored columns; the opportunities view adds the columns no file has. */
export const OPPORTUNITY_ROWS = 'opportunity_rows';

/** Columns the opportunities table computes from the fields whatever the files have. */
const ALWAYS_STORED = ['opportunity_id', 'is_won', 'is_closed', 'close_date'];

/**
 * Opportunity fields no source has (no column mapped, none derived): the view gives them as typed
 * NULLs instead of storing a column of NULLs, which the engine would keep in full (about 7 MB a
 * column at 1M rows; a typical export leaves a third of the fields unmapped).
 */
function absentFields(sources: readonly CanonicalSource[]): string[] {
  const nullText = (t: string) => NULL_OF[t].text;
  return Object.entries(fieldsOf('opportunities'))
    .filter(([f, spec]) => !ALWAYS_STORED.includes(f) && sources.every((s) => fieldExpr('opportunities', f, s).text === nullText(spec.type)))
    .map(([f]) => f);
}

/** The typed NULL the view gives an absent field (an enum field keeps its enum type, so that filters bind). */
function absentColumn(field: string): Sql {
  const type = enumTypeOf(field);
  return sql`${type ? sql`CAST(NULL AS ${ident(type)})` : NULL_OF[fieldsOf('opportunities')[field].type]} AS ${ident(field)}`;
}

/**
 * Opportunities: won/lost from the is_won flag, a won/lost status (Pipedrive) or the stage name, lost
 * also from a loss reason; the close date of a won or lost deal from its won/lost time when the
 * export has one, of an open deal from its expected close date; the account key; probability as a
 * fraction; the deal type.
 *
 * Built in one pass over the raw rows: each value parsed once; won/lost flags, deal types and stage
 * keys decided once per distinct stage, status and type (a handful of values) in small lookup tables
 * and joined, since a regular expression per row costs seconds on a million rows and every extra
 * copy of the table costs more; then each account's first win is flagged.
 */
function opportunitiesStatements(sources: readonly CanonicalSource[]): BuildStep[] {
  const flags = (name: string, field: string) => sql`CREATE OR REPLACE TABLE ${ident(name)} AS
    SELECT v, regexp_matches(lower(trim(v)), ${literal(WON_PATTERN)}) AS won, regexp_matches(lower(trim(v)), ${literal(LOST_PATTERN)}) AS lost,
      ${stageKeyOf(sql`v`)} AS key
    FROM (${distinctOf(field)})`;
  const absent = absentFields(sources);
  // The account key, from the table's columns (an absent one is a NULL).
  const accountKey = sql`coalesce(${join(['account_id', 'account_name'].map((f) => (absent.includes(f) ? NULL_OF.text : raw(f))))})`;
  const rows = ident(OPPORTUNITY_ROWS);
  const enums = ENUM_FIELDS.filter((f) => !absent.includes(f));
  /** The stored rows of one range of the sources. */
  const written = (range: RowRange) => sql`
      WITH typed AS (${unionOf('opportunities', sources, range)}),
      flagged AS (
        SELECT typed.*,
          coalesce(typed.is_won, FALSE) OR coalesce(st.won, FALSE) OR coalesce(sg.won, FALSE) AS won_flag,
          -- A deal with a loss reason is lost whatever its stage says (Odoo keeps the stage it was lost
          -- in); placeholders such as "N/A" or "-" are no reason.
          coalesce(st.lost, FALSE) OR coalesce(sg.lost, FALSE)
            OR coalesce(NOT regexp_matches(lower(typed.lost_reason), ${literal(NO_REASON)}), FALSE) AS lost_flag,
          -- An enum: comparing it costs a third of comparing text, and nearly every KPI query does.
          CAST(coalesce(tk.deal_type, 'new') AS ENUM('new', 'expansion', 'renewal', 'other')) AS deal_type, sg.key AS stage_key
        FROM typed
        LEFT JOIN opp_stage_flags sg ON sg.v = typed.stage
        LEFT JOIN opp_status_flags st ON st.v = typed.status
        LEFT JOIN opp_type_kinds tk ON tk.type = typed.type
      )
      SELECT flagged.* EXCLUDE (${join(['is_won', 'is_closed', 'won_flag', 'lost_flag', 'probability', 'close_date', ...absent.filter((f) => f !== 'probability')].map((f) => ident(f)))})
          ${enums.length ? sql`REPLACE (${join(enums.map((f) => sql`CAST(${ident(f)} AS ${ident(enumTypeOf(f)!)}) AS ${ident(f)}`))})` : raw('')},
        won_flag AS is_won,
        NOT won_flag AND (lost_flag OR coalesce(is_closed, FALSE)) AS is_lost,
        won_flag OR lost_flag OR coalesce(is_closed, FALSE) AS is_closed,
        CASE WHEN won_flag THEN coalesce(won_at, close_date)
             WHEN lost_flag THEN coalesce(lost_at, close_date)
             ELSE coalesce(close_date, expected_close_date) END AS close_date,
        ${absent.includes('probability') ? raw('') : raw('CASE WHEN probability > 1 THEN probability / 100 ELSE probability END AS probability,')}
        teams.team AS team,
        FALSE AS first_win,
        -- The current open stage's place in the pipeline, set once the stage order is known (DataStore).
        CAST(NULL AS INTEGER) AS stage_ord
      FROM flagged LEFT JOIN ${TEAM_OF} AS teams ON teams.rep = flagged.owner`;
  return [
    // The table's columns use the enum types, which are made again from the new values.
    sql`DROP VIEW IF EXISTS opportunities`,
    sql`DROP TABLE IF EXISTS ${rows}`,
    ...ENUM_FIELDS.map((f) => sql`DROP TYPE IF EXISTS ${ident(enumTypeOf(f)!)}`),
    sql`CREATE OR REPLACE TABLE opp_values AS ${distinctValues(sources)}`,
    sql`CREATE OR REPLACE TABLE opp_dimension_values AS ${dimensionValues(sources)}`,
    ...enumTypeStatements(),
    flags('opp_stage_flags', 'stage'),
    flags('opp_status_flags', 'status'),
    sql`CREATE OR REPLACE TABLE opp_type_kinds AS SELECT type, ${DEAL_TYPE} AS deal_type FROM (SELECT v AS type FROM (${distinctOf('type')}))`,
    ...inRanges(OPPORTUNITY_ROWS, sources, written, {
      enumTypes: Object.fromEntries(enums.map((f) => [f, enumTypeOf(f)!])),
      plainText: OWN_TEXT.opportunities,
    }),
    sql`CREATE VIEW opportunities AS SELECT *, ${join([...absent.map(absentColumn), sql`${accountKey} AS account_key`])} FROM ${rows}`,
    // Each account's first won opportunity, decided once here rather than in every query: the
    // earliest close date, and of wins closed the same day the first id; one row per account, even
    // where an id is repeated. Picked by row number and the pair (close date, id), not by a join on
    // the account and id, nor by text made of the date and id: 1M opportunities in Node 165 ms
    // against 290 (the join) and 400 (the text).
    sql`UPDATE ${rows} SET first_win = TRUE WHERE rowid IN (
        SELECT arg_min(rowid, (close_date, opportunity_id)) FROM ${rows}
        WHERE is_won AND ${accountKey} IS NOT NULL AND close_date IS NOT NULL GROUP BY ${accountKey}
      )`,
    sql`DROP TABLE opp_values`,
    sql`DROP TABLE opp_dimension_values`,
    sql`DROP TABLE opp_stage_flags`,
    sql`DROP TABLE opp_status_flags`,
    sql`DROP TABLE opp_type_kinds`,
  ];
}

/** The stage's key (lower case, no spaces or punctuation), computed per distinct stage. */
function stageKeyOf(column: Sql): Sql {
  return sql`regexp_replace(lower(trim(${column})), ${literal(STAGE_KEY_SQL_PATTERN)}, '', 'g')`;
}

/** Stage history files, plus one row per filled "Date entered <stage>" cell of opportunity exports. */
function stageHistorySql(history: readonly CanonicalSource[], opportunities: readonly CanonicalSource[], range: RowRange = null): Sql {
  const parts = [unionOf('stage_history', history, range)];
  for (const source of opportunities) {
    const id = fieldExpr('opportunities', 'opportunity_id', source);
    for (const entry of source.stageEntries) {
      const entered = parseDate(ident(entry.header), source.dateFormats[entry.header] ?? null, source.timedDates?.includes(entry.header));
      // Filtered after the ids are taken, so a generated id numbers the same rows as in the table.
      parts.push(sql`SELECT opportunity_id, ${entry.stage} AS stage, entered_at, ${source.fileId} AS file_id
        FROM (SELECT ${id} AS opportunity_id, ${entered} AS entered_at FROM ${ident(source.table)}${rowsIn(range)}) WHERE entered_at IS NOT NULL`);
    }
  }
  return sql`SELECT *, ${stageKeyOf(sql`stage`)} AS stage_key FROM (${join(parts, ' UNION ALL ')})`;
}

/**
 * The period length in months of quota and target rows: from the period column's name, else from
 * the usual spacing of the period starts within each group (else the file's, else a year).
 */
function periodMonthsSql(body: Sql, group: Sql): Sql {
  return sql`WITH b AS (${body}),
    starts AS (SELECT DISTINCT file_id, ${group} AS grp, period FROM b WHERE period IS NOT NULL),
    gaps AS (
      SELECT file_id, grp, date_diff('month', lag(period) OVER (PARTITION BY file_id, grp ORDER BY period), period) AS gap FROM starts
    ),
    by_group AS (SELECT file_id, grp, median(gap) AS gap FROM gaps WHERE gap > 0 GROUP BY ALL),
    by_file AS (SELECT file_id, median(gap) AS gap FROM gaps WHERE gap > 0 GROUP BY ALL)
    SELECT b.* EXCLUDE (declared_period_months),
      CAST(coalesce(b.declared_period_months, round(by_group.gap), round(by_file.gap), 12) AS INTEGER) AS period_months
    FROM b LEFT JOIN by_group ON by_group.file_id = b.file_id AND by_group.grp IS NOT DISTINCT FROM ${group}
    LEFT JOIN by_file ON by_file.file_id = b.file_id`;
}

/** Reps: the team defaults to the manager's name; each rep's quota periods have a length. */
const repsSql = (body: Sql) =>
  sql`SELECT * EXCLUDE (team), coalesce(team, manager) AS team FROM (${periodMonthsSql(body, sql`b.rep`)})`;

/** Targets: each row's period length, from its group (team, product) of rows. */
const targetsSql = (body: Sql) => periodMonthsSql(body, sql`concat_ws('|', b.team, b.product)`);

const DERIVED: Partial<Record<Kind, (body: Sql) => Sql>> = {
  reps: repsSql,
  targets: targetsSql,
  leads: (body) => sql`SELECT b.*, teams.team AS team FROM (${body}) AS b LEFT JOIN ${TEAM_OF} AS teams ON teams.rep = b.owner`,
  revenue: (body) => sql`SELECT * EXCLUDE (mrr), coalesce(mrr, arr / 12) AS mrr FROM (${body})`,
};

/** The statements that CREATE OR REPLACE the canonical table of `kind` (an empty table when it has no sources). */
export function buildCanonicalSql(kind: Kind, sources: readonly CanonicalSource[], opportunitySources: readonly CanonicalSource[] = []): BuildStep[] {
  const target = ident(kind);
  if (kind === 'opportunities') return opportunitiesStatements(sources);
  // Kinds whose files can hold millions of rows, each row built on its own, are written ROWS_PER_WRITE
  // rows at a time as the opportunities are (the stage history also from the opportunities' "Date
  // entered" columns). Reps and targets are small and their period lengths come from all their rows.
  if (kind === 'stage_history') {
    const entering = opportunitySources.filter((s) => s.stageEntries.length > 0);
    return inRanges(kind, [...sources, ...entering], (range) => stageHistorySql(sources, opportunitySources, range));
  }
  const derived = DERIVED[kind];
  const written = (range: RowRange = null) => (derived ? derived(unionOf(kind, sources, range)) : unionOf(kind, sources, range));
  if (kind === 'leads' || kind === 'revenue') return inRanges(kind, sources, written, { plainText: OWN_TEXT[kind] });
  return [sql`CREATE OR REPLACE TABLE ${target} AS ${written()}`];
}

export interface FieldFailures {
  field: string;
  header: string;
  failed: number;
  examples: string[];
}

/** Values present in a mapped date, number or yes/no column that did not parse: counted, with examples. */
export function parseFailuresSql(kind: Kind, source: CanonicalSource): Sql | null {
  const checked = Object.entries(source.mapping).filter(([f]) => ['date', 'number', 'bool'].includes(fieldsOf(kind)[f]?.type ?? ''));
  if (checked.length === 0) return null;
  // One scan of the raw rows counts every column; a row per column is then read from it.
  const counts = checked.map(([field, header], i) => {
    const rawValue = parseText(ident(header));
    const bad = sql`${rawValue} IS NOT NULL AND ${fieldExpr(kind, field, source)} IS NULL`;
    return sql`count(*) FILTER (WHERE ${bad}) AS ${ident(`n${i}`)}, coalesce(list(DISTINCT ${rawValue}) FILTER (WHERE ${bad}), [])[1:3] AS ${ident(`e${i}`)}`;
  });
  const rows = checked.map(([field, header], i) => sql`SELECT ${field} AS field, ${header} AS header, ${ident(`n${i}`)} AS failed, ${ident(`e${i}`)} AS examples FROM s`);
  return sql`WITH s AS MATERIALIZED (SELECT ${join(counts)} FROM ${ident(source.table)}) ${join(rows, ' UNION ALL ')}`;
}
