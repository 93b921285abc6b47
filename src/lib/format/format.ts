// Locale-aware formatting of KPI values, dates and grain buckets. Pure: the locale is an argument.

import type { Unit } from '../kpi/registry';
import { fiscalYearLabel, type Grain } from '../kpi/period';
import type { Encoding } from '../db/encoding';

/** Encodings by the names people know them by (the same in every language). */
export const ENCODING_LABEL: Record<Encoding, string> = {
  'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', gb18030: 'GB18030 / GBK', 'windows-1252': 'Windows-1252',
};

/** The message naming each delimiter. */
export const DELIMITER_LABEL: Record<string, 'delimiter.comma' | 'delimiter.semicolon' | 'delimiter.tab' | 'delimiter.pipe'> = {
  ',': 'delimiter.comma', ';': 'delimiter.semicolon', '\t': 'delimiter.tab', '|': 'delimiter.pipe',
};

export interface FormatContext {
  locale: string;
  /** ISO 4217 code of the data's currency, when known. */
  currency: string | null;
}

/** Intl formatters are costly to build (a chart's axis and tips format hundreds of values): one per locale and options. */
function cached<O, F>(make: (locale: string, options: O) => F): (locale: string, options: O) => F {
  const cache = new Map<string, F>();
  return (locale, options) => {
    const key = `${locale}|${JSON.stringify(options)}`;
    let f = cache.get(key);
    if (!f) {
      f = make(locale, options);
      cache.set(key, f);
    }
    return f;
  };
}

const numberFormat = cached((locale: string, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options));
const dateFormat = cached((locale: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options));

export function formatMoney(value: number, ctx: FormatContext, compact = false): string {
  const options: Intl.NumberFormatOptions = compact
    ? { notation: 'compact', maximumFractionDigits: 1 }
    : { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 };
  if (ctx.currency) {
    try {
      return numberFormat(ctx.locale, { ...options, style: 'currency', currency: ctx.currency }).format(value);
    } catch {
      // An invalid currency code in the data: fall back to a plain number.
    }
  }
  return numberFormat(ctx.locale, options).format(value);
}

export function formatCount(value: number, ctx: FormatContext): string {
  return numberFormat(ctx.locale, { maximumFractionDigits: 0 }).format(value);
}

export function formatRatio(value: number, ctx: FormatContext, digits = 1): string {
  return numberFormat(ctx.locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatDays(value: number, ctx: FormatContext): string {
  return numberFormat(ctx.locale, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 }).format(value);
}

export function formatValue(value: number | null, unit: Unit, ctx: FormatContext): string {
  if (value === null || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'money':
      return formatMoney(value, ctx);
    case 'ratio':
      return formatRatio(value, ctx);
    case 'days':
      return formatDays(value, ctx);
    case 'multiple':
      return `${numberFormat(ctx.locale, { maximumFractionDigits: 2, minimumFractionDigits: value < 10 ? 1 : 0 }).format(value)}×`;
    default:
      return formatCount(value, ctx);
  }
}

/** Relative change as a signed percentage ("+12.5%"); null when the base is zero or missing. */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

export function formatChange(change: number, ctx: FormatContext): string {
  return numberFormat(ctx.locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(change);
}

/** A change between two ratios in percentage points, signed ("+2.6"); the caller adds the unit word. */
export function formatPoints(delta: number, ctx: FormatContext): string {
  return numberFormat(ctx.locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(delta * 100);
}

export function formatDate(iso: string, locale: string, style: 'medium' | 'short' = 'medium'): string {
  return dateFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

type Translate = (key: 'period.week' | 'period.quarter' | 'period.fiscalQuarter' | 'period.fiscalYear', params: Record<string, string | number>) => string;

/** The label of a grain bucket that starts on `iso`. */
export function formatPeriod(iso: string, grain: Grain, fyStart: number, locale: string, t: Translate): string {
  const d = new Date(`${iso}T00:00:00Z`);
  switch (grain) {
    case 'week':
      return t('period.week', { date: formatDate(iso, locale) });
    case 'month':
      return dateFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
    case 'quarter': {
      const monthsIntoYear = (d.getUTCMonth() - (fyStart - 1) + 12) % 12;
      const q = Math.floor(monthsIntoYear / 3) + 1;
      return fyStart === 1
        ? t('period.quarter', { q, year: d.getUTCFullYear() })
        : t('period.fiscalQuarter', { q, year: fiscalYearLabel(iso, fyStart) });
    }
    case 'year':
      return fyStart === 1 ? String(d.getUTCFullYear()) : t('period.fiscalYear', { year: fiscalYearLabel(iso, fyStart) });
  }
}

/**
 * A short axis label for the bucket starting on `iso` ("Mar", "Q2", "Jan 8"), with the year added
 * on the first tick and wherever the year changes from the previous tick.
 */
export function formatPeriodTick(iso: string, previous: string | null, grain: Grain, fyStart: number, locale: string, t: Translate): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const yearOf = (x: string) => (grain === 'quarter' || grain === 'year' ? fiscalYearLabel(x, fyStart) : Number(x.slice(0, 4)));
  const showYear = previous === null || yearOf(previous) !== yearOf(iso);
  switch (grain) {
    case 'week': {
      const day = dateFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
      return showYear ? `${day}\n${d.getUTCFullYear()}` : day;
    }
    case 'month': {
      const month = dateFormat(locale, { month: 'short', timeZone: 'UTC' }).format(d);
      return showYear ? `${month}\n${d.getUTCFullYear()}` : month;
    }
    case 'quarter': {
      const q = Math.floor(((d.getUTCMonth() - (fyStart - 1) + 12) % 12) / 3) + 1;
      if (!showYear) return `Q${q}`;
      return `Q${q}\n${fyStart === 1 ? d.getUTCFullYear() : t('period.fiscalYear', { year: fiscalYearLabel(iso, fyStart) })}`;
    }
    case 'year':
      return formatPeriod(iso, grain, fyStart, locale, t);
  }
}

/** "%m/%d/%Y" -> "MM/DD/YYYY": how a date format reads to a person. Named formats come from the catalog. */
export function datePatternLabel(format: string): string {
  return format.replaceAll('%Y', 'YYYY').replaceAll('%y', 'YY').replaceAll('%m', 'MM').replaceAll('%d', 'DD').replaceAll('%b', 'Mon');
}
