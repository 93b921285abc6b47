// SQL expressions that turn a raw text column into a typed value. Formats are decided per column
// from the whole column (see dates.ts), never per row.

import { literal, raw, sql, type Sql } from '../db/sql';

/** Candidate date formats, in the order ties are broken (ISO first, then US month-first as Salesforce writes). */
export const DATE_FORMATS = [
  '%Y-%m-%d', '%Y/%m/%d', '%m/%d/%Y', '%d/%m/%Y', '%d.%m.%Y', '%m-%d-%Y', '%d-%m-%Y', '%m/%d/%y', '%d/%m/%y', '%Y.%m.%d',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** The date part of a value: drops times ("2024-01-05 10:00", "2024-01-05T10:00:00Z") and whitespace. */
export function datePart(column: Sql): Sql {
  return sql`regexp_extract(trim(${column}), '^([0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4})', 1)`;
}

export function parseDate(column: Sql, format: DateFormat | null): Sql {
  if (!format) return raw('CAST(NULL AS DATE)');
  return sql`CAST(try_strptime(${datePart(column)}, ${literal(format)}) AS DATE)`;
}

/** "$12,345.67", "USD 1200", "-300": keeps digits, the point and the minus sign. */
export function parseNumber(column: Sql): Sql {
  return sql`TRY_CAST(NULLIF(regexp_replace(trim(${column}), '[^0-9.\\-]', '', 'g'), '') AS DOUBLE)`;
}

export function parseText(column: Sql): Sql {
  return sql`NULLIF(trim(${column}), '')`;
}

export function parseBool(column: Sql): Sql {
  return sql`CASE
    WHEN lower(trim(${column})) IN ('true', 't', 'yes', 'y', '1', 'won', '是') THEN TRUE
    WHEN lower(trim(${column})) IN ('false', 'f', 'no', 'n', '0', '否') THEN FALSE
  END`;
}
