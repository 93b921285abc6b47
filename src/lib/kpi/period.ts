// Calendar arithmetic on ISO dates (yyyy-mm-dd), in UTC so the viewer's time zone never shifts a day,
// and the SQL for grain buckets that follow the fiscal year start.

import { raw, sql, type Sql } from '../db/sql';

export const GRAINS = ['week', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

/** Inclusive date range. */
export interface DateRange {
  from: string;
  to: string;
}

const DAY = 86_400_000;

function parse(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = parse(value);
  return !Number.isNaN(d.getTime()) && format(d) === value;
}

export function addDays(iso: string, days: number): string {
  return format(new Date(parse(iso).getTime() + days * DAY));
}

export function addMonths(iso: string, months: number): string {
  const d = parse(iso);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return format(target);
}

/** Days from `a` to `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parse(b).getTime() - parse(a).getTime()) / DAY);
}

/** First day of the fiscal year containing `iso`, for a fiscal year starting in month `fyStart` (1-12). */
export function fiscalYearStart(iso: string, fyStart: number): string {
  const d = parse(iso);
  const year = d.getUTCMonth() + 1 >= fyStart ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  return format(new Date(Date.UTC(year, fyStart - 1, 1)));
}

/** The fiscal year's name: the calendar year in which it ends (FY2025 = Feb 2024 - Jan 2025 when fyStart = 2). */
export function fiscalYearLabel(iso: string, fyStart: number): number {
  const start = parse(fiscalYearStart(iso, fyStart));
  return fyStart === 1 ? start.getUTCFullYear() : start.getUTCFullYear() + 1;
}

/** Default view range: fiscal year to date of the as-of date. */
export function fiscalYearToDate(asOf: string, fyStart: number): DateRange {
  return { from: fiscalYearStart(asOf, fyStart), to: asOf };
}

/** The period of equal length that ends the day before `range` starts. */
export function previousRange(range: DateRange): DateRange {
  const length = daysBetween(range.from, range.to) + 1;
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/** The same dates one year earlier. */
export function sameRangeLastYear(range: DateRange): DateRange {
  return { from: addMonths(range.from, -12), to: addMonths(range.to, -12) };
}

const STEP: Record<Grain, Sql> = {
  week: raw('INTERVAL 7 DAY'),
  month: raw('INTERVAL 1 MONTH'),
  quarter: raw('INTERVAL 3 MONTH'),
  year: raw('INTERVAL 12 MONTH'),
};

/** SQL for the first day of the grain bucket holding `column` (weeks start Monday; quarters and years fiscal). */
export function bucketSql(grain: Grain, column: Sql, fyStart: number): Sql {
  switch (grain) {
    case 'week':
      return sql`CAST(date_trunc('week', ${column}) AS DATE)`;
    case 'month':
      return sql`CAST(date_trunc('month', ${column}) AS DATE)`;
    case 'quarter':
    case 'year': {
      const unit = grain === 'quarter' ? raw(`'quarter'`) : raw(`'year'`);
      const shift = sql`to_months(CAST(${fyStart - 1} AS INTEGER))`;
      return sql`CAST(date_trunc(${unit}, ${column} - ${shift}) + ${shift} AS DATE)`;
    }
  }
}

/** A one-column relation `bucket` with every bucket start touching the range, in order. */
export function bucketSeriesSql(grain: Grain, range: DateRange, fyStart: number): Sql {
  const first = bucketSql(grain, sql`CAST(${range.from} AS DATE)`, fyStart);
  return sql`SELECT CAST(unnest(generate_series(CAST(${first} AS TIMESTAMP), CAST(CAST(${range.to} AS DATE) AS TIMESTAMP), ${STEP[grain]})) AS DATE) AS bucket`;
}

/** First day of the grain bucket holding `iso`, computed in JS (mirrors bucketSql). */
export function bucketStart(grain: Grain, iso: string, fyStart: number): string {
  const d = parse(iso);
  if (grain === 'week') return addDays(iso, -((d.getUTCDay() + 6) % 7));
  if (grain === 'month') return format(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
  const fy = parse(fiscalYearStart(iso, fyStart));
  if (grain === 'year') return format(fy);
  const monthsIn = (d.getUTCFullYear() - fy.getUTCFullYear()) * 12 + d.getUTCMonth() - fy.getUTCMonth();
  return addMonths(format(fy), monthsIn - (monthsIn % 3));
}

/** The grain buckets of a range, each cut to the range (the first and last may be partial). */
export function bucketsOf(grain: Grain, range: DateRange, fyStart: number): DateRange[] {
  const out: DateRange[] = [];
  const next = (start: string) => (grain === 'week' ? addDays(start, 7) : addMonths(start, grain === 'month' ? 1 : grain === 'quarter' ? 3 : 12));
  for (let start = bucketStart(grain, range.from, fyStart); start <= range.to; start = next(start)) {
    const end = addDays(next(start), -1);
    out.push({ from: start < range.from ? range.from : start, to: end > range.to ? range.to : end });
  }
  return out;
}

export const PRESETS = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'fiscalYtd', 'lastFiscalYear', 'trailing12'] as const;
export type Preset = (typeof PRESETS)[number];

/** Date range presets relative to the as-of date (quarters and years follow the fiscal start). */
export function presetRange(preset: Preset, asOf: string, fyStart: number): DateRange {
  const monthStart = bucketStart('month', asOf, fyStart);
  const quarterStart = bucketStart('quarter', asOf, fyStart);
  const fy = fiscalYearStart(asOf, fyStart);
  switch (preset) {
    case 'thisMonth':
      return { from: monthStart, to: asOf };
    case 'lastMonth':
      return { from: addMonths(monthStart, -1), to: addDays(monthStart, -1) };
    case 'thisQuarter':
      return { from: quarterStart, to: asOf };
    case 'lastQuarter':
      return { from: addMonths(quarterStart, -3), to: addDays(quarterStart, -1) };
    case 'fiscalYtd':
      return { from: fy, to: asOf };
    case 'lastFiscalYear':
      return { from: addMonths(fy, -12), to: addDays(fy, -1) };
    case 'trailing12':
      return { from: addDays(addMonths(asOf, -12), 1), to: asOf };
  }
}
