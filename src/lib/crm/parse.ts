// SQL expressions that turn a raw text column into a typed value. Formats are decided per column
// from the whole column (formats.ts), never per row, and the user can override them.

import { join, literal, raw, sql, type Sql } from '../db/sql';

/**
 * Candidate date formats, in the order ties are broken: ISO first, then month-first as US
 * exports (Salesforce) write, then day-first. 'excel' is a serial day number (1 = 1900-01-01).
 */
export const DATE_FORMATS = [
  '%Y-%m-%d', '%Y/%m/%d', '%m/%d/%Y', '%d/%m/%Y', '%d.%m.%Y', '%m-%d-%Y', '%d-%m-%Y', '%m/%d/%y', '%d/%m/%y',
  '%d.%m.%y', '%Y.%m.%d', '%Y年%m月%d日', '%d-%b-%Y', '%d %b %Y', '%b %d, %Y', '%Y%m%d', '%Y-%m', '%Y/%m',
  '%Y年%m月', 'quarter', 'year', 'excel',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Day-first and month-first pairs: when one is picked the user may flip to the other. */
export const DAY_ORDER_TWIN: Partial<Record<DateFormat, DateFormat>> = {
  '%m/%d/%Y': '%d/%m/%Y', '%d/%m/%Y': '%m/%d/%Y', '%m-%d-%Y': '%d-%m-%Y', '%d-%m-%Y': '%m-%d-%Y',
  '%m/%d/%y': '%d/%m/%y', '%d/%m/%y': '%m/%d/%y',
};

/**
 * The date part of a value: drops a trailing time ("10:31", "3:45 PM", "T09:00:00Z", "+08:00").
 * Numeric formats have no space or "T" inside the date, so cutting there is enough (and much faster
 * than a regular expression over a million values); formats with month names take the slow path.
 */
export function datePart(column: Sql, format?: string): Sql {
  if (format && !format.includes(' ') && !format.includes('%b')) {
    return sql`split_part(split_part(trim(${column}), ' ', 1), 'T', 1)`;
  }
  return sql`regexp_replace(trim(${column}), '(\\s+|T)\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?\\s*([AaPp][Mm])?\\s*(Z|UTC|GMT|[+-]\\d{2}:?\\d{2})?$', '')`;
}

/** "2024-Q1", "2024 Q1", "Q1 2024", "2024Q1": year and quarter, in either order. */
const QUARTER = '^(\\d{4})\\s*-?\\s*Q([1-4])$|^Q([1-4])\\s*-?\\s*(\\d{4})$';

/**
 * A quarter value upper-cased, with the Chinese forms ("2024年Q1", "2024年第1季度", "2024年第一季度",
 * "2024年一季度", "2024年1季度") rewritten as "2024-Q1" first. A digit after 年 is a quarter only
 * with 第 or 季(度) beside it ("2024年1" could be a month).
 */
function quarterValue(column: Sql): Sql {
  const v = sql`upper(trim(${column}))`;
  const zh = sql`regexp_replace(${v}, '^(\\d{4})\\s*年\\s*(?:Q\\s*([1-4])|第\\s*([1-4一二三四])\\s*(?:季度?)?|([1-4一二三四])\\s*季度?)$', '\\1-Q\\2\\3\\4')`;
  return sql`translate(${zh}, '一二三四', '1234')`;
}

/**
 * A year on its own: "2024", "FY2024", "FY24", "FY 2024", "FY-2024", "2024年", "2024财年". Four digits
 * only from 1900 to 2099 (a column of other 4-digit numbers is no column of years); two only after FY.
 */
const YEAR = '^(?:FY\\s*-?\\s*)?((?:19|20)\\d{2})(?:\\s*(?:年|年度|财年))?$|^FY\\s*-?\\s*(\\d{2})$';

export function parseDate(column: Sql, format: DateFormat | null, timed = false): Sql {
  if (!format) return raw('CAST(NULL AS DATE)');
  if (format === 'year') {
    // The period starts on 1 January of that year. Files are read before, and apart from, the
    // view's fiscal start month (the fy URL key), so "FY2024" is read as the calendar year 2024, as
    // quarters ("2024-Q1") are read as calendar quarters; the period lasts 12 months
    // (periodMonthsFromHeader in canonical.ts).
    const v = sql`upper(trim(${column}))`;
    const four = sql`TRY_CAST(NULLIF(regexp_extract(${v}, ${literal(YEAR)}, 1), '') AS INTEGER)`;
    // Two digits: FY70-FY99 are 1970-1999, FY00-FY69 are 2000-2069.
    const yy = sql`TRY_CAST(NULLIF(regexp_extract(${v}, ${literal(YEAR)}, 2), '') AS INTEGER)`;
    const two = sql`CASE WHEN ${yy} >= 70 THEN 1900 + ${yy} ELSE 2000 + ${yy} END`;
    return sql`CASE WHEN regexp_matches(${v}, ${literal(YEAR)}) THEN make_date(coalesce(${four}, ${two}), 1, 1) END`;
  }
  if (format === 'quarter') {
    const v = quarterValue(column);
    const year = sql`TRY_CAST(coalesce(NULLIF(regexp_extract(${v}, ${literal(QUARTER)}, 1), ''), NULLIF(regexp_extract(${v}, ${literal(QUARTER)}, 4), '')) AS INTEGER)`;
    const q = sql`TRY_CAST(coalesce(NULLIF(regexp_extract(${v}, ${literal(QUARTER)}, 2), ''), NULLIF(regexp_extract(${v}, ${literal(QUARTER)}, 3), '')) AS INTEGER)`;
    return sql`CASE WHEN regexp_matches(${v}, ${literal(QUARTER)}) THEN make_date(${year}, (${q} - 1) * 3 + 1, 1) END`;
  }
  if (format === 'excel') {
    // Excel's day 1 is 1900-01-01 and it counts a 29 Feb 1900 that never was: day 0 is 1899-12-30.
    return sql`CASE WHEN regexp_matches(trim(${column}), '^\\d{5}(\\.\\d+)?$')
      THEN CAST(DATE '1899-12-30' + CAST(floor(TRY_CAST(trim(${column}) AS DOUBLE)) AS INTEGER) AS DATE) END`;
  }
  // A value that is the date alone (most are) parses as it is; try_strptime skips surrounding spaces.
  // Only the rest is cut to its date part, which costs twice the parse.
  const whole = sql`try_strptime(${column}, ${literal(format)})`;
  const part = sql`try_strptime(${datePart(column, format)}, ${literal(format)})`;
  // Where the first values have times, most do: cut first, since a failed parse costs more than
  // the cut (1M "7/16/2021 10:31 AM": 155 ms against 112, Node). Either order gives the same date:
  // a value that parses whole has nothing after its date to cut.
  return sql`CAST(coalesce(${timed ? part : whole}, ${timed ? whole : part}) AS DATE)`;
}

/** Whether every sampled value of a date column has something after its date (a time, a zone). */
export function datesWithTimes(samples: readonly string[]): boolean {
  return samples.length > 0 && samples.every((v) => /[ T]/.test(v.trim()));
}

/** Whether a raw value parses under `format` (used to count and to report failures). */
export function dateMatches(column: Sql, format: DateFormat): Sql {
  if (format === 'quarter') return sql`regexp_matches(${quarterValue(column)}, ${literal(QUARTER)})`;
  if (format === 'year') return sql`regexp_matches(upper(trim(${column})), ${literal(YEAR)})`;
  if (format === 'excel') {
    return sql`(regexp_matches(trim(${column}), '^\\d{5}(\\.\\d+)?$') AND TRY_CAST(trim(${column}) AS DOUBLE) BETWEEN 20000 AND 80000)`;
  }
  return sql`(try_strptime(${datePart(column, format)}, ${literal(format)}) IS NOT NULL)`;
}

/** Decimal separator of a number column: "1,234.56" (dot) or "1.234,56" / "1 234,56" (comma). */
export const NUMBER_FORMATS = ['dot', 'comma'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

/** Digits, separators, sign and parentheses only: currency symbols, codes and spaces removed. */
function numberCore(column: Sql): Sql {
  return sql`regexp_replace(trim(${column}), '[^0-9,.()\\-]', '', 'g')`;
}

/** Unsigned digits and separators: the core without minus signs and parentheses. */
function unsignedOf(core: Sql): Sql {
  return sql`regexp_replace(${core}, '[()\\-]', '', 'g')`;
}

const NUMBER_SHAPE: Record<NumberFormat, string> = {
  dot: '^(\\d{1,3}(,\\d{3})+(\\.\\d+)?|\\d+(\\.\\d+)?|\\.\\d+)$',
  comma: '^(\\d{1,3}(\\.\\d{3})+(,\\d+)?|\\d+(,\\d+)?|,\\d+)$',
};

export function numberMatches(column: Sql, format: NumberFormat): Sql {
  return sql`regexp_matches(${unsignedOf(numberCore(column))}, ${literal(NUMBER_SHAPE[format])})`;
}

/** The lambda parameter the slow path of parseNumber names a value's core by. */
const CORE = raw('kpi_number_core');

/** A value's digits and separators as the engine casts them: grouping separators dropped, the decimal one a point. */
function normalNumber(digits: Sql, format: NumberFormat): Sql {
  return format === 'dot' ? sql`replace(${digits}, ',', '')` : sql`replace(replace(${digits}, '.', ''), ',', '.')`;
}

/**
 * What every sampled value of a number column has around its digits and separators, when that is
 * symbols and spaces only: "$" in "$97,015.00", " €" in "97.015,00 €", "%" in "80%". Formatted
 * exports (Salesforce reports, spreadsheets) write every value so. It only makes parseNumber faster:
 * no value with these symbols could be cast as it is, and the cleaning would drop them.
 */
export interface NumberAffixes {
  prefix: string;
  suffix: string;
}

const AFFIX = /^[ $€£¥￥元%]*$/u;

export function numberAffixes(samples: readonly string[]): NumberAffixes | null {
  let found: NumberAffixes | null = null;
  for (const value of samples) {
    const parts = /^([^\d.,]*)[\d.,]+([^\d.,]*)$/u.exec(value);
    if (!parts || (found && (found.prefix !== parts[1] || found.suffix !== parts[2]))) return null;
    found = { prefix: parts[1], suffix: parts[2] };
  }
  if (!found || !AFFIX.test(found.prefix + found.suffix) || (found.prefix + found.suffix).trim() === '') return null;
  return found;
}

/** The value without `affixes` (null when it does not have them, or nothing is between them). */
function withoutAffixes(column: Sql, { prefix, suffix }: NumberAffixes): { has: Sql; inner: Sql } {
  const around = [...prefix].length + [...suffix].length;
  return {
    has: sql`prefix(${column}, ${literal(prefix)}) AND suffix(${column}, ${literal(suffix)}) AND length(${column}) > ${raw(String(around))}`,
    inner: sql`substring(${column}, ${raw(String([...prefix].length + 1))}, length(${column}) - ${raw(String(around))})`,
  };
}

/** A value of digits and separators in the column's shape ("1.234,5", "1,234.5"), cast; else NULL. */
function separatedNumber(value: Sql, format: NumberFormat): Sql {
  return sql`CASE WHEN regexp_matches(${value}, ${literal(NUMBER_SHAPE[format])}) THEN TRY_CAST(${normalNumber(value, format)} AS DOUBLE) END`;
}

/** "$12,345.67", "12.345,67 €", "USD 1200", "(300)", "300-": a number, negative where marked. */
export function parseNumber(column: Sql, format: NumberFormat = 'dot', affixes: NumberAffixes | null = null): Sql {
  const digits = unsignedOf(CORE);
  const negative = sql`regexp_matches(${CORE}, '^\\(.*\\)$|^-|-$')`;
  // The core is cleaned once, inside a lambda: written out twice in the expression, DuckDB's
  // common-subexpression pass computed it (two regular expressions) for every value, the plain
  // numbers included, before COALESCE could skip them (1M amounts: 291 ms against 54).
  const slow = sql`list_transform([${numberCore(column)}], lambda ${CORE}: CASE WHEN ${negative} THEN -1 ELSE 1 END * ${separatedNumber(digits, format)})[1]`;
  // A value that is only digits and separators in the column's shape ("1.234,5", "1,234.5") needs
  // no cleaning: one match, then the cast (COALESCE is lazy). In a decimal-comma export every value
  // is one: 1M amounts took 680 ms through the cleaning, 227 ms so (Node).
  const separated = separatedNumber(column, format);
  // The same between the symbols the column's values carry ("$97,015.00"): 1M such amounts took
  // 1,240 ms through a failed cast and the cleaning.
  const bare = affixes && withoutAffixes(column, affixes);
  const first = bare ? [sql`CASE WHEN ${bare.has} THEN ${separatedNumber(bare.inner, format)} END`] : [];
  // Most values of a decimal-point column are plain numbers: cast them directly (a failed cast
  // costs ten times a successful one, so a decimal-comma column is matched first). In a
  // decimal-comma column a point is a thousands separator, so only values without one may take
  // the cast ("1.234" is 1234 there). The cast skips surrounding spaces itself.
  const paths = format === 'comma'
    ? [...first, separated, sql`CASE WHEN NOT contains(${column}, '.') THEN TRY_CAST(${column} AS DOUBLE) END`, slow]
    : [...first, sql`TRY_CAST(${column} AS DOUBLE)`, separated, slow];
  return sql`coalesce(${join(paths)})`;
}

/**
 * The currency a money value names ("$", "€", "¥", "USD 12"), as an ISO code, or NULL. A value of
 * digits, separators and signs alone names none: in a decimal-point column most values cast, which is
 * the cheapest test; in a decimal-comma column the cast fails on most, and a failed cast costs more
 * than a match of the characters (1M amounts such as "97.015,00": 620 ms against 90, Node).
 */
export function currencyOf(column: Sql, format: NumberFormat = 'dot', affixes: NumberAffixes | null = null): Sql {
  const bare = format === 'dot' ? sql`TRY_CAST(${column} AS DOUBLE) IS NOT NULL` : sql`NOT regexp_matches(${column}, '[^0-9.,()\\s+\\-]')`;
  // A value of digits between the column's symbols names what the symbols name (a constant).
  const around = affixes && withoutAffixes(column, affixes);
  const symbols = around
    ? sql`WHEN ${around.has} AND regexp_matches(${around.inner}, ${literal(NUMBER_SHAPE[format])}) THEN ${currencyOf(literal(affixes.prefix + affixes.suffix))}`
    : raw('');
  return sql`CASE ${symbols}
    WHEN ${bare} THEN NULL
    WHEN regexp_matches(${column}, '\\b(USD|EUR|GBP|CNY|RMB|JPY|CAD|AUD|CHF|SEK|NOK|DKK|INR|SGD|HKD|BRL|MXN)\\b')
      THEN replace(regexp_extract(${column}, '\\b(USD|EUR|GBP|CNY|RMB|JPY|CAD|AUD|CHF|SEK|NOK|DKK|INR|SGD|HKD|BRL|MXN)\\b', 1), 'RMB', 'CNY')
    WHEN contains(${column}, '€') THEN 'EUR'
    WHEN contains(${column}, '£') THEN 'GBP'
    WHEN contains(${column}, '¥') OR contains(${column}, '￥') OR contains(${column}, '元') THEN 'CNY'
    WHEN contains(${column}, '$') THEN 'USD'
  END`;
}

/**
 * The value without leading or trailing spaces, as trim() gives it. Most values have none, and
 * testing the two ends is four times cheaper than trim() on every value (a million rows per column).
 */
function trimmed(column: Sql): Sql {
  return sql`CASE WHEN prefix(${column}, ' ') OR suffix(${column}, ' ') THEN trim(${column}) ELSE ${column} END`;
}

export function parseText(column: Sql): Sql {
  return sql`NULLIF(${trimmed(column)}, '')`;
}

export function parseBool(column: Sql): Sql {
  return sql`CASE
    WHEN lower(trim(${column})) IN ('true', 't', 'yes', 'y', '1', 'won', '是', '赢单') THEN TRUE
    WHEN lower(trim(${column})) IN ('false', 'f', 'no', 'n', '0', '否') THEN FALSE
  END`;
}
