// What a file's first values say about it, for files whose headers alone leave the kind open
// (generic headers such as Name, Date, Amount, Status): a column of won/lost/open words is a deal
// outcome; a column of first-of-month dates beside amounts and accounts is monthly revenue.

import { LOST_PATTERN, OPEN_PATTERN, WON_PATTERN } from './stages';

/** The first data rows of a file, each aligned with its headers. */
export type SampleRows = readonly (readonly string[])[];

/** The non-empty, trimmed values of column `index`. */
export function columnValues(sample: SampleRows, index: number): string[] {
  return sample.map((row) => (row[index] ?? '').trim()).filter((v) => v !== '');
}

const WON = new RegExp(WON_PATTERN);
const LOST = new RegExp(LOST_PATTERN);
const OPEN = new RegExp(OPEN_PATTERN);

/** Every value a won, lost or open word, and at least one deal decided: a deal's outcome. */
export function isOutcomeColumn(values: readonly string[]): boolean {
  const lower = values.map((v) => v.toLowerCase());
  return values.length >= 2 && lower.every((v) => WON.test(v) || LOST.test(v) || OPEN.test(v)) && lower.some((v) => WON.test(v) || LOST.test(v));
}

/** A trailing time ("00:00", "0:00:00 AM", "T00:00:00Z") is no part of the date. */
const withoutTime = (v: string) => v.replace(/(\s+|T)\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AaPp][Mm])?\s*(Z|[+-]\d{2}:?\d{2})?$/, '');

/** Year first (2024-03-01, 2024/3/1, 2024-03, 2024年3月1日) or year last (03/01/2024, 01.03.2024). */
const YEAR_FIRST = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月)?$/;
const YEAR_LAST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/** Whether every value reads as a date in one of the common numeric shapes. */
export function isDateColumn(values: readonly string[]): boolean {
  return values.length > 0 && values.map(withoutTime).every((v) => YEAR_FIRST.test(v) || YEAR_LAST.test(v));
}

/**
 * Every value the first day of a month, at least two months: "2024-03-01" and "2024-03" (year
 * first), or with the year last, 1 as the day in one position for the whole column ("3/1/2024"
 * month-first or "01/03/2024" day-first).
 */
export function isMonthStartColumn(values: readonly string[]): boolean {
  const dates = values.map(withoutTime);
  if (dates.length < 2 || new Set(dates).size < 2) return false;
  if (dates.every((v) => YEAR_FIRST.test(v))) return dates.every((v) => [undefined, '1', '01'].includes(YEAR_FIRST.exec(v)![3]));
  if (!dates.every((v) => YEAR_LAST.test(v))) return false;
  // The 1 must be the day: the other position is then a month (12 or less) and the reading holds
  // ("1/15/2024" has 1 first, but 15 shows it is 15 January, not a month start).
  const parts = dates.map((v) => YEAR_LAST.exec(v)!.slice(1, 3).map(Number));
  const monthFirst = parts.every(([month, day]) => day === 1 && month <= 12);
  const dayFirst = parts.every(([day, month]) => day === 1 && month <= 12);
  return monthFirst || dayFirst;
}

/** Plain numbers, with thousands separators, currency marks or a sign ("$1,200.50", "(300)", "1.234,5 €"). */
export function isNumberColumn(values: readonly string[]): boolean {
  return values.length > 0 && values.every((v) => /^[^\d]{0,4}\(?-?\d[\d,.\s]*\)?[^\d]{0,4}$/.test(v) && /\d/.test(v));
}
